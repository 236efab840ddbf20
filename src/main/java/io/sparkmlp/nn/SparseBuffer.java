package io.sparkmlp.nn;

import java.util.Arrays;

/**
 * Sparse columns gathered one at a time into arrays that grow as needed and are kept, so a
 * workspace that gathers a minibatch per step allocates only while its largest one is new.
 *
 * @param <A> the kernel's array type
 */
public final class SparseBuffer<A> {
  private final Kernel<A> kernel;
  private final int height;
  private final int[] starts;
  private int[] indices = new int[0];
  private A values;
  private int width;

  SparseBuffer(Kernel<A> kernel, int height, int capacity) {
    this.kernel = kernel;
    this.height = height;
    this.starts = new int[capacity + 1];
    this.values = kernel.allocate(0);
  }

  /** Empties the buffer. */
  public void clear() {
    width = 0;
  }

  /**
   * Appends column j of {@code source}, its values copied, or widened when source is float and this
   * buffer double.
   *
   * @throws IllegalStateException if the buffer holds its capacity of columns already
   */
  public <S> void append(SparseInputs<S> source, Kernel<S> sourceKernel, int j) {
    int from = source.start(j);
    int count = source.start(j + 1) - from;
    int at = reserve(count);
    System.arraycopy(source.indices(), from, indices, at, count);
    if (sourceKernel == kernel) {
      System.arraycopy(source.values(), from, values, at, count);
    } else if (values instanceof double[] wide) {
      sourceKernel.toDouble(source.values(), from, wide, at, count);
    } else {
      throw new IllegalArgumentException("cannot narrow sparse double columns into float");
    }
    width++;
    starts[width] = at + count;
  }

  /**
   * Appends a column of {@code count} non-zeros: their rows {@code rows[0..count)}, ascending, and
   * values {@code values[0..count)}, rounded to this buffer's type.
   */
  public void append(int[] rows, double[] values, int count) {
    int at = reserve(count);
    System.arraycopy(rows, 0, indices, at, count);
    kernel.fromDouble(values, 0, this.values, at, count);
    width++;
    starts[width] = at + count;
  }

  /** Room for a column of count more non-zeros; returns where it starts. */
  private int reserve(int count) {
    if (width == starts.length - 1) {
      throw new IllegalStateException("a sparse buffer of " + width + " columns is full");
    }
    int at = starts[width];
    if (at + count > indices.length) {
      int length = Math.max(at + count, 2 * indices.length);
      indices = Arrays.copyOf(indices, length);
      A grown = kernel.allocate(length);
      System.arraycopy(values, 0, grown, 0, at);
      values = grown;
    }
    return at;
  }

  /** The columns appended since the last {@link #clear}, as an input block. */
  public SparseInputs<A> inputs() {
    return SparseInputs.of(height, width, starts, indices, values);
  }
}
