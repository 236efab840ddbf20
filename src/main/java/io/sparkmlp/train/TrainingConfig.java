package io.sparkmlp.train;

import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Regularization;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.optim.Optimizer;
import io.sparkmlp.optim.Schedule;

/**
 * Everything the trainer needs besides the data.
 *
 * @param optimizer a prototype: the trainer trains with a fresh {@link Optimizer#copy()}
 * @param learningRate the base step size, which {@code schedule} varies over the run
 * @param batchSize examples per synchronous step, summed over all partitions
 * @param seed seeds the initial weights and every minibatch order
 * @param treeDepth depth of treeAggregate
 * @param earlyStopping needs validation data when enabled
 * @param clipNorm rescale a mean gradient whose global L2 norm exceeds this to that norm; 0 for no
 *     clipping
 * @param diagnostics measure hidden-unit saturation and dead ReLUs after every epoch (one extra
 *     forward pass over the training data per epoch)
 * @param precision of the gradient steps; the weights, the optimiser and evaluation stay double
 */
public record TrainingConfig(
    Topology topology,
    Initializer initializer,
    double rectifierBias,
    Regularization regularization,
    Optimizer optimizer,
    double learningRate,
    Schedule schedule,
    int batchSize,
    int epochs,
    long seed,
    int treeDepth,
    EarlyStopping earlyStopping,
    double clipNorm,
    boolean diagnostics,
    Precision precision) {
  public TrainingConfig {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be finite and > 0, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (treeDepth < 1) {
      throw new IllegalArgumentException("tree depth must be >= 1, got " + treeDepth);
    }
    if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
      throw new IllegalArgumentException("clip norm must be finite and >= 0, got " + clipNorm);
    }
    if (!Double.isFinite(rectifierBias)) {
      throw new IllegalArgumentException("rectifier bias must be finite, got " + rectifierBias);
    }
  }

  /** This configuration with gradient steps in {@code other} precision. */
  public TrainingConfig withPrecision(Precision other) {
    return copy(epochs, other);
  }

  /** This configuration with another number of epochs. */
  public TrainingConfig withEpochs(int other) {
    return copy(other, precision);
  }

  private TrainingConfig copy(int newEpochs, Precision newPrecision) {
    return new TrainingConfig(
        topology,
        initializer,
        rectifierBias,
        regularization,
        optimizer,
        learningRate,
        schedule,
        batchSize,
        newEpochs,
        seed,
        treeDepth,
        earlyStopping,
        clipNorm,
        diagnostics,
        newPrecision);
  }

  /**
   * Everything that fixes the course of a run on {@code rows} rows in {@code partitions}
   * partitions: a checkpoint only resumes a run with the same fingerprint.
   */
  public String fingerprint(long rows, int partitions) {
    return String.join(
        " | ",
        topology.toString(),
        initializer.toString() + " bias " + rectifierBias,
        regularization.toString(),
        optimizer.describe(),
        "lr " + learningRate + " " + schedule,
        "batch " + batchSize,
        "epochs " + epochs,
        "seed " + seed,
        "tree depth " + treeDepth,
        earlyStopping.toString(),
        "clip " + clipNorm,
        precision.label(),
        rows + " rows in " + partitions + " partitions");
  }
}
