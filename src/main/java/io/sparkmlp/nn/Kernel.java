package io.sparkmlp.nn;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;

/**
 * The arithmetic of one precision: its array type, its BLAS calls and its element loops. Backprop,
 * workspaces, feature blocks and gradient sums are written once over a kernel and run in double
 * ({@link Kernels#FLOAT64}) or with float GEMMs ({@link Kernels#FLOAT32}); the kernel is chosen
 * once per run, so no hot loop branches on precision.
 *
 * <p>Each layer of a {@link Workspace} also has double buffers (its "wide" z, a and delta), in
 * which the output layer and its loss are always computed. In float64 they are the layer's own
 * arrays; in float32 they are separate, and a kernel copies between the two where its arithmetic
 * needs double.
 *
 * @param <A> the array type: double[] or float[]
 */
public sealed interface Kernel<A> extends Serializable permits Float64Kernel, Float32Kernel {
  Precision precision();

  /** A new zeroed array of {@code length} entries. */
  A allocate(int length);

  default int length(A array) {
    return java.lang.reflect.Array.getLength(array);
  }

  /** A copy of the first {@code length} entries of array. */
  default A copyOf(A array, int length) {
    A copy = allocate(length);
    System.arraycopy(array, 0, copy, 0, length);
    return copy;
  }

  /**
   * {@code values} in this kernel's type; float64 returns values itself, not a copy. values is not
   * modified.
   */
  A fromDouble(double[] values);

  /** to[toOffset + i] = from[fromOffset + i], rounded to this type, for i in [0, length). */
  void fromDouble(double[] from, int fromOffset, A to, int toOffset, int length);

  /** to[toOffset + i] = from[fromOffset + i] for i in [0, length); from is not modified. */
  void toDouble(A from, int fromOffset, double[] to, int toOffset, int length);

  /** to[i] = factor * from[i] for every entry of to; from is not modified. */
  void scaleToDouble(A from, double factor, double[] to);

  /** into[i] += from[i] for every entry; from is not modified. */
  void add(A into, A from);

  /**
   * A double buffer of the same length as {@code array}, for the double work of a layer: the array
   * itself in float64.
   */
  double[] wideBuffer(A array);

  /**
   * Writes array to out in bulk: its length, then its entries' bytes. Java serialization writes a
   * primitive array an entry at a time (about a tenth of the speed of a copy); a model's parameters
   * and gradient cross the wire every step.
   */
  void write(A array, ObjectOutput out) throws IOException;

  /** An array {@link #write} wrote. */
  A read(ObjectInput in) throws IOException;

  /** C = alpha op(A) op(B) + beta C, with the shapes the views give; only c is modified. */
  void gemm(double alpha, Matrix<A> a, Matrix<A> b, double beta, Matrix<A> c);

  /** y[yOffset..] = alpha op(A) x + beta y[yOffset..]; only y is modified. */
  void gemv(double alpha, Matrix<A> a, A x, double beta, A y, int yOffset);

  /**
   * y[yOffset + r] += scales[scale] * x[xOffset + r] for r in [0, n): an axpy, one column of a
   * sparse product ({@link SparseInputs}); only y is modified.
   */
  void addScaled(int n, A scales, int scale, A x, int xOffset, A y, int yOffset);

  /** values[i] *= factors[i] for i in [0, length); factors is not modified. */
  void multiply(A values, double[] factors, int length);

  /** A hidden layer's a = f(z) over its first {@code length} entries; z is not modified. */
  void activate(Activation f, Workspace.Layer<A> layer, int length);

  /** A hidden layer's delta *= f'(z) over its first {@code length} entries. */
  void multiplyByDerivative(Activation f, Workspace.Layer<A> layer, int length);

  /** Checks that c = op(a) op(b) has matching shapes; returns the inner dimension. */
  static int innerDimension(Matrix<?> a, Matrix<?> b, Matrix<?> c) {
    if (c.transposed()
        || a.height() != c.height()
        || b.width() != c.width()
        || a.width() != b.height()) {
      throw new IllegalArgumentException("cannot multiply " + a + " by " + b + " into " + c);
    }
    return a.width();
  }
}
