package io.sparkmlp.nn;

import java.io.Serializable;

/**
 * Counts over the hidden activations of forward passes, for the lecture's diagnostics: how many
 * sigmoid/tanh outputs sit in a flat end of their range ({@link Activation#isSaturated}), and which
 * ReLU units were ever active. Counts add up exactly, so partitions merge in any order.
 */
public final class ActivationStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Topology topology;
  private final long[] saturated;
  private final long[] values;
  private final boolean[][] everActive;

  public ActivationStats(Topology topology) {
    this.topology = topology;
    int hidden = topology.layerCount() - 1;
    saturated = new long[hidden];
    values = new long[hidden];
    everActive = new boolean[hidden][];
    for (int l = 0; l < hidden; l++) {
      everActive[l] = new boolean[topology.fanOut(l)];
    }
  }

  /** Counts the hidden activations of the last forward pass in {@code ws}, over n examples. */
  public void add(Workspace<double[]> ws, int n) {
    for (int l = 0; l < saturated.length; l++) {
      Activation activation = topology.activation(l);
      double[] a = ws.activations(l);
      int units = topology.fanOut(l);
      if (activation.saturates()) {
        long count = 0;
        for (int i = 0; i < units * n; i++) {
          if (activation.isSaturated(a[i])) {
            count++;
          }
        }
        saturated[l] += count;
      }
      if (activation.canDie()) {
        boolean[] active = everActive[l];
        for (int i = 0; i < units * n; i++) {
          if (a[i] > 0) {
            active[i % units] = true;
          }
        }
      }
      values[l] += (long) units * n;
    }
  }

  /** this += other; returns this. other is not modified. */
  public ActivationStats merge(ActivationStats other) {
    for (int l = 0; l < saturated.length; l++) {
      saturated[l] += other.saturated[l];
      values[l] += other.values[l];
      for (int u = 0; u < everActive[l].length; u++) {
        everActive[l][u] |= other.everActive[l][u];
      }
    }
    return this;
  }

  /** Number of hidden layers. */
  public int layers() {
    return saturated.length;
  }

  /** Fraction of hidden layer l's outputs that were saturated; NaN unless it saturates. */
  public double saturatedFraction(int layer) {
    return topology.activation(layer).saturates() && values[layer] > 0
        ? (double) saturated[layer] / values[layer]
        : Double.NaN;
  }

  /** Fraction of hidden layer l's units that output 0 for every example; NaN unless ReLU. */
  public double deadFraction(int layer) {
    if (!topology.activation(layer).canDie() || values[layer] == 0) {
      return Double.NaN;
    }
    int dead = 0;
    for (boolean active : everActive[layer]) {
      if (!active) {
        dead++;
      }
    }
    return (double) dead / everActive[layer].length;
  }
}
