package io.sparkmlp.train;

import io.sparkmlp.optim.OptimizerSnapshot;
import java.util.List;

/**
 * Everything a run needs to go on from a step boundary exactly as if it had not stopped: the
 * weights, the optimiser's state, the counters (which also fix the sampler's position, a pure
 * function of seed, epoch and step), the running totals of the current epoch, early stopping's
 * bookkeeping, and the finished epochs' figures.
 *
 * @param fingerprint the settings and data the run was started with; a resume must match it
 * @param epoch 0-based epoch the next step belongs to
 * @param step 0-based step within that epoch to run next
 * @param steps steps taken so far
 * @param elapsedSeconds training time before this checkpoint
 * @param epochTotals loss sum, example count and correct count of the current epoch so far
 * @param gradientNormSums per layer, the sum over the current epoch's steps so far
 * @param gradientSteps steps summed into gradientNormSums
 * @param best early stopping's state
 * @param history the finished epochs (without their activation counts)
 */
record Checkpoint(
    String fingerprint,
    int epoch,
    int step,
    long steps,
    double elapsedSeconds,
    double[] parameters,
    OptimizerSnapshot optimizer,
    Partial<?> epochTotals,
    double[] gradientNormSums,
    int gradientSteps,
    BestWeights.State best,
    List<EpochMetrics> history) {}
