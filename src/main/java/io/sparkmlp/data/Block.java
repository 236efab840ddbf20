package io.sparkmlp.data;

import java.io.Serializable;

/**
 * Up to a fixed number of examples packed column-major: column j of the features ({@code inputs x
 * rows}, in the run's precision) and of {@code targets} ({@code targetRows x rows}) is example j,
 * whose weight is {@code weights[j]}.
 *
 * @param <A> double[] or float[]
 */
public record Block<A>(
    int rows, int inputs, int targetRows, A features, double[] targets, double[] weights)
    implements Serializable {
  public int featureOffset(int row) {
    return row * inputs;
  }

  public int targetOffset(int row) {
    return row * targetRows;
  }
}
