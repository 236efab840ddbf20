package io.sparkmlp.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An optimiser restored from a snapshot takes exactly the steps the original would have. */
class OptimizerSnapshotTest {
  static Stream<Optimizer> optimizers() {
    return Stream.of(new MomentumSgd(0.9), new NesterovSgd(0.8), new Adam(0.9, 0.99, 1e-8));
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void restoredOptimizerContinuesBitForBit(Optimizer original) {
    double[] weights = {0.5, -1.0, 2.0};
    original.initialize(3);
    original.step(weights, new double[] {0.1, -0.2, 0.3}, 0.1);
    original.step(weights, new double[] {0.2, 0.1, -0.3}, 0.1);

    Optimizer resumed = original.copy();
    resumed.initialize(3); // forget everything, then restore
    resumed.restore(original.snapshot(), 3);
    double[] continued = weights.clone();
    double[] restored = weights.clone();
    double[] gradient = {-0.4, 0.5, 0.05};
    original.step(continued, gradient, 0.05);
    resumed.step(restored, gradient, 0.05);

    assertArrayEquals(continued, restored);
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void snapshotOfAnotherSizeIsRefused(Optimizer optimizer) {
    optimizer.initialize(3);
    OptimizerSnapshot snapshot = optimizer.snapshot();
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> optimizer.restore(snapshot, 4));
    assertTrue(error.getMessage().contains("entries, got"), error.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> optimizer.restore(new OptimizerSnapshot(List.of(), 0), 3));
  }
}
