package io.sparkmlp.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Two steps of v = mu v - lr g, w = w + v, worked out by hand. */
class MomentumSgdTest {
  private static final double EXACT = 1e-15;

  @Test
  void twoStepsByHand() {
    MomentumSgd sgd = new MomentumSgd(0.5);
    sgd.initialize(2);
    double[] w = {1.0, -2.0};
    // step 1: v = -0.1 * (4, -2) = (-0.4, 0.2); w = (0.6, -1.8)
    sgd.step(w, new double[] {4.0, -2.0}, 0.1);
    assertArrayEquals(new double[] {0.6, -1.8}, w, EXACT);
    // step 2: v = 0.5 * (-0.4, 0.2) - 0.1 * (2, 2) = (-0.4, -0.1); w = (0.2, -1.9)
    sgd.step(w, new double[] {2.0, 2.0}, 0.1);
    assertArrayEquals(new double[] {0.2, -1.9}, w, EXACT);
  }

  @Test
  void copyCarriesStateIndependently() {
    MomentumSgd sgd = new MomentumSgd(0.5);
    sgd.initialize(1);
    double[] w = {0};
    sgd.step(w, new double[] {1}, 1); // v = -1, w = -1
    Optimizer copy = sgd.copy();
    double[] fromCopy = {0};
    copy.step(fromCopy, new double[] {0}, 1); // v = -0.5
    sgd.step(w, new double[] {0}, 1); // the original's v is still -1: v = -0.5, w = -1.5
    assertArrayEquals(new double[] {-0.5}, fromCopy, EXACT);
    assertArrayEquals(new double[] {-1.5}, w, EXACT);
  }

  @Test
  void stepBeforeInitializeIsRefused() {
    assertThrows(
        IllegalStateException.class,
        () -> new MomentumSgd(0.9).step(new double[1], new double[1], 1));
  }
}
