package io.sparkmlp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Arrays equal up to rounding: each entry within a share of the largest expected magnitude. */
public final class Close {
  private Close() {}

  /** Every entry of actual within tolerance x the largest |expected| of its expected entry. */
  public static void assertClose(double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length, "lengths");
    double largest = 0;
    for (double value : expected) {
      largest = Math.max(largest, Math.abs(value));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * largest, "entry " + i);
    }
  }
}
