package io.sparkmlp.data;

import io.sparkmlp.nn.Precision;
import java.io.Serializable;

/**
 * Up to a fixed number of examples packed column-major: column j of the features ({@code inputs x
 * rows}) and of {@code targets} ({@code targetRows x rows}) is example j. The features are double
 * ({@code features}) or, for float32 training, float ({@code features32}, half the memory); the
 * other array is null.
 */
public record Block(
    int rows, int inputs, int targetRows, double[] features, float[] features32, double[] targets)
    implements Serializable {
  public Block {
    if ((features == null) == (features32 == null)) {
      throw new IllegalArgumentException("a block holds its features as double or as float");
    }
  }

  public int featureOffset(int row) {
    return row * inputs;
  }

  public int targetOffset(int row) {
    return row * targetRows;
  }

  /** The features of rows [start, start + n) as double, column-major, into {@code into}. */
  public void copyFeatures(int start, int n, double[] into) {
    int offset = featureOffset(start);
    int length = n * inputs;
    if (features != null) {
      System.arraycopy(features, offset, into, 0, length);
    } else {
      Precision.widen(features32, offset, into, 0, length);
    }
  }
}
