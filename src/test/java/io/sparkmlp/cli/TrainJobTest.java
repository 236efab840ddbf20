package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkmlp.files.Json;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.source.DataSpec;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.SavedModel;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.train.StopRequest;
import io.sparkmlp.train.TaskProbe;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default job, end to end: progress, model, metrics and summary. */
class TrainJobTest extends SparkTest {
  @Test
  void defaultJobSeparatesTheToyProblemAndWritesItsOutputs(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("xor");
    List<String> progress = new ArrayList<>();
    JobFile settings =
        JobFile.embedded(TrainMain.DEFAULT_JOB).set(Settings.OUTPUT_DIR, out.toString(), "test");
    JobConfig job = JobConfig.from(settings);

    TrainJob.run(job, false, false, jsc(), progress::add);

    JsonNode summary = Json.MAPPER.readTree(out.resolve(TrainJob.SUMMARY).toFile());
    assertEquals("classification", summary.get("task").asText());
    assertEquals("[2,8,1]", summary.get("layers").toString());
    assertEquals(
        ((DataSpec.Generated) job.data().spec()).examples(),
        summary.get("examples").asLong() + summary.get("validation_examples").asLong());
    assertEquals(0.2, summary.get("validation_examples").asDouble() / 2000, 0.05);
    assertEquals(job.training().get(Settings.EPOCHS), summary.get("epochs").asInt());
    assertTrue(summary.get("steps").asLong() > 0);
    assertTrue(summary.get("train_seconds").asDouble() > 0);
    assertTrue(summary.get("final_train_loss").asDouble() < 0.1, summary.toString());
    assertTrue(summary.get("train_accuracy").asDouble() >= 0.99, summary.toString());
    assertTrue(summary.get("test_accuracy").asDouble() >= 0.98, summary.toString());

    List<String> metricLines = Files.readAllLines(out.resolve(TrainJob.METRICS));
    assertEquals(job.training().get(Settings.EPOCHS), metricLines.size());
    JsonNode lastEpoch = Json.MAPPER.readTree(metricLines.get(metricLines.size() - 1));
    assertTrue(lastEpoch.get("validation_accuracy").asDouble() >= 0.98, lastEpoch.toString());
    assertEquals(2, lastEpoch.get("gradient_norm").size());
    assertTrue(lastEpoch.get("saturated_fraction").get(0).isNumber(), "tanh layer saturation");
    assertTrue(lastEpoch.get("dead_fraction").get(0).isNull(), "tanh units cannot die");
    assertTrue(
        progress.stream().anyMatch(l -> l.startsWith("  layer 1 (8 tanh):  saturated")),
        String.join("\n", progress));

    for (String chart : Pictures.ALL) {
      BufferedImage image = ImageIO.read(out.resolve(chart).toFile());
      assertTrue(image.getWidth() >= 700 && image.getHeight() >= 500, chart);
    }
    assertEquals(Pictures.ALL.size(), summary.get("charts").size());
    assertEquals(
        (long) job.training().get(Settings.EPOCHS),
        progress.stream().filter(l -> l.startsWith("epoch")).count());

    SavedModel model = ModelFiles.read(out);
    assertEquals(job.training().topology(), model.topology());
    assertEquals(job.training().topology().parameterCount(), model.parameters().length);
  }

  @Test
  void earlyStoppingFromTheConfStopsAndKeepsTheBestEpoch(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("early");
    // a min delta larger than any loss: no epoch after the first counts as an improvement
    JobConfig job =
        defaultJob(
            out,
            List.of(
                "data.examples=400",
                "train.epochs=10",
                "train.early_stopping_patience=2",
                "train.early_stopping_min_delta=100",
                "report.plots=false"));
    List<String> progress = new ArrayList<>();

    TrainJob.run(job, false, false, jsc(), progress::add);

    JsonNode summary = Json.MAPPER.readTree(out.resolve(TrainJob.SUMMARY).toFile());
    assertEquals(3, summary.get("epochs_run").asInt());
    assertEquals(1, summary.get("kept_epoch").asInt());
    assertTrue(summary.get("stopped_early").asBoolean());
    assertEquals(3, Files.readAllLines(out.resolve(TrainJob.METRICS)).size());
    assertTrue(
        progress.get(progress.size() - 1).contains("stopped early, kept the weights of epoch 1"),
        progress.get(progress.size() - 1));
    assertTrue(Files.notExists(out.resolve(Pictures.CURVES)), "report.plots=false");
  }

