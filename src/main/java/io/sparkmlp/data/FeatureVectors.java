package io.sparkmlp.data;

import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/** Reading Spark's feature vectors without densifying the sparse ones. */
public final class FeatureVectors {
  private FeatureVectors() {}

  /** What is done with a stored feature: its index and value. */
  @FunctionalInterface
  public interface FeatureAction {
    void accept(int index, double value);
  }

  /** Every value features stores, in index order: all of a dense vector, a sparse one's own. */
  public static void eachStored(Vector features, FeatureAction action) {
    if (features instanceof SparseVector sparse) {
      for (int k = 0; k < sparse.indices().length; k++) {
        action.accept(sparse.indices()[k], sparse.values()[k]);
      }
    } else {
      double[] values = features.toArray();
      for (int i = 0; i < values.length; i++) {
        action.accept(i, values[i]);
      }
    }
  }

  /** The values a vector stores: all of a dense one, the non-zeros of a sparse one. */
  public static double[] storedValues(Vector features) {
    return features instanceof SparseVector sparse ? sparse.values() : features.toArray();
  }
}
