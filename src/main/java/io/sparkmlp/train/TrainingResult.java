package io.sparkmlp.train;

import java.util.List;

/**
 * @param parameters the trained flat parameter array
 * @param history one entry per epoch
 * @param steps synchronous steps taken
 * @param trainSeconds wall time of the training loop (caching the data excluded)
 */
public record TrainingResult(
    double[] parameters, List<EpochMetrics> history, long steps, double trainSeconds) {
  /** The mean training loss of each epoch (running, over its minibatches). */
  public double[] lossHistory() {
    return history.stream().mapToDouble(epoch -> epoch.train().loss()).toArray();
  }
}
