package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run that dies mid-training and resumes from its newest checkpoint ends with the weights of a
 * run that never stopped, bit for bit; a corrupt newest checkpoint falls back to the one before.
 */
class CheckpointResumeTest extends SparkTest {
  private static final Topology XOR_NET =
      Topology.uniform(
          new int[] {2, 6, 1}, new Activation.Tanh(), OutputLoss.of("sigmoid", "cross_entropy"));
  private static final List<Example> TRAIN = SyntheticData.XOR.generate(350, 1);
  private static final List<Example> VALIDATION = SyntheticData.XOR.generate(100, 2);
  private static final int EPOCHS = 4; // 7 steps of 50 rows each

  /** Adam (its state includes a step count) with early stopping on, which never triggers here. */
  private static TrainingConfig config() {
    TrainingConfig base = Training.config(XOR_NET, 0.05, 50, EPOCHS, 9);
    return base.with(Settings.OPTIMIZER, "adam")
        .with(Settings.EARLY_STOPPING_PATIENCE, EPOCHS)
        .with(Settings.CLIP_NORM, 0.5);
  }

  /** Fails every gradient task of one step, as a crashed driver would stop the run there. */
  private static TaskProbe crashAt(int crashEpoch, int crashStep) {
    return (epoch, step, partition) -> {
      if (epoch == crashEpoch && step == crashStep) {
        throw new IllegalStateException("injected crash at epoch " + epoch + " step " + step);
      }
    };
  }

  @ParameterizedTest(name = "checkpoint every {0} steps, dropout {1}")
  @CsvSource({"3, 0", "7, 0", "3, 0.3"}) // 7: every checkpoint falls on an epoch's end
  void resumedRunEndsWithTheUninterruptedWeights(int every, double dropout, @TempDir Path dir)
      throws Exception {
    TrainingConfig config = config().with(Settings.DROPOUT, new double[] {dropout});
    try (TrainingData<?> train = TrainingData.cache(jsc().parallelize(TRAIN, 2), XOR_NET, "train");
        TrainingData<?> validation =
            TrainingData.cache(jsc().parallelize(VALIDATION, 2), XOR_NET, "validation")) {
      TrainingResult uninterrupted = new SyncSgdTrainer(config).fit(train, validation, m -> {});

      CheckpointStore store = new CheckpointStore(dir);
      Checkpointing writing = new Checkpointing(store, every, false);
      assertThrows(
          Exception.class,
          () -> new SyncSgdTrainer(config, crashAt(2, 4), writing).fit(train, validation, m -> {}));
      assertEquals(2, store.checkpointDirs().size(), "the newest two are kept");

      List<String> notices = new ArrayList<>();
      TrainingResult resumed =
          new SyncSgdTrainer(config, TaskProbe.NONE, new Checkpointing(store, every, true))
              .fit(train, validation, listener(notices));

      assertTrue(
          notices.get(0).startsWith("resuming from the checkpoint after step"), notices.toString());
      assertArrayEquals(uninterrupted.parameters(), resumed.parameters());
      assertEquals(uninterrupted.steps(), resumed.steps());
      assertArrayEquals(uninterrupted.lossHistory(), resumed.lossHistory());
      assertEquals(
          uninterrupted.history().get(EPOCHS - 1).validation(),
          resumed.history().get(EPOCHS - 1).validation());
    }
  }

  @ParameterizedTest(name = "newest checkpoint: {0}")
  @ValueSource(strings = {"truncated", "flipped byte", "no manifest"})
  void aDamagedNewestCheckpointIsReportedAndThePreviousOneUsed(String damage, @TempDir Path dir)
      throws Exception {
    try (TrainingData<?> train = TrainingData.cache(jsc().parallelize(TRAIN, 2), XOR_NET, "train");
        TrainingData<?> validation =
            TrainingData.cache(jsc().parallelize(VALIDATION, 2), XOR_NET, "validation")) {
      TrainingResult uninterrupted = new SyncSgdTrainer(config()).fit(train, validation, m -> {});
      CheckpointStore store = new CheckpointStore(dir);
      assertThrows(
          Exception.class,
          () ->
              new SyncSgdTrainer(config(), crashAt(3, 0), new Checkpointing(store, 5, false))
                  .fit(train, validation, m -> {}));
      Path newest = store.checkpointDirs().get(0);
      Path state = newest.resolve(CheckpointStore.STATE);
      switch (damage) {
        case "truncated" ->
            Files.write(state, java.util.Arrays.copyOf(Files.readAllBytes(state), 100));
        case "flipped byte" -> {
          byte[] bytes = Files.readAllBytes(state);
          bytes[bytes.length / 2] ^= 1;
          Files.write(state, bytes);
        }
        default -> Files.delete(newest.resolve(CheckpointStore.MANIFEST));
      }

      List<String> notices = new ArrayList<>();
      TrainingResult resumed =
          new SyncSgdTrainer(config(), TaskProbe.NONE, new Checkpointing(store, 5, true))
              .fit(train, validation, listener(notices));

      assertTrue(
          notices.get(0).startsWith("checkpoint " + newest + " is unreadable"), notices.toString());
      assertTrue(
          notices.get(1).startsWith("resuming from the checkpoint after step 15"),
          notices.toString());
      assertArrayEquals(uninterrupted.parameters(), resumed.parameters());
    }
  }

  @org.junit.jupiter.api.Test
  void checkpointsOfAnotherRunAreRefused(@TempDir Path dir) {
    try (TrainingData<?> train =
        TrainingData.cache(jsc().parallelize(TRAIN, 2), XOR_NET, "train")) {
      CheckpointStore store = new CheckpointStore(dir);
      new SyncSgdTrainer(
              Training.config(XOR_NET, 0.1, 50, 1, 9),
              TaskProbe.NONE,
              new Checkpointing(store, 3, false))
          .fit(train, m -> {});
      List<Path> written = store.checkpointDirs();
      ConfException error =
          assertThrows(
              ConfException.class,
              () ->
                  new SyncSgdTrainer(
                          Training.config(XOR_NET, 0.2, 50, 1, 9),
                          TaskProbe.NONE,
                          new Checkpointing(store, 3, true))
                      .fit(train, m -> {}));
      assertTrue(error.getMessage().contains("belong to another run"), error.getMessage());
      assertTrue(
          error.getMessage().contains("train.learning_rate = 0.1 there, 0.2 here"),
          error.getMessage());
      assertEquals(written, store.checkpointDirs(), "the other run's checkpoints are kept");
    }
  }

  private static TrainingListener listener(List<String> notices) {
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics metrics) {}

      @Override
      public void onNotice(String message) {
        notices.add(message);
      }
    };
  }
}
