package io.sparkmlp.optim;

import io.sparkmlp.nn.Names;

/** The shape of a {@link Schedule}: how the step size moves over the run. */
public enum LearningRateSchedule {
  /** lr_t = lr. */
  CONSTANT,
  /** lr_t = lr * factor^floor(epoch / every): drops by a factor every few epochs. */
  STEP,
  /**
   * Cosine annealing without restarts, Loshchilov and Hutter (2017), "SGDR: Stochastic Gradient
   * Descent with Warm Restarts": lr_t = lr (1 + cos(pi t / T)) / 2 for step t of T, falling from lr
   * to near 0 so that the weights settle instead of hovering in the minibatch noise.
   */
  COSINE;

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
