package io.sparkmlp.optim;

import io.sparkmlp.nn.Topology;

/**
 * Where a network's weight matrices lie in the flat parameters, for the optimisers that treat them
 * apart from the biases: weight decay and per-layer trust ratios touch weights only, as the
 * penalties do.
 */
final class WeightLayers {
  private final int[] from;
  private final int[] to;
  private final int[] biasesTo;

  WeightLayers(Topology topology) {
    from = new int[topology.layerCount()];
    to = new int[topology.layerCount()];
    biasesTo = new int[topology.layerCount()];
    for (int l = 0; l < from.length; l++) {
      from[l] = topology.weightOffset(l);
      to[l] = from[l] + topology.weightCount(l);
      biasesTo[l] = topology.biasOffset(l) + topology.fanOut(l);
    }
  }

  int count() {
    return from.length;
  }

  /** First index of layer l's weights. */
  int from(int l) {
    return from[l];
  }

  /** One past the last index of layer l's weights; its biases follow. */
  int to(int l) {
    return to[l];
  }

  /** One past the last index of layer l's biases, which start at {@link #to}. */
  int biasesTo(int l) {
    return biasesTo[l];
  }

  /** The L2 norm of {@code v} over layer l's weights. */
  double norm(double[] v, int l) {
    double squares = 0;
    for (int i = from[l]; i < to[l]; i++) {
      squares += v[i] * v[i];
    }
    return Math.sqrt(squares);
  }

  /**
   * ||w|| / ||r||, or 1 when either norm is 0 (a layer at zero, or with nothing to move), as both
   * papers do.
   */
  static double trustRatio(double weightNorm, double updateNorm) {
    return weightNorm > 0 && updateNorm > 0 ? weightNorm / updateNorm : 1;
  }
}
