package io.sparkmlp.nn;

/**
 * A matrix stored column-major in {@code data} from {@code offset}: {@code rows x cols}, leading
 * dimension {@code rows}, read as its transpose when {@code transposed}. A view: it copies nothing,
 * so that a BLAS call can be written as its formula ({@link Kernel#gemm}).
 *
 * @param <A> double[] or float[]
 */
public record Matrix<A>(A data, int offset, int rows, int cols, boolean transposed) {
  /** The {@code rows x cols} matrix stored at data[offset..]. */
  public static <A> Matrix<A> of(A data, int offset, int rows, int cols) {
    return new Matrix<>(data, offset, rows, cols, false);
  }

  /** The transpose, stored in the same place. */
  public Matrix<A> t() {
    return new Matrix<>(data, offset, rows, cols, !transposed);
  }

  /** Rows as read (of the transpose when transposed). */
  public int height() {
    return transposed ? cols : rows;
  }

  /** Columns as read. */
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
