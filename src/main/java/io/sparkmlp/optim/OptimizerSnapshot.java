package io.sparkmlp.optim;

import java.util.List;

/**
 * An optimiser's state, for checkpoints: its arrays (velocity; or Adam's two moments), each the
 * size of the parameters, and its step count (0 where the update does not use it).
 */
public record OptimizerSnapshot(List<double[]> arrays, long steps) {
  public OptimizerSnapshot {
    arrays = List.copyOf(arrays);
  }

  /** The arrays, checked to be {@code count} arrays of {@code length} entries each. */
  List<double[]> require(String optimizer, int count, int length) {
    if (arrays.size() != count || arrays.stream().anyMatch(a -> a.length != length)) {
      throw new IllegalArgumentException(
          "%s state needs %s arrays of %s entries, got %s arrays of %s"
              .formatted(
                  optimizer,
                  count,
                  length,
                  arrays.size(),
                  arrays.stream().map(a -> String.valueOf(a.length)).toList()));
    }
    return arrays.stream().map(double[]::clone).toList();
  }
}
