package io.sparkmlp.train;

import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;

/**
 * Mean loss and the task's metric over a set of examples.
 *
 * @param loss the examples' weighted mean loss (cross-entropy, or 1/2 squared error), without the
 *     penalty
 * @param accuracy fraction of the examples classified correctly, whatever their weights (for
 *     multi-label, of the (example, label) pairs: the mean of the labels' accuracies); NaN for
 *     regression
 * @param rmse root of the weighted mean squared error per output; NaN for classification
 */
public record Metrics(double loss, double accuracy, double rmse, long examples) {
  /** From the sums of a pass over {@code partial.count()} examples. */
  public static Metrics of(Partial<?> partial, Topology topology) {
    double loss = partial.lossSum() / partial.weightSum();
    if (topology.task() == Task.CLASSIFICATION) {
      return new Metrics(
          loss, (double) partial.correct() / partial.count(), Double.NaN, partial.count());
    }
    if (topology.task() == Task.MULTI_LABEL) {
      double pairs = (double) partial.count() * topology.outputs();
      return new Metrics(loss, partial.correct() / pairs, Double.NaN, partial.count());
    }
    // loss is the mean of 1/2 ||a - y||^2, so the mean squared error per output is 2 loss / outputs
    return new Metrics(loss, Double.NaN, Math.sqrt(2 * loss / topology.outputs()), partial.count());
  }
}
