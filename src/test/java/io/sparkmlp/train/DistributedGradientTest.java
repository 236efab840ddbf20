package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.BatchResult;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gradient treeAggregate sums over partitions equals the single-machine full-batch one: to
 * double's rounding in float64, to float's in float32.
 */
class DistributedGradientTest extends SparkTest {
  private static final double RELATIVE_TOLERANCE = 1e-12;

  /** float's epsilon is 6e-8; sums of 1000 examples' float products stay well within 1e-5. */
  private static final double FLOAT32_RELATIVE_TOLERANCE = 1e-5;

  private static final int EXAMPLES = 1000;
  private static final Topology TOPOLOGY =
      Topology.uniform(
          new int[] {6, 10, 4}, new Activation.Tanh(), OutputLoss.of("softmax", "cross_entropy"));

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 2, 3, 7})
  void fullBatchGradientMatchesSingleMachine(int partitions) {
    compareWithSingleMachine(partitions, Precision.FLOAT64, RELATIVE_TOLERANCE);
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 3})
  void float32GradientMatchesSingleMachineToFloatRounding(int partitions) {
    double relative =
        compareWithSingleMachine(partitions, Precision.FLOAT32, FLOAT32_RELATIVE_TOLERANCE);
    assertTrue(relative > 0, "a float32 step that matches double exactly did not run in float");
  }

  @Test
  void evaluationOfAFloatCacheMatchesADoubleOneToFloatRounding() {
    List<Example> examples = TestData.random(TOPOLOGY, EXAMPLES, 5);
    double[] parameters = Initializer.UNIFORM.initialize(TOPOLOGY, 13, 0);
    try (TrainingData<?> wide =
            TrainingData.cache(jsc().parallelize(examples, 3), TOPOLOGY, "test data");
        TrainingData<?> narrow =
            TrainingData.cache(
                jsc().parallelize(examples, 3), TOPOLOGY, "test data", Precision.FLOAT32)) {
      Partial<?> expected = DistributedGradient.evaluate(wide, TOPOLOGY, parameters, 2);
      Partial<?> actual = DistributedGradient.evaluate(narrow, TOPOLOGY, parameters, 2);
      assertEquals(EXAMPLES, actual.count());
      assertEquals(
          expected.lossSum(), actual.lossSum(), FLOAT32_RELATIVE_TOLERANCE * expected.lossSum());
      assertTrue(
          Math.abs(expected.correct() - actual.correct()) <= 1,
          expected.correct() + " vs " + actual.correct() + " correct");
    }
  }

  /** Returns the largest gradient difference relative to the largest gradient magnitude. */
  private double compareWithSingleMachine(int partitions, Precision precision, double tolerance) {
    List<Example> examples = TestData.random(TOPOLOGY, EXAMPLES, 3);
    double[] parameters = Initializer.UNIFORM.initialize(TOPOLOGY, 11, 0);

    double[] x = new double[TOPOLOGY.inputs() * EXAMPLES];
    double[] y = new double[EXAMPLES];
    for (int i = 0; i < EXAMPLES; i++) {
      System.arraycopy(examples.get(i).features(), 0, x, i * TOPOLOGY.inputs(), TOPOLOGY.inputs());
      y[i] = examples.get(i).target()[0];
    }
    double[] expected = new double[parameters.length];
    BatchResult single =
        Backprop.accumulateGradient(
            TOPOLOGY,
            parameters,
            x,
            0,
            y,
            0,
            EXAMPLES,
            Workspace.float64(TOPOLOGY, EXAMPLES),
            expected);

    try (TrainingData<?> data =
        TrainingData.cache(
            jsc().parallelize(examples, partitions), TOPOLOGY, "test data", precision)) {
      MinibatchPlan fullBatch = new MinibatchPlan(1, EXAMPLES, EXAMPLES);
      Partial<?> sums =
          DistributedGradient.sum(data, TOPOLOGY, parameters, fullBatch, 0, 0, TaskProbe.NONE, 2);

      assertEquals(EXAMPLES, sums.count());
      assertEquals(single.correct(), sums.correct());
      assertEquals(single.lossSum(), sums.lossSum(), tolerance * single.lossSum());
      double[] mean = new double[parameters.length];
      sums.meanGradient(mean);
      double maxDifference = 0;
      double maxMagnitude = 0;
      for (int i = 0; i < expected.length; i++) {
        double expectedMean = expected[i] / EXAMPLES;
        maxDifference = Math.max(maxDifference, Math.abs(mean[i] - expectedMean));
        maxMagnitude = Math.max(maxMagnitude, Math.abs(expectedMean));
      }
      double relative = maxDifference / maxMagnitude;
      assertTrue(relative <= tolerance, precision + ": relative difference " + relative);
      return relative;
    }
  }
}
