package io.sparkmlp.optim;

import io.sparkmlp.nn.Interval;

/**
 * The step size of every step: a {@link LearningRateSchedule} shape and, optionally, a linear
 * warm-up over the first epochs (Goyal et al. (2017), "Accurate, Large Minibatch SGD: Training
 * ImageNet in 1 Hour"), which multiplies the shape's rate by (t + 1) / W for steps t &lt; W.
 *
 * @param decayFactor STEP: the factor applied every {@code decayEpochs} epochs, in (0, 1]
 * @param decayEpochs STEP: epochs between drops, &ge; 1
 * @param warmupEpochs epochs of linear warm-up, &ge; 0 (0: none)
 */
public record Schedule(
    LearningRateSchedule shape, double decayFactor, int decayEpochs, int warmupEpochs) {
  public static final Interval DECAY_FACTOR = new Interval(0, false, 1, true);
  public static final Interval DECAY_EPOCHS = Interval.atLeast(1);
  public static final Interval WARMUP_EPOCHS = Interval.NON_NEGATIVE;

  public Schedule {
    DECAY_FACTOR.require("decay factor", decayFactor);
    DECAY_EPOCHS.require("decay epochs", decayEpochs);
    WARMUP_EPOCHS.require("warm-up epochs", warmupEpochs);
  }

  /** The shape alone: step decay by 0.1 every 10 epochs, no warm-up. */
  public static Schedule of(LearningRateSchedule shape) {
    return new Schedule(shape, 0.1, 10, 0);
  }

  /**
   * @param step 0-based index of the step in the run
   * @param stepsPerEpoch steps in one epoch
   * @param totalSteps steps in the whole run
   */
  public double rate(double baseRate, long step, long stepsPerEpoch, long totalSteps) {
    double shaped =
        switch (shape) {
          case CONSTANT -> baseRate;
          case STEP -> baseRate * Math.pow(decayFactor, step / (stepsPerEpoch * decayEpochs));
          case COSINE -> baseRate * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps));
        };
    long warmupSteps = stepsPerEpoch * warmupEpochs;
    return step < warmupSteps ? shaped * (step + 1) / warmupSteps : shaped;
  }
}
