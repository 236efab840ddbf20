package io.sparkmlp.data;

import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

/**
 * One training row: the feature vector (dense, or sparse as Spark's text and one-hot features
 * come), the target (a single class index for classification, the target vector for regression) and
 * the row's weight in the loss (1 unless the data gives one).
 */
public record Example(Vector features, double[] target, double weight) implements Serializable {
  /** A row of dense features. */
  public Example(double[] features, double[] target, double weight) {
    this(Vectors.dense(features), target, weight);
  }

  /** A row of dense features and weight 1. */
  public Example(double[] features, double[] target) {
    this(features, target, 1);
  }

  /** A classification row with class index {@code label}. */
  public static Example labeled(double[] features, int label) {
    return new Example(features, new double[] {label});
  }

  /** This row with other features: the same target and weight. */
  public Example withFeatures(Vector newFeatures) {
    return new Example(newFeatures, target, weight);
  }

  /**
   * What is wrong with {@code weight} as a row's weight, or null: weights are finite and not
   * negative (0 leaves the row out of the loss).
   */
  public static String problemWithWeight(double weight) {
    return Double.isFinite(weight) && weight >= 0 ? null : "must be finite and >= 0";
  }
}
