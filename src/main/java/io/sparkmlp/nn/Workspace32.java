package io.sparkmlp.nn;

/**
 * Scratch blocks for {@link Backprop32} over at most {@link #capacity} examples: the float GEMM
 * operands, and a double {@link Workspace} in which activations, losses and deltas are computed.
 * Sized once for a topology so a pass allocates nothing. Not thread-safe: one per thread.
 */
public final class Workspace32 {
  final Workspace wide;
  private final float[] inputs;
  final float[][] preActivations;
  final float[][] activations;
  final float[][] deltas;
  final float[] ones;

  public Workspace32(Topology topology, int capacity) {
    wide = new Workspace(topology, capacity);
    inputs = new float[topology.inputs() * capacity];
    int layers = topology.layerCount();
    preActivations = new float[layers][];
    activations = new float[layers][];
    deltas = new float[layers][];
    for (int l = 0; l < layers; l++) {
      int block = topology.fanOut(l) * capacity;
      preActivations[l] = new float[block];
      activations[l] = new float[block];
      deltas[l] = new float[block];
    }
    ones = new float[capacity];
    java.util.Arrays.fill(ones, 1);
  }

  public Topology topology() {
    return wide.topology();
  }

  public int capacity() {
    return wide.capacity();
  }

  /** An {@code inputs x capacity} float block callers may gather examples into. */
  public float[] inputs() {
    return inputs;
  }

  /** A {@code targetRows x capacity} block callers may gather targets into (double). */
  public double[] targets() {
    return wide.targets();
  }
}
