package io.sparkmlp.data;

import io.sparkmlp.nn.Inputs;
import java.io.Serializable;

/**
 * Up to a fixed number of examples packed column-major: column j of the features ({@code inputs x
 * rows}, dense or sparse, in the run's precision) and of {@code targets} ({@code targetRows x
 * rows}) is example j, whose weight is {@code weights[j]}.
 *
 * @param <A> double[] or float[]
 */
public record Block<A>(
    int rows, int targetRows, Inputs<A> features, double[] targets, double[] weights)
    implements Serializable {
  public int targetOffset(int row) {
    return row * targetRows;
  }
}
