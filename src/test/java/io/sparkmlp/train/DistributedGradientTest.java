package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.BatchResult;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.TestData;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gradient treeAggregate sums over partitions equals the single-machine full-batch one. */
class DistributedGradientTest extends SparkTest {
  private static final double RELATIVE_TOLERANCE = 1e-12;
  private static final int EXAMPLES = 1000;
  private static final Topology TOPOLOGY =
      Topology.uniform(
          new int[] {6, 10, 4}, new Activation.Tanh(), OutputLoss.of("softmax", "cross_entropy"));

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 2, 3, 7})
  void fullBatchGradientMatchesSingleMachine(int partitions) {
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
            new Workspace(TOPOLOGY, EXAMPLES),
            expected);

    try (TrainingData data =
        TrainingData.cache(jsc().parallelize(examples, partitions), TOPOLOGY, "test data")) {
      MinibatchPlan fullBatch = new MinibatchPlan(1, EXAMPLES, EXAMPLES);
      Partial sums =
          DistributedGradient.sum(data, TOPOLOGY, parameters, fullBatch, 0, 0, TaskProbe.NONE, 2);

      assertEquals(EXAMPLES, sums.count());
      assertEquals(single.correct(), sums.correct());
      assertEquals(single.lossSum(), sums.lossSum(), RELATIVE_TOLERANCE * single.lossSum());
      double maxDifference = 0;
      double maxMagnitude = 0;
      for (int i = 0; i < expected.length; i++) {
        maxDifference = Math.max(maxDifference, Math.abs(sums.gradient()[i] - expected[i]));
        maxMagnitude = Math.max(maxMagnitude, Math.abs(expected[i]));
      }
      double relative = maxDifference / maxMagnitude;
      assertTrue(relative <= RELATIVE_TOLERANCE, "relative difference " + relative);
    }
  }
}
