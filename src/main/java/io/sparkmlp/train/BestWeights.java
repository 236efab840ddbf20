package io.sparkmlp.train;

/** Driver-side bookkeeping for {@link EarlyStopping}: the best loss so far and its weights. */
final class BestWeights {
  /**
   * What a checkpoint keeps of it.
   *
   * @param bestEpoch 0 before any epoch was recorded
   * @param parameters the best epoch's weights, or null before any
   */
  record State(double bestLoss, int bestEpoch, int epochsWithoutImprovement, double[] parameters) {
    static final State INITIAL = new State(Double.POSITIVE_INFINITY, 0, 0, null);
  }

  private final EarlyStopping rule;
  private double bestLoss;
  private int bestEpoch;
  private double[] bestParameters;
  private int epochsWithoutImprovement;

  BestWeights(EarlyStopping rule) {
    this(rule, State.INITIAL);
  }

  BestWeights(EarlyStopping rule, State state) {
    this.rule = rule;
    bestLoss = state.bestLoss();
    bestEpoch = state.bestEpoch();
    bestParameters = state.parameters();
    epochsWithoutImprovement = state.epochsWithoutImprovement();
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

  State state() {
    return new State(bestLoss, bestEpoch, epochsWithoutImprovement, bestParameters);
  }
}
