package io.sparkmlp.train;

import io.sparkmlp.nn.Regularization;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.optim.Schedule;
import io.sparkmlp.settings.Settings;

/**
 * The driver's half of a step, without Spark: from the summed gradient of the minibatch to new
 * weights. It takes the exact mean over the examples, records the per-layer gradient norms, adds
 * the penalty's gradient (weights only), refuses a non-finite loss or gradient, rescales a gradient
 * whose global L2 norm exceeds the clip norm, and lets the optimiser step with the scheduled rate.
 */
final class WeightUpdate {
  /** A loss or gradient that stopped being finite; the message says which and its value. */
  static final class DivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    DivergedException(String what) {
      super(what);
    }
  }

  private final Topology topology;
  private final Regularization regularization;
  private final Schedule schedule;
  private final double learningRate;
  private final double clipNorm;
  private final long stepsPerEpoch;
  private final long totalSteps;

  /** The step's mean gradient: scratch, overwritten every step. */
  private final double[] gradient;

  WeightUpdate(TrainingConfig config, long stepsPerEpoch, long totalSteps) {
    this.topology = config.topology();
    this.regularization = config.regularization();
    this.schedule = config.schedule();
    this.learningRate = config.get(Settings.LEARNING_RATE);
    this.clipNorm = config.get(Settings.CLIP_NORM);
    this.stepsPerEpoch = stepsPerEpoch;
    this.totalSteps = totalSteps;
    this.gradient = new double[topology.parameterCount()];
  }

  /**
   * Counts the step taken and, unless the step had no examples (tiny batches over many partitions
   * can leave one empty), updates state's weights, optimiser and running figures from {@code sums}.
   *
   * @throws DivergedException if the loss or the gradient is not finite; state's weights are then
   *     as they were
   */
  void apply(TrainingState state, Partial<?> sums) {
    state.steps++;
    if (sums.count() == 0) {
      return;
    }
    if (!Double.isFinite(sums.lossSum())) {
      throw new DivergedException("loss is " + sums.lossSum());
    }
    sums.meanGradient(gradient);
    double[] norms = topology.weightNorms(gradient);
    for (int l = 0; l < norms.length; l++) {
      state.gradientNormSums[l] += norms[l];
    }
    state.gradientSteps++;
    regularization.addGradient(topology, state.parameters, gradient);
    clipOrRefuse();
    state.optimizer.step(
        state.parameters,
        gradient,
        schedule.rate(learningRate, state.steps - 1, stepsPerEpoch, totalSteps));
    state.epochTotals.plusTotals(sums);
  }

  /** Whether divergence advice should suggest clipping. */
  boolean clips() {
    return clipNorm > 0;
  }

  /**
   * Rescales the gradient to clipNorm if its global L2 norm is larger; refuses a non-finite one.
   */
  private void clipOrRefuse() {
    double squares = 0;
    for (double g : gradient) {
      squares += g * g;
    }
    double norm = Math.sqrt(squares);
    if (!Double.isFinite(norm)) {
      throw new DivergedException("the gradient's norm is " + norm);
    }
    if (clipNorm > 0 && norm > clipNorm) {
      double scale = clipNorm / norm;
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] *= scale;
      }
    }
  }
}
