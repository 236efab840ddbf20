package io.sparkmlp.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  private static final double EXACT = 1e-15;

  @Test
  void cosineFallsFromTheBaseRateThroughHalfToNearZero() {
    assertEquals(0.4, LearningRateSchedule.COSINE.rate(0.4, 0, 100), EXACT);
    assertEquals(0.2, LearningRateSchedule.COSINE.rate(0.4, 50, 100), EXACT);
    // (1 + cos(pi 99/100)) / 2 = 2.4671e-4
    assertEquals(0.4 * 2.4671981713420e-4, LearningRateSchedule.COSINE.rate(0.4, 99, 100), 1e-15);
  }

  @Test
  void constantIsConstant() {
    assertEquals(0.4, LearningRateSchedule.CONSTANT.rate(0.4, 99, 100), EXACT);
  }
}
