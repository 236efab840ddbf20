package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import org.junit.jupiter.api.Test;

/** What makes a checkpoint's run another run, as --resume tells it. */
class FingerprintTest {
  private static final Topology NET =
      Topology.uniform(
          new int[] {2, 3, 1}, new Activation.Tanh(), OutputLoss.of("sigmoid", "cross_entropy"));

  @Test
  void aSettingNewerThanTheCheckpointIsTheSameRunAtItsDefaultOnly() {
    TrainingConfig config = TrainingConfig.defaults(NET);
    String here = config.fingerprint(100);
    String older = here.replaceFirst(" \\| train\\.weight_decay = [^|]*", " ");
    assertTrue(here.contains("train.weight_decay") && !older.contains("train.weight_decay"));
    assertEquals("", TrainingConfig.differences(older, here));

    String decayed = config.with(Settings.WEIGHT_DECAY, 0.01).fingerprint(100);
    assertEquals(
        "train.weight_decay = (not set) there, 0.01 here",
        TrainingConfig.differences(older, decayed));
    assertEquals(
        "train.learning_rate = 0.1 there, 0.2 here",
        TrainingConfig.differences(
            here, config.with(Settings.LEARNING_RATE, 0.2).fingerprint(100)));
  }
}
