package io.sparkmlp.train;

/** Driver-side bookkeeping for {@link EarlyStopping}: the best loss so far and its weights. */
final class BestWeights {
  private final EarlyStopping rule;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private double[] bestParameters;
  private int epochsWithoutImprovement;

  BestWeights(EarlyStopping rule) {
    this.rule = rule;
  }

  /**
   * Records one epoch's validation loss (epoch is 1-based); copies parameters when it improves.
   *
   * @return true when training should stop
   */
  boolean record(int epoch, double loss, double[] parameters) {
    if (loss < bestLoss - rule.minDelta()) {
      bestLoss = loss;
      bestEpoch = epoch;
      bestParameters = parameters.clone();
      epochsWithoutImprovement = 0;
      return false;
    }
    epochsWithoutImprovement++;
    return epochsWithoutImprovement >= rule.patience();
  }

  int bestEpoch() {
    return bestEpoch;
  }

  /** The best epoch's weights, or null before any epoch improved on +infinity. */
  double[] parameters() {
    return bestParameters;
  }
}
