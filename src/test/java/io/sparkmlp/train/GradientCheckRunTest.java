package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.TestData;
import io.sparkmlp.testing.Training;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user-facing gradient check: the distributed gradient against finite differences. */
class GradientCheckRunTest extends SparkTest {
  private static final double TOLERANCE = 1e-6;

  @Test
  void distributedGradientOfTwoNetworksPassesInDouble() {
    Topology tanh =
        Topology.uniform(
            new int[] {2, 8, 1}, new Activation.Tanh(), OutputLoss.of("sigmoid", "cross_entropy"));
    Topology deep =
        Topology.uniform(
            new int[] {5, 7, 6, 3},
            new Activation.Sigmoid(),
            OutputLoss.of("softmax", "cross_entropy"));
    try (TrainingData<double[]> xor =
            TrainingData.cache(
                jsc().parallelize(SyntheticData.XOR.generate(300, 1), 3), tanh, "xor");
        TrainingData<double[]> random =
            TrainingData.cache(jsc().parallelize(TestData.random(deep, 300, 2), 3), deep, "rows")) {
      List<GradientCheck.LayerError> tanhErrors =
          GradientCheck.run(xor, Training.config(tanh, 0.1, 64, 1, 3), 5);
      List<GradientCheck.LayerError> deepErrors =
          GradientCheck.run(random, Training.config(deep, 0.1, 64, 1, 3), 5);

      assertEquals(2, tanhErrors.size());
      assertEquals(3, deepErrors.size());
      for (GradientCheck.LayerError error : concat(tanhErrors, deepErrors)) {
        assertTrue(error.maxRelativeError() < TOLERANCE, error.toString());
        assertTrue(error.checked() >= 2, error.toString());
      }
    }
  }

  @Test
  void aWrongGradientIsCaught() {
    // J(w) = w0^2 + 3 w1: the true gradient at (1, 2) is (2, 3)
    double[] parameters = {1, 2};
    double right =
        GradientCheck.maxRelativeError(
            new double[] {2, 3}, w -> w[0] * w[0] + 3 * w[1], parameters, List.of(0, 1), 1e-4);
    double wrong =
        GradientCheck.maxRelativeError(
            new double[] {2, 3.003}, w -> w[0] * w[0] + 3 * w[1], parameters, List.of(0, 1), 1e-4);

    assertTrue(right < 1e-10, "" + right);
    assertEquals(1e-3, wrong, 1e-5);
    assertEquals(1.0, parameters[0], "parameters are restored");
    assertEquals(2.0, parameters[1]);
  }

  private static List<GradientCheck.LayerError> concat(
      List<GradientCheck.LayerError> a, List<GradientCheck.LayerError> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
