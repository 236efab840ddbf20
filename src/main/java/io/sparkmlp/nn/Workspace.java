package io.sparkmlp.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scratch blocks for forward and backward passes over at most {@link #capacity} examples, in one
 * kernel's precision, sized once for a topology so a pass allocates nothing. Not thread-safe: one
 * per thread.
 *
 * @param <A> the kernel's array type
 */
public final class Workspace<A> {
  /**
   * One weight layer's blocks, {@code fanOut x capacity} each: pre-activations z, activations a and
   * deltas, and their double buffers ({@link Kernel#wideBuffer}).
   */
  public record Layer<A>(A z, A a, A delta, double[] wideZ, double[] wideA, double[] wideDelta) {}

  private final Kernel<A> kernel;
  private final Topology topology;
  private final int capacity;
  private A inputs;
  private SparseBuffer<A> sparseInputs;
  private final double[] targets;
  private final double[] weights;
  private final long[] keys;
  private final double[][] masks;
  private final List<Layer<A>> layers = new ArrayList<>();
  private final A ones;

  public Workspace(Kernel<A> kernel, Topology topology, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("workspace capacity must be >= 1, got " + capacity);
    }
    this.kernel = kernel;
    this.topology = topology;
    this.capacity = capacity;
    this.targets = new double[topology.targetRows() * capacity];
    this.weights = new double[capacity];
    this.keys = new long[capacity];
    this.masks = new double[topology.layerCount()][];
    for (int l = 0; l < topology.layerCount(); l++) {
      int block = topology.fanOut(l) * capacity;
      A z = kernel.allocate(block);
      A a = kernel.allocate(block);
      A delta = kernel.allocate(block);
      layers.add(
          new Layer<>(
              z, a, delta, kernel.wideBuffer(z), kernel.wideBuffer(a), kernel.wideBuffer(delta)));
    }
    double[] one = new double[capacity];
    Arrays.fill(one, 1);
    ones = kernel.fromDouble(one);
  }

  /** A float64 workspace. */
  public static Workspace<double[]> float64(Topology topology, int capacity) {
    return new Workspace<>(Kernels.FLOAT64, topology, capacity);
  }

  public Kernel<A> kernel() {
    return kernel;
  }

  public Topology topology() {
    return topology;
  }

  /** Most examples one pass may take. */
  public int capacity() {
    return capacity;
  }

  /**
   * An {@code inputs x capacity} block callers may gather dense examples into, allocated on first
   * use (a workspace for sparse inputs never allocates it).
   */
  public A inputs() {
    if (inputs == null) {
      inputs = kernel.allocate(topology.inputs() * capacity);
    }
    return inputs;
  }

  /** A buffer callers may gather up to {@code capacity} sparse examples into, made on first use. */
  public SparseBuffer<A> sparseInputs() {
    if (sparseInputs == null) {
      sparseInputs = new SparseBuffer<>(kernel, topology.inputs(), capacity);
    }
    return sparseInputs;
  }

  /** A {@code targetRows x capacity} block callers may gather targets into. */
  public double[] targets() {
    return targets;
  }

  /** A column of {@code capacity} example weights callers may gather weights into. */
  public double[] weights() {
    return weights;
  }

  /**
   * A column of {@code capacity} example keys callers may gather into: each example's place in the
   * data, from which its dropout masks are drawn ({@link Dropout.Masks}).
   */
  public long[] keys() {
    return keys;
  }

  /** Hidden layer l's dropout mask, {@code fanOut x capacity}, allocated on first use. */
  double[] mask(int l) {
    if (masks[l] == null) {
      masks[l] = new double[topology.fanOut(l) * capacity];
    }
    return masks[l];
  }

  /** Weight layer l's blocks. */
  public Layer<A> layer(int l) {
    return layers.get(l);
  }

  /** A column of {@code capacity} ones, for summing a block's columns. */
  A ones() {
    return ones;
  }

  /** Activations A_l of hidden layer l after the last forward pass ({@code fanOut x n}). */
  public A activations(int l) {
    return layers.get(l).a();
  }

  /** Output pre-activations z after the last forward pass ({@code outputs x n}). */
  public double[] outputPreActivations() {
    return layers.get(layers.size() - 1).wideZ();
  }

  /** Output activations after the last forward pass ({@code outputs x n}). */
  public double[] outputs() {
    return layers.get(layers.size() - 1).wideA();
  }
}
