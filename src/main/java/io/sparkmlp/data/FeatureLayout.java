package io.sparkmlp.data;

import io.sparkmlp.nn.Names;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;

/**
 * How cached blocks store the features, and so how the first layer multiplies them: dense
 * (column-major, a GEMM) or sparse (compressed columns of the non-zeros, see {@link
 * io.sparkmlp.nn.SparseInputs}). Both compute the same products; they differ in rounding order
 * only.
 */
public enum FeatureLayout {
  /**
   * Sparse when a sample of the rows has fewer than {@link #SPARSE_BELOW} non-zeros, else dense.
   */
  AUTO,
  DENSE,
  SPARSE;

  /**
   * The share of non-zero features below which AUTO packs sparse. The sparse first layer runs at
   * about a tenth of a GEMM's rate but touches only the non-zeros, and its blocks are smaller: a9a
   * (0.11 non-zero) trains as fast sparse (1.38 against 1.72 s an epoch in submit/bench-sparse) in
   * 5.4x less memory; MNIST (0.19) stays dense. See the sparse benchmark in performance.md.
   */
  public static final double SPARSE_BELOW = 0.15;

  /** The rows AUTO samples from the start of the data. */
  static final int SAMPLE_ROWS = 1000;

  /** This layout, or for AUTO the one the first rows' density calls for. */
  public FeatureLayout resolve(JavaRDD<Example> rows) {
    if (this != AUTO) {
      return this;
    }
    return of(rows.take(SAMPLE_ROWS).stream().map(Example::features).toList());
  }

  /** The layout AUTO chooses for these rows: sparse if their share of non-zeros is small. */
  public static FeatureLayout of(List<Vector> rows) {
    long nonZeros = 0;
    long entries = 0;
    for (Vector row : rows) {
      nonZeros += row.numNonzeros();
      entries += row.size();
    }
    return entries > 0 && nonZeros < SPARSE_BELOW * entries ? SPARSE : DENSE;
  }

  public String label() {
    return Names.label(this);
  }

  public static FeatureLayout byName(String name) {
    return Names.byLabel(FeatureLayout.class, name, "feature layout");
  }
}
