package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.Training;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverging run stops naming where and the last checkpoint; clipping bounds every step. */
class NumericalGuardTest extends SparkTest {
  private static final Topology SINE_NET =
      Topology.uniform(
          new int[] {1, 16, 1}, new Activation.Tanh(), OutputLoss.of("identity", "squared_error"));
  private static final List<Example> SINE = SyntheticData.SINE.generate(200, 1);

  @Test
  void divergenceNamesTheEpochTheStepAndTheLastCheckpoint(@TempDir Path dir) {
    // a linear network: nothing saturates, so too large a step grows the weights geometrically
    Topology linear =
        Topology.uniform(
            new int[] {1, 16, 1},
            new Activation.Identity(),
            OutputLoss.of("identity", "squared_error"));
    TrainingConfig tooFast = Training.config(linear, 10, 20, 20, 1);
    try (TrainingData<?> data = TrainingData.cache(jsc().parallelize(SINE, 2), linear, "sine")) {
      IllegalStateException error =
          assertThrows(
              IllegalStateException.class,
              () ->
                  new SyncSgdTrainer(
                          tooFast,
                          TaskProbe.NONE,
                          new Checkpointing(new CheckpointStore(dir), 3, false))
                      .fit(data, m -> {}));
      assertTrue(
          error.getMessage().matches("training diverged: .* at epoch \\d+ step \\d+ .*"),
          error.getMessage());
      assertTrue(
          error.getMessage().contains("; last good checkpoint: after step ")
              && error.getMessage().contains(" in " + dir),
          error.getMessage());
    }
  }

  @Test
  void clippingBoundsTheFirstStepByTheLearningRateTimesTheClipNorm() {
    double clip = 1e-3;
    TrainingConfig base = Training.config(SINE_NET, 1, SINE.size(), 1, 1); // one full-batch step
    TrainingConfig clipped = base.with(Settings.CLIP_NORM, clip);
    double[] initial =
        base.initializer()
            .initialize(SINE_NET, base.get(Settings.SEED), base.get(Settings.RELU_BIAS));
    try (TrainingData<?> data = TrainingData.cache(jsc().parallelize(SINE, 2), SINE_NET, "sine")) {
      double free = distance(initial, new SyncSgdTrainer(base).fit(data, m -> {}).parameters());
      TrainingResult result = new SyncSgdTrainer(clipped).fit(data, m -> {});
      assertEquals(1, result.steps());
      // SGD with momentum from zero velocity: the first step is -lr * g, and |g| <= clip
      assertEquals(clip, distance(initial, result.parameters()), 1e-12);
      assertTrue(free > 100 * clip, "without clipping the step is " + free);
    }
  }

  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(sum);
  }
}
