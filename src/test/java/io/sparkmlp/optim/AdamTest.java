package io.sparkmlp.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Two Adam steps (beta1 0.9, beta2 0.999, eps 1e-8, lr 0.1) worked out by hand. */
class AdamTest {
  private static final double CLOSE = 1e-12;

  @Test
  void twoStepsByHand() {
    Adam adam = new Adam(0.9, 0.999, 1e-8);
    adam.initialize(1);
    double[] w = {1.0};
    // g = 2: m = 0.2, v = 0.004; m^ = 0.2 / 0.1 = 2, v^ = 0.004 / 0.001 = 4;
    // w = 1 - 0.1 * 2 / (2 + 1e-8) = 0.9000000005
    adam.step(w, new double[] {2.0}, 0.1);
    assertArrayEquals(new double[] {0.9000000005}, w, CLOSE);
    // g = -1: m = 0.08, v = 0.004996; m^ = 0.08 / 0.19, v^ = 0.004996 / 0.001999;
    // w = 0.9000000005 - 0.1 * m^ / (sqrt(v^) + 1e-8) = 0.8733662967024315
    adam.step(w, new double[] {-1.0}, 0.1);
    assertArrayEquals(new double[] {0.8733662967024315}, w, CLOSE);
  }

  @Test
  void copyContinuesFromTheSameMoments() {
    Adam adam = new Adam(0.9, 0.999, 1e-8);
    adam.initialize(1);
    double[] w = {1.0};
    adam.step(w, new double[] {2.0}, 0.1);
    Adam copy = adam.copy();
    double[] fromCopy = w.clone();
    copy.step(fromCopy, new double[] {-1.0}, 0.1);
    adam.step(w, new double[] {-1.0}, 0.1);
    assertArrayEquals(w, fromCopy, 0);
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Adam(1.0, 0.999, 1e-8));
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 0));
  }
}
