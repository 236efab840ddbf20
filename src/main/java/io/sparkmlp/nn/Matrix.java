package io.sparkmlp.nn;

/**
 * A matrix stored column-major in {@code data} from {@code offset}: {@code rows x cols}, leading
 * dimension {@code rows}, read as its transpose when {@code transposed}. A view: it copies nothing,
 * so that a BLAS call can be written as its formula ({@link Kernel#gemm}). As a dense {@link
 * Inputs} block, its columns are the examples.
 *
 * @param <A> double[] or float[]
 */
public record Matrix<A>(A data, int offset, int rows, int cols, boolean transposed)
    implements Inputs<A> {
  /** The {@code rows x cols} matrix stored at data[offset..]. */
  public static <A> Matrix<A> of(A data, int offset, int rows, int cols) {
    return new Matrix<>(data, offset, rows, cols, false);
  }

  /** The transpose, stored in the same place. */
  public Matrix<A> t() {
    return new Matrix<>(data, offset, rows, cols, !transposed);
  }

  @Override
  public Matrix<A> columns(int first, int count) {
    if (transposed) {
      throw new IllegalStateException("columns of a transposed view");
    }
    return of(data, offset + first * rows, rows, count);
  }

  @Override
  public void multiplyInto(Kernel<A> kernel, Matrix<A> w, Matrix<A> z) {
    kernel.gemm(1, w, this, 1, z);
  }

  @Override
  public void addOuterProduct(Kernel<A> kernel, Matrix<A> delta, Matrix<A> g) {
    kernel.gemm(1, delta, t(), 1, g);
  }

  /** Rows as read (of the transpose when transposed). */
  @Override
  public int height() {
    return transposed ? cols : rows;
  }

  /** Columns as read. */
  @Override
  public int width() {
    return transposed ? rows : cols;
  }

  /** BLAS's name of the operation applied to the stored matrix: "T" or "N". */
  String operation() {
    return transposed ? "T" : "N";
  }

  @Override
  public String toString() {
    return height() + "x" + width() + (transposed ? " (transposed)" : "");
  }
}
