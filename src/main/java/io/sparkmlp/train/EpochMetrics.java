package io.sparkmlp.train;

import io.sparkmlp.nn.ActivationStats;

/**
 * One epoch's progress. Training loss and metric are running figures: means over the epoch's
 * minibatches, each taken with the weights of its own step (as Keras reports them); validation
 * figures are taken with the weights at the end of the epoch.
 *
 * @param epoch 1-based
 * @param steps steps taken since training started
 * @param validation null without validation data
 * @param seconds this epoch's wall time
 * @param stepSeconds the part of seconds its training steps took: validation and diagnostics left
 *     out
 * @param elapsedSeconds wall time since training started
 * @param gradientNorms per layer, the L2 norm of the weights' mean loss gradient (penalty left
 *     out), averaged over the epoch's steps
 * @param activity hidden-activation counts at the end of the epoch over the training data; null
 *     unless diagnostics are on
 */
public record EpochMetrics(
    int epoch,
    int epochs,
    long steps,
    Metrics train,
    Metrics validation,
    double seconds,
    double stepSeconds,
    double elapsedSeconds,
    double[] gradientNorms,
    ActivationStats activity) {
  /** Training throughput: the epoch's examples over the time its steps took. */
  public double examplesPerSecond() {
    return train.examples() / stepSeconds;
  }

  /** Seconds left if the remaining epochs go as fast as the ones so far. */
  public double etaSeconds() {
    return elapsedSeconds / epoch * (epochs - epoch);
  }
}
