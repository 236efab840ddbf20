package io.sparkmlp.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Two steps of v' = mu v - lr g, w = w - mu v + (1 + mu) v', worked out by hand. */
class NesterovSgdTest {
  private static final double EXACT = 1e-15;

  @Test
  void twoStepsByHand() {
    NesterovSgd sgd = new NesterovSgd(0.5);
    sgd.initialize(1);
    double[] w = {1.0};
    // v' = 0.5 * 0 - 0.1 * 4 = -0.4; w = 1 - 0.5 * 0 + 1.5 * (-0.4) = 0.4
    sgd.step(w, new double[] {4.0}, 0.1);
    assertArrayEquals(new double[] {0.4}, w, EXACT);
    // v' = 0.5 * (-0.4) - 0.1 * 2 = -0.4; w = 0.4 - 0.5 * (-0.4) + 1.5 * (-0.4) = 0
    sgd.step(w, new double[] {2.0}, 0.1);
    assertArrayEquals(new double[] {0.0}, w, EXACT);
  }
}
