package io.sparkmlp.nn;

/**
 * Scratch blocks for forward and backward passes over at most {@link #capacity} examples, sized
 * once for a topology so a pass allocates nothing. Not thread-safe: one per thread.
 */
public final class Workspace {
  private final Topology topology;
  private final int capacity;
  private final double[] inputs;
  private final double[] targets;
  final double[][] preActivations;
  final double[][] activations;
  final double[][] deltas;
  final double[] ones;

  public Workspace(Topology topology, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("workspace capacity must be >= 1, got " + capacity);
    }
    this.topology = topology;
    this.capacity = capacity;
    this.inputs = new double[topology.inputs() * capacity];
    this.targets = new double[topology.targetRows() * capacity];
    int layers = topology.layerCount();
    preActivations = new double[layers][];
    activations = new double[layers][];
    deltas = new double[layers][];
    for (int l = 0; l < layers; l++) {
      int block = topology.fanOut(l) * capacity;
      preActivations[l] = new double[block];
      activations[l] = new double[block];
      deltas[l] = new double[block];
    }
    ones = new double[capacity];
    java.util.Arrays.fill(ones, 1);
  }

  public Topology topology() {
    return topology;
  }

  /** Most examples one pass may take. */
  public int capacity() {
    return capacity;
  }

  /** An {@code inputs x capacity} block callers may gather examples into. */
  public double[] inputs() {
    return inputs;
  }

  /** A {@code targetRows x capacity} block callers may gather targets into. */
  public double[] targets() {
    return targets;
  }

  /**
   * Activations A_l of hidden layer {@code layer} after the last forward pass ({@code fanOut x n}).
   */
  public double[] activations(int layer) {
    return activations[layer];
  }

  /** Output pre-activations z after the last forward pass ({@code outputs x n}). */
  public double[] outputPreActivations() {
    return preActivations[preActivations.length - 1];
  }

  /** Output activations after the last forward pass ({@code outputs x n}). */
  public double[] outputs() {
    return activations[activations.length - 1];
  }
}