  @Test
  void resumeGoesOnFromTheNewestCheckpointToTheSameWeightsAndOneLinePerEpoch(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("resumed");
    JobConfig job =
        defaultJob(
            out,
            List.of(
                "data.examples=400",
                "train.epochs=4",
                "train.checkpoint_every=5",
                "report.plots=false"));
    TrainJob.run(job, false, false, jsc(), line -> {});
    byte[] weights = Files.readAllBytes(out.resolve(ModelFiles.WEIGHTS));
    // as if the driver had died after its last checkpoint: no summary, a model to be replaced
    Files.delete(out.resolve(TrainJob.SUMMARY));
    Files.write(out.resolve(ModelFiles.WEIGHTS), new byte[] {1, 2, 3});
    List<String> progress = new ArrayList<>();

    TrainJob.run(job, false, true, jsc(), progress::add);

    assertTrue(
        progress.get(1).startsWith("resuming from the checkpoint after step"), progress.toString());
    assertArrayEquals(weights, Files.readAllBytes(out.resolve(ModelFiles.WEIGHTS)));
    List<String> lines = Files.readAllLines(out.resolve(TrainJob.METRICS));
    assertEquals(4, lines.size(), String.join("\n", lines));
    for (int epoch = 1; epoch <= 4; epoch++) {
      assertEquals(epoch, Json.MAPPER.readTree(lines.get(epoch - 1)).get("epoch").asInt());
    }
  }

  /** Fails every task of epoch 2, step 3 while armed (the test disarms it when told). */
  private static final class FailOnceAtEpochTwo implements TaskProbe {
    static final AtomicBoolean ARMED = new AtomicBoolean();

    @Override
    public void beforeGradient(int epoch, int step, int partition) {
      if (epoch == 1 && step == 2 && ARMED.get()) {
        throw new IllegalStateException("injected: the step's job fails for good");
      }
    }
  }

  @Test
  void aStepThatFailsForGoodIsRetriedFromTheNewestCheckpointToTheSameWeights(@TempDir Path dir)
      throws Exception {
    List<String> overrides =
        List.of(
            "data.examples=400",
            "train.epochs=4",
            "train.checkpoint_every=5",
            "train.retries=1",
            "report.plots=false");
    JobConfig undisturbed = defaultJob(dir.resolve("undisturbed"), overrides);
    TrainJob.run(undisturbed, false, false, jsc(), line -> {});
    JobConfig retried = defaultJob(dir.resolve("retried"), overrides);
    List<String> progress = new ArrayList<>();
    FailOnceAtEpochTwo.ARMED.set(true);
    TrainJob.run(
        retried,
        false,
        false,
        jsc(),
        line -> {
          progress.add(line);
          if (line.contains("step 3 of epoch 2 failed")) {
            FailOnceAtEpochTwo.ARMED.set(false);
          }
        },
        new StopRequest(),
        new FailOnceAtEpochTwo());

    assertTrue(
        progress.stream().anyMatch(l -> l.endsWith("retrying from the newest checkpoint (1 of 1)")),
        String.join("\n", progress));
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("undisturbed").resolve(ModelFiles.WEIGHTS)),
        Files.readAllBytes(dir.resolve("retried").resolve(ModelFiles.WEIGHTS)));
    assertEquals(4, Files.readAllLines(dir.resolve("retried").resolve(TrainJob.METRICS)).size());
  }

  @Test
  void finishedRunIsNotOverwrittenUnlessAsked(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    JobConfig job =
        defaultJob(out, List.of("train.epochs=1", "data.examples=200", "data.test_examples=0"));
    TrainJob.run(job, false, false, jsc(), line -> {});
    byte[] summary = Files.readAllBytes(out.resolve(TrainJob.SUMMARY));
    byte[] weights = Files.readAllBytes(out.resolve(ModelFiles.WEIGHTS));

    ConfException refused =
        assertThrows(ConfException.class, () -> TrainJob.run(job, false, false, jsc(), line -> {}));
    assertTrue(refused.getMessage().contains("already holds a finished run"), refused.getMessage());
    assertArrayEquals(summary, Files.readAllBytes(out.resolve(TrainJob.SUMMARY)));
    assertArrayEquals(weights, Files.readAllBytes(out.resolve(ModelFiles.WEIGHTS)));

    TrainJob.run(job, true, false, jsc(), line -> {});
    assertTrue(Files.exists(out.resolve(TrainJob.SUMMARY)));
  }

  /** The embedded default job with overrides, writing into out. */
  private static JobConfig defaultJob(Path out, List<String> overrides) {
    return JobConfig.from(
        JobFile.embedded(TrainMain.DEFAULT_JOB)
            .override(overrides)
            .set(Settings.OUTPUT_DIR, out.toString(), "test"));
  }
}
