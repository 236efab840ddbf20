package io.sparkmlp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegularizationTest {
  private static final Topology NET =
      Topology.uniform(
          new int[] {2, 1}, new Activation.Tanh(), OutputLoss.of("sigmoid", "cross_entropy"));

  @Test
  void penaltyAndGradientTouchWeightsOnly() {
    Regularization regularization = new Regularization(0.5, 2);
    double[] parameters = {3, -1, 10}; // W = (3, -1), b = 10
    // 0.5 (|3| + |-1|) + 2/2 (9 + 1) = 2 + 10
    assertEquals(12, regularization.penalty(NET, parameters), 1e-15);
    double[] gradient = new double[3];
    regularization.addGradient(NET, parameters, gradient);
    assertEquals(0.5 + 2 * 3, gradient[0], 1e-15);
    assertEquals(-0.5 + 2 * -1, gradient[1], 1e-15);
    assertEquals(0, gradient[2]);
  }
}
