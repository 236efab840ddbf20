package io.sparkmlp.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Step sizes worked out by hand, base rate 0.4. */
class ScheduleTest {
  private static final double EXACT = 1e-15;
  private static final double BASE = 0.4;

  @Test
  void constantIsConstant() {
    assertEquals(BASE, Schedule.of(LearningRateSchedule.CONSTANT).rate(BASE, 99, 10, 100), EXACT);
  }

  @Test
  void cosineFallsFromTheBaseRateThroughHalfToNearZero() {
    Schedule cosine = Schedule.of(LearningRateSchedule.COSINE);
    assertEquals(0.4, cosine.rate(BASE, 0, 10, 100), EXACT);
    assertEquals(0.2, cosine.rate(BASE, 50, 10, 100), EXACT);
    // (1 + cos(pi 99/100)) / 2 = 2.4671981713420e-4
    assertEquals(0.4 * 2.4671981713420e-4, cosine.rate(BASE, 99, 10, 100), EXACT);
  }

  @Test
  void stepHalvesEveryTwoEpochs() {
    Schedule step = new Schedule(LearningRateSchedule.STEP, 0.5, 2, 0);
    // 10 steps an epoch: steps 0-19 are epochs 0-1, 20-39 epochs 2-3, 40-59 epochs 4-5
    assertEquals(0.4, step.rate(BASE, 19, 10, 100), EXACT);
    assertEquals(0.2, step.rate(BASE, 20, 10, 100), EXACT);
    assertEquals(0.1, step.rate(BASE, 45, 10, 100), EXACT);
  }

  @Test
  void warmupRisesLinearlyOverItsEpochs() {
    Schedule warm = new Schedule(LearningRateSchedule.CONSTANT, 0.1, 1, 1);
    // 4 steps an epoch, 1 epoch of warm-up: 0.4 * 1/4, 2/4, 4/4, then 0.4
    assertEquals(0.1, warm.rate(BASE, 0, 4, 40), EXACT);
    assertEquals(0.2, warm.rate(BASE, 1, 4, 40), EXACT);
    assertEquals(0.4, warm.rate(BASE, 3, 4, 40), EXACT);
    assertEquals(0.4, warm.rate(BASE, 4, 4, 40), EXACT);
  }

  @Test
  void warmupMultipliesTheShape() {
    Schedule warmCosine = new Schedule(LearningRateSchedule.COSINE, 0.1, 1, 1);
    // step 1 of 4 warm-up steps, of a 40-step run: 0.4 * (1 + cos(pi/40)) / 2 * 2/4
    double expected = 0.4 * 0.5 * (1 + Math.cos(Math.PI / 40)) * 0.5;
    assertEquals(expected, warmCosine.rate(BASE, 1, 4, 40), EXACT);
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new Schedule(LearningRateSchedule.STEP, 0, 1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new Schedule(LearningRateSchedule.STEP, 0.5, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new Schedule(LearningRateSchedule.STEP, 0.5, 1, -1));
  }
}
