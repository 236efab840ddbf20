package io.sparkmlp.train;

/**
 * One epoch's progress. Loss and metric are running figures: means over the epoch's minibatches,
 * each taken with the weights of its own step (as Keras reports them).
 *
 * @param epoch 1-based
 * @param steps steps taken since training started
 * @param seconds this epoch's wall time
 * @param elapsedSeconds wall time since training started
 */
public record EpochMetrics(
    int epoch, int epochs, long steps, Metrics train, double seconds, double elapsedSeconds) {
  public double examplesPerSecond() {
    return train.examples() / seconds;
  }

  /** Seconds left if the remaining epochs go as fast as the ones so far. */
  public double etaSeconds() {
    return elapsedSeconds / epoch * (epochs - epoch);
  }
}
