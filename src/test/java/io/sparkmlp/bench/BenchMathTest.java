package io.sparkmlp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic behind bench.json's rates: FLOPs counted as Backprop spends them. */
class BenchMathTest {
  @Test
  void flopsOfOneMnistExampleAreForwardWeightGradientsAndOneBackwardProduct() {
    Topology mnist =
        Topology.uniform(
            new int[] {784, 256, 10},
            new Activation.Relu(),
            OutputLoss.of("softmax", "cross_entropy"));
    // layer 1: forward + dW, 2 x (2 * 784 * 256); layer 2: forward + dW + W^T Delta, 3 x (2 * 256 *
    // 10)
    assertEquals(2 * 2.0 * 784 * 256 + 3 * 2.0 * 256 * 10, GemmRate.flops(mnist, 1));
    assertEquals(64 * GemmRate.flops(mnist, 1), GemmRate.flops(mnist, 64));
  }

  @Test
  void aStageComputesAsLongAsItsSlowestTaskOrItsTasksSpreadOverTheCores() {
    // one wave: 2 tasks on 2 cores, 20 and 26 ms; the faster core waits 6 ms
    assertEquals(26.0, TaskTimes.stageComputeMillis(26, 46, 2));
    // two waves: 4 tasks of 10 ms on 2 cores
    assertEquals(20.0, TaskTimes.stageComputeMillis(10, 40, 2));
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(3.0, BareStep.median(new double[] {5, 1, 3}));
    assertEquals(2.5, BareStep.median(List.of(4.0, 1.0, 2.0, 3.0)));
  }
}
