package io.sparkmlp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyAndInitializerTest {
  private static final Topology RELU_NET =
      Topology.uniform(
          new int[] {784, 256, 10},
          new Activation.Relu(),
          OutputLoss.of("softmax", "cross_entropy"));

  @Test
  void layersAreConsecutiveViewsOfOneArray() {
    assertEquals(0, RELU_NET.weightOffset(0));
    assertEquals(784 * 256, RELU_NET.biasOffset(0));
    assertEquals(784 * 256 + 256, RELU_NET.weightOffset(1));
    assertEquals(784 * 256 + 256 + 256 * 10 + 10, RELU_NET.parameterCount());
  }

  @Test
  void mismatchedActivationsAreRefused() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Topology(
                    new int[] {2, 3, 3, 1},
                    List.of(new Activation.Tanh()),
                    OutputLoss.of("sigmoid", "cross_entropy")));
    assertTrue(
        error.getMessage().contains("2 hidden layers need as many activations"),
        error.getMessage());
  }

  @Test
  void lectureUniformStaysWithinOneOverSqrtFanIn() {
    double[] parameters = Initializer.UNIFORM.initialize(RELU_NET, 1, 0.01);
    double limit0 = 1 / Math.sqrt(784);
    double maxAbs = 0;
    for (int i = 0; i < RELU_NET.weightCount(0); i++) {
      maxAbs = Math.max(maxAbs, Math.abs(parameters[i]));
    }
    assertTrue(maxAbs <= limit0 && maxAbs > 0.9 * limit0, "max |w| " + maxAbs + " vs " + limit0);
  }

  @Test
  void reluLayersStartWithASmallPositiveBiasAndTheOutputWithZero() {
    double[] parameters = Initializer.HE.initialize(RELU_NET, 1, 0.01);
    for (int i = 0; i < 256; i++) {
      assertEquals(0.01, parameters[RELU_NET.biasOffset(0) + i]);
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(0.0, parameters[RELU_NET.biasOffset(1) + i]);
    }
  }

  @Test
  void heHasVarianceTwoOverFanIn() {
    double[] parameters = Initializer.HE.initialize(RELU_NET, 3, 0);
    double sumSquares = 0;
    int n = RELU_NET.weightCount(0);
    for (int i = 0; i < n; i++) {
      sumSquares += parameters[i] * parameters[i];
    }
    // 200,704 draws: the sample variance is within 1% of 2/784 with overwhelming probability
    assertEquals(2.0 / 784, sumSquares / n, 0.01 * 2.0 / 784);
  }
}
