package io.sparkmlp.train;

/** Driver-side bookkeeping for {@link EarlyStopping}: the best loss so far and its weights. */
final class BestWeights {
  private final EarlyStopping rule;
  private double bestLoss;
  private int bestEpoch;
  private double[] bestParameters;
  private int epochsWithoutImprovement;

  BestWeights(EarlyStopping rule) {
    this(rule, Double.POSITIVE_INFINITY, 0, 0, null);
  }

  /**
   * @param bestEpoch 0 before any epoch was recorded
   * @param bestParameters the best epoch's weights, or null before any
   */
  BestWeights(
      EarlyStopping rule,
      double bestLoss,
      int bestEpoch,
      int epochsWithoutImprovement,
      double[] bestParameters) {
    this.rule = rule;
    this.bestLoss = bestLoss;
    this.bestEpoch = bestEpoch;
    this.epochsWithoutImprovement = epochsWithoutImprovement;
    this.bestParameters = bestParameters;
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

  double bestLoss() {
    return bestLoss;
  }

  int bestEpoch() {
    return bestEpoch;
  }

  int epochsWithoutImprovement() {
    return epochsWithoutImprovement;
  }

  /** The best epoch's weights, or null before any epoch improved on +infinity. */
  double[] parameters() {
    return bestParameters;
  }
}
