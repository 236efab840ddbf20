package io.sparkmlp.data;

import java.io.Serializable;

/**
 * Up to a fixed number of examples packed column-major: column j of {@code features} ({@code inputs
 * x rows}) and of {@code targets} ({@code targetRows x rows}) is example j.
 */
public record Block(int rows, int inputs, int targetRows, double[] features, double[] targets)
    implements Serializable {
  public int featureOffset(int row) {
    return row * inputs;
  }

  public int targetOffset(int row) {
    return row * targetRows;
  }
}
