package io.sparkmlp.data;

import java.io.Serializable;

/**
 * One training row: the feature vector and the target (a single class index for classification, the
 * target vector for regression).
 */
public record Example(double[] features, double[] target) implements Serializable {
  /** A classification row with class index {@code label}. */
  public static Example labeled(double[] features, int label) {
    return new Example(features, new double[] {label});
  }
}
