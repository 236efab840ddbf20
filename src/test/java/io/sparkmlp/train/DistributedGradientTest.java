package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.FeatureLayout;
import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.BatchResult;
import io.sparkmlp.nn.Dropout;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.TestData;
import java.util.ArrayList;
import java.util.Arrays;
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
                jsc().parallelize(examples, 3),
                TOPOLOGY,
                "test data",
                Precision.FLOAT32,
                FeatureLayout.AUTO)) {
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

  @Test
  void integerWeightsGiveTheMeanGradientAndLossOfRepeatedRowsAcrossPartitions() {
    List<Example> examples = TestData.random(TOPOLOGY, 300, 8);
    List<Example> weighted = new ArrayList<>();
    List<Example> repeated = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      Example example = examples.get(i);
      int weight = i % 4; // 0, 1, 2, 3: a quarter of the rows weigh nothing
      weighted.add(new Example(example.features(), example.target(), weight));
      for (int k = 0; k < weight; k++) {
        repeated.add(example);
      }
    }
    double[] parameters = Initializer.UNIFORM.initialize(TOPOLOGY, 3, 0);
    try (TrainingData<?> byWeight =
            TrainingData.cache(jsc().parallelize(weighted, 3), TOPOLOGY, "weighted data");
        TrainingData<?> byCopies =
            TrainingData.cache(jsc().parallelize(repeated, 4), TOPOLOGY, "repeated data")) {
      Partial<?> weightedSums =
          DistributedGradient.sum(
              byWeight,
              TOPOLOGY,
              parameters,
              new MinibatchPlan(1, weighted.size(), weighted.size(), 64),
              Dropout.OFF,
              0,
              0,
              TaskProbe.NONE,
              2);
      Partial<?> copySums =
          DistributedGradient.sum(
              byCopies,
              TOPOLOGY,
              parameters,
              new MinibatchPlan(1, repeated.size(), repeated.size(), 64),
              Dropout.OFF,
              0,
              0,
              TaskProbe.NONE,
              2);
      assertEquals(repeated.size(), weightedSums.weightSum());
      assertEquals(weighted.size(), weightedSums.count());
      double[] byWeightMean = new double[parameters.length];
      double[] byCopiesMean = new double[parameters.length];
      weightedSums.meanGradient(byWeightMean);
      copySums.meanGradient(byCopiesMean);
      double largest = Arrays.stream(byCopiesMean).map(Math::abs).max().orElseThrow();
      for (int i = 0; i < parameters.length; i++) {
        assertEquals(byCopiesMean[i], byWeightMean[i], RELATIVE_TOLERANCE * largest, "entry " + i);
      }
      Metrics weightedLoss =
          Metrics.of(DistributedGradient.evaluate(byWeight, TOPOLOGY, parameters, 2), TOPOLOGY);
      Metrics copiesLoss =
          Metrics.of(DistributedGradient.evaluate(byCopies, TOPOLOGY, parameters, 2), TOPOLOGY);
      assertEquals(copiesLoss.loss(), weightedLoss.loss(), RELATIVE_TOLERANCE * copiesLoss.loss());
    }
  }

  @Test
  void dataWhoseWeightsAreAllZeroIsRefused() {
    List<Example> zero =
        TestData.random(TOPOLOGY, 10, 2).stream()
            .map(e -> new Example(e.features(), e.target(), 0))
            .toList();
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () -> TrainingData.cache(jsc().parallelize(zero, 2), TOPOLOGY, "training data"));
    assertEquals(
        "every row of the training data has weight 0: there is nothing to learn from",
        error.getMessage());
  }

  /** Returns the largest gradient difference relative to the largest gradient magnitude. */
  private double compareWithSingleMachine(int partitions, Precision precision, double tolerance) {
    List<Example> examples = TestData.random(TOPOLOGY, EXAMPLES, 3);
    double[] parameters = Initializer.UNIFORM.initialize(TOPOLOGY, 11, 0);

    double[] x = new double[TOPOLOGY.inputs() * EXAMPLES];
    double[] y = new double[EXAMPLES];
    for (int i = 0; i < EXAMPLES; i++) {
      System.arraycopy(
          examples.get(i).features().toArray(), 0, x, i * TOPOLOGY.inputs(), TOPOLOGY.inputs());
      y[i] = examples.get(i).target()[0];
    }
    double[] expected = new double[parameters.length];
    BatchResult single =
        Backprop.accumulateGradient(
            TOPOLOGY,
            parameters,
            Matrix.of(x, 0, TOPOLOGY.inputs(), EXAMPLES),
            y,
            0,
            TestData.ones(EXAMPLES),
            0,
            Workspace.float64(TOPOLOGY, EXAMPLES),
            expected,
            Dropout.Masks.NONE);

    try (TrainingData<?> data =
        TrainingData.cache(
            jsc().parallelize(examples, partitions),
            TOPOLOGY,
            "test data",
            precision,
            FeatureLayout.AUTO)) {
      MinibatchPlan fullBatch = new MinibatchPlan(1, EXAMPLES, EXAMPLES, 64);
      Partial<?> sums =
          DistributedGradient.sum(
              data, TOPOLOGY, parameters, fullBatch, Dropout.OFF, 0, 0, TaskProbe.NONE, 2);

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
