package io.sparkmlp.nn;

/**
 * A sparse input block in compressed columns: the non-zeros of column j (example j) are at
 * positions {@code starts[first + j]} to {@code starts[first + j + 1]} of {@code indices} (their
 * rows, ascending) and {@code values}. A view: {@link #columns} shares the arrays.
 *
 * <p>The first layer's two products touch only the non-zeros, 2 x non-zeros x out floating-point
 * operations each, where a dense GEMM does 2 x height x width x out:
 *
 * <pre>
 *   Z += W X:        Z[:, j] += x_ij W[:, i]          for each non-zero x_ij
 *   G += Delta X^T:  G[:, i] += x_ij Delta[:, j]      for each non-zero x_ij
 * </pre>
 *
 * both over contiguous columns of a column-major matrix.
 *
 * @param <A> double[] or float[]
 */
public record SparseInputs<A>(
    int height, int width, int[] starts, int first, int[] indices, A values) implements Inputs<A> {
  /** The non-zeros of columns [0, width), stored from position starts[0]. */
  public static <A> SparseInputs<A> of(
      int height, int width, int[] starts, int[] indices, A values) {
    return new SparseInputs<>(height, width, starts, 0, indices, values);
  }

  /** The position of column j's first non-zero; {@code start(width)} is one past the last one's. */
  public int start(int j) {
    return starts[first + j];
  }

  /** The non-zeros of the block. */
  public int nonZeros() {
    return start(width) - start(0);
  }

  @Override
  public SparseInputs<A> columns(int firstColumn, int count) {
    return new SparseInputs<>(height, count, starts, first + firstColumn, indices, values);
  }

  @Override
  public void multiplyInto(Kernel<A> kernel, Matrix<A> w, Matrix<A> z) {
    check(w.width() == height && z.width() == width && w.height() == z.height(), w, z);
    for (int j = 0; j < width; j++) {
      for (int p = start(j); p < start(j + 1); p++) {
        // Z[:, j] += x_ij W[:, i]
        kernel.addScaled(
            z.rows(),
            values,
            p,
            w.data(),
            w.offset() + indices[p] * w.rows(),
            z.data(),
            z.offset() + j * z.rows());
      }
    }
  }

  @Override
  public void addOuterProduct(Kernel<A> kernel, Matrix<A> delta, Matrix<A> g) {
    check(delta.width() == width && g.width() == height && delta.height() == g.height(), delta, g);
    for (int j = 0; j < width; j++) {
      for (int p = start(j); p < start(j + 1); p++) {
        // G[:, i] += x_ij Delta[:, j]
        kernel.addScaled(
            g.rows(),
            values,
            p,
            delta.data(),
            delta.offset() + j * delta.rows(),
            g.data(),
            g.offset() + indices[p] * g.rows());
      }
    }
  }

  private void check(boolean shapesFit, Matrix<A> a, Matrix<A> c) {
    if (!shapesFit || a.transposed() || c.transposed()) {
      throw new IllegalArgumentException(
          "cannot multiply %s by sparse %sx%s into %s".formatted(a, height, width, c));
    }
  }
}
