package io.sparkmlp.train;

import io.sparkmlp.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run carries from one step to the next, and so everything a checkpoint saves to go on
 * from a step boundary exactly as if it had not stopped: the counters (which also fix the
 * minibatches, a pure function of seed, epoch and step), the weights, the optimiser with its state,
 * the running totals of the current epoch, early stopping's bookkeeping and the finished epochs.
 */
final class TrainingState {
  /** 0-based epoch the next step belongs to. */
  int epoch;

  /** 0-based step within that epoch to run next. */
  int step;

  /** Steps taken so far. */
  long steps;

  /** Training time of the run before its current stretch (nonzero after a resume). */
  double elapsedSeconds;

  double[] parameters;
  final Optimizer optimizer;

  /** Loss sum, example count and correct count of the current epoch's steps so far. */
  Partial<?> epochTotals = new Partial<>();

  /** Per layer, the gradient norms of the current epoch's steps so far, summed. */
  double[] gradientNormSums;

  /** Steps summed into gradientNormSums. */
  int gradientSteps;

  BestWeights best;
  List<EpochMetrics> history = new ArrayList<>();

  TrainingState(double[] parameters, Optimizer optimizer, int layers, BestWeights best) {
    this.parameters = parameters;
    this.optimizer = optimizer;
    this.gradientNormSums = new double[layers];
    this.best = best;
  }

  /** The state a run starts from: the configured initial weights and a fresh optimiser. */
  static TrainingState initial(TrainingConfig config) {
    double[] parameters = config.initialParameters();
    Optimizer optimizer = config.optimizer();
    optimizer.initialize(parameters.length);
    return new TrainingState(
        parameters,
        optimizer,
        config.topology().layerCount(),
        new BestWeights(config.earlyStopping()));
  }

  /** Starts the next epoch's running figures. */
  void startEpochTotals() {
    epochTotals = new Partial<>();
    gradientNormSums = new double[gradientNormSums.length];
    gradientSteps = 0;
  }
}
