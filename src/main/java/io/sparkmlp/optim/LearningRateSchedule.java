package io.sparkmlp.optim;

import io.sparkmlp.nn.Names;

/** The step size of each step, from the base rate and the step's position in training. */
public enum LearningRateSchedule {
  /** lr_t = lr. */
  CONSTANT {
    @Override
    public double rate(double baseRate, long step, long totalSteps) {
      return baseRate;
    }
  },
  /**
   * Cosine annealing without restarts, Loshchilov and Hutter (2017), "SGDR: Stochastic Gradient
   * Descent with Warm Restarts": lr_t = lr (1 + cos(pi t / T)) / 2 for step t of T, falling from lr
   * to near 0 so that the weights settle instead of hovering in the minibatch noise.
   */
  COSINE {
    @Override
    public double rate(double baseRate, long step, long totalSteps) {
      return baseRate * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps));
    }
  };

  /**
   * @param step 0-based index of the step
   * @param totalSteps steps in the whole run
   */
  public abstract double rate(double baseRate, long step, long totalSteps);

  public String label() {
    return Names.label(this);
  }

  /**
   * @throws IllegalArgumentException naming the bad value and the valid names
   */
  public static LearningRateSchedule byName(String name) {
    return Names.byLabel(LearningRateSchedule.class, name, "learning-rate schedule");
  }
}
