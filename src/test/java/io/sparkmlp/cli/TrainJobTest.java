package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkmlp.report.Json;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.SavedModel;
import io.sparkmlp.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default job, end to end: progress, model, metrics and summary. */
class TrainJobTest extends SparkTest {
  @Test
  void defaultJobSeparatesTheToyProblemAndWritesItsOutputs(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("xor");
    List<String> progress = new ArrayList<>();
    Settings settings =
        Settings.fromResource(TrainMain.DEFAULT_JOB)
            .set(ConfKey.OUTPUT_DIR, out.toString(), "test");
    JobConfig job = JobConfig.from(settings);

    TrainJob.run(job, false, jsc(), progress::add);

    JsonNode summary = Json.MAPPER.readTree(out.resolve(TrainJob.SUMMARY).toFile());
    assertEquals("classification", summary.get("task").asText());
    assertEquals("[2,8,1]", summary.get("layers").toString());
    assertEquals(((DataSpec.Generated) job.data()).examples(), summary.get("examples").asLong());
    assertEquals(job.training().epochs(), summary.get("epochs").asInt());
    assertTrue(summary.get("steps").asLong() > 0);
    assertTrue(summary.get("train_seconds").asDouble() > 0);
    assertTrue(summary.get("final_train_loss").asDouble() < 0.1, summary.toString());
    assertTrue(summary.get("train_accuracy").asDouble() >= 0.99, summary.toString());
    assertTrue(summary.get("test_accuracy").asDouble() >= 0.98, summary.toString());

    List<String> metricLines = Files.readAllLines(out.resolve(TrainJob.METRICS));
    assertEquals(job.training().epochs(), metricLines.size());
    assertEquals(
        job.training().epochs(), progress.stream().filter(l -> l.startsWith("epoch")).count());

    SavedModel model = ModelFiles.read(out);
    assertEquals(job.training().topology(), model.topology());
    assertEquals(job.training().topology().parameterCount(), model.parameters().length);
  }

  @Test
  void finishedRunIsNotOverwrittenUnlessAsked(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    JobConfig job =
        JobConfig.from(
            Settings.fromResource(TrainMain.DEFAULT_JOB)
                .override(List.of("train.epochs=1", "data.examples=200", "data.test_examples=0"))
                .set(ConfKey.OUTPUT_DIR, out.toString(), "test"));
    TrainJob.run(job, false, jsc(), line -> {});
    byte[] summary = Files.readAllBytes(out.resolve(TrainJob.SUMMARY));
    byte[] weights = Files.readAllBytes(out.resolve(ModelFiles.WEIGHTS));

    ConfException refused =
        assertThrows(ConfException.class, () -> TrainJob.run(job, false, jsc(), line -> {}));
    assertTrue(refused.getMessage().contains("already holds a finished run"), refused.getMessage());
    assertArrayEquals(summary, Files.readAllBytes(out.resolve(TrainJob.SUMMARY)));
    assertArrayEquals(weights, Files.readAllBytes(out.resolve(ModelFiles.WEIGHTS)));

    TrainJob.run(job, true, jsc(), line -> {});
    assertTrue(Files.exists(out.resolve(TrainJob.SUMMARY)));
  }
}
