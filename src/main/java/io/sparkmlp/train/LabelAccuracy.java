package io.sparkmlp.train;

import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;

/**
 * A multi-label network's figures per label over a dataset: its accuracy, and the accuracy of
 * always answering the label's more frequent value, the baseline it must beat.
 */
public record LabelAccuracy(double[] accuracy, double[] majority) {
  /** One forward pass over {@code data} with {@code parameters}. */
  public static LabelAccuracy of(
      TrainingData<?> data, Topology topology, double[] parameters, TrainingConfig config) {
    int labels = topology.outputs();
    long[] counts =
        DistributedGradient.labelCounts(
            data, topology, parameters, config.get(Settings.TREE_DEPTH));
    double rows = data.count();
    double[] accuracy = new double[labels];
    double[] majority = new double[labels];
    for (int k = 0; k < labels; k++) {
      accuracy[k] = counts[k] / rows;
      double yes = counts[labels + k] / rows;
      majority[k] = Math.max(yes, 1 - yes);
    }
    return new LabelAccuracy(accuracy, majority);
  }
}
