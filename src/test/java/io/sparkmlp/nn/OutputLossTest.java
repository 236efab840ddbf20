package io.sparkmlp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.testing.TestData;
import org.junit.jupiter.api.Test;

/** Losses stay finite and right where a naive log(softmax) or log(sigmoid) would give log(0). */
class OutputLossTest {
  private static final double CLOSE = 1e-12;

  @Test
  void softmaxCrossEntropyOfHugeLogitsIsExact() {
    OutputLoss loss = OutputLoss.of("softmax", "cross_entropy");
    double[] z = {1000, 0, -1000};
    double[] a = new double[3];
    // true class 1: loss = logsumexp(z) - z_1 = 1000 (+ e^-1000, invisible)
    assertEquals(
        1000, loss.activateAndLoss(z, a, new double[] {1}, 0, TestData.ones(1), 0, 3, 1), CLOSE);
    assertEquals(1.0, a[0], CLOSE);
    assertEquals(0.0, a[2]);
  }

  @Test
  void sigmoidCrossEntropyOfHugeLogitsIsExact() {
    OutputLoss loss = OutputLoss.of("sigmoid", "cross_entropy");
    double[] a = new double[2];
    double sum =
        loss.activateAndLoss(
            new double[] {800, -800}, a, new double[] {0, 1}, 0, TestData.ones(2), 0, 1, 2);
    assertEquals(1600, sum, CLOSE);
    assertTrue(Double.isFinite(sum));
  }

  /**
   * Two examples of three labels: the loss is each label's binary cross-entropy, summed; a label
   * counts as right when its yes (P >= 1/2) or no matches.
   */
  @Test
  void multiLabelLossSumsEachLabelsCrossEntropyAndCountsEachLabel() {
    OutputLoss loss = OutputLoss.of("sigmoid", "binary_cross_entropy");
    assertEquals(Task.MULTI_LABEL, loss.task());
    assertEquals(3, loss.targetRows(3));
    double[] z = {800, -800, 0, 2, -1, 800};
    double[] y = {0, 1, 1, 1, 0, 1};
    double[] a = new double[6];
    double expected =
        800 + 800 + Math.log(2) + Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1)) + 0;
    assertEquals(expected, loss.activateAndLoss(z, a, y, 0, TestData.ones(2), 0, 3, 2), CLOSE);
    // right: z=0 (P = 1/2, yes) for y=1, z=2 for y=1, z=-1 for y=0, z=800 for y=1
    assertEquals(4, loss.countCorrect(a, y, 0, 3, 2));
  }

  @Test
  void squaredErrorIsHalfTheSquare() {
    OutputLoss loss = OutputLoss.of("identity", "squared_error");
    double[] a = new double[2];
    assertEquals(
        0.5 * (9 + 1),
        loss.activateAndLoss(
            new double[] {3, 0}, a, new double[] {0, 1}, 0, TestData.ones(1), 0, 2, 1),
        CLOSE);
  }

  @Test
  void pairsThatMakeNoSenseAreRefused() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> OutputLoss.of("softmax", "squared_error"));
    assertTrue(error.getMessage().contains("valid: softmax+cross_entropy"), error.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> OutputLoss.of("softmax", "cross_entropy").checkOutputs(1));
    assertThrows(
        IllegalArgumentException.class,
        () -> OutputLoss.of("sigmoid", "cross_entropy").checkOutputs(3));
  }
}
