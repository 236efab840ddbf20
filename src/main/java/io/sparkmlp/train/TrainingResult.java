package io.sparkmlp.train;

import java.util.List;

/**
 * @param parameters the trained flat parameter array: the last epoch's, or with early stopping the
 *     best epoch's
 * @param history one entry per epoch run
 * @param steps synchronous steps taken
 * @param trainSeconds wall time of the training loop (caching the data excluded)
 * @param keptEpoch the 1-based epoch whose weights {@code parameters} holds
 * @param stoppedEarly true when early stopping ended training before the last epoch
 */
public record TrainingResult(
    double[] parameters,
    List<EpochMetrics> history,
    long steps,
    double trainSeconds,
    int keptEpoch,
    boolean stoppedEarly) {
  /** The mean training loss of each epoch (running, over its minibatches). */
  public double[] lossHistory() {
    return history.stream().mapToDouble(epoch -> epoch.train().loss()).toArray();
  }
}
