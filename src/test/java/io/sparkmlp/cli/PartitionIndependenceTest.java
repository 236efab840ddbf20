package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkmlp.files.Json;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same job on 1, 2, 3, 4, 7 and 8 partitions trains the same weights, bit for bit, and splits
 * off the same validation and test rows: the default job, a MNIST subset, and a CSV file split into
 * training, validation and test rows by fractions; each in 16 shards (their batch sizes alone would
 * ask for 1 or 2), so that every partition count holds several.
 */
class PartitionIndependenceTest extends SparkTest {
  private static final int[] PARTITIONS = {1, 2, 3, 4, 7, 8};
  private static final Path MNIST = Path.of("../shared/data/mnist");

  @Test
  void theDefaultJobIsTheSameOnEveryPartitioning(@TempDir Path dir) throws Exception {
    sameOnEveryPartitioning(
        dir, JobFile.embedded(TrainMain.DEFAULT_JOB), List.of("train.epochs=2"));
  }

  @Test
  void aMnistSubsetIsTheSameOnEveryPartitioning(@TempDir Path dir) throws Exception {
    assumeTrue(
        Files.exists(MNIST.resolve("train-images-idx3-ubyte.gz")),
        "MNIST is not in " + MNIST.toAbsolutePath() + " (the shared data folder): skipped");
    sameOnEveryPartitioning(
        dir,
        JobFile.read(Path.of("conf/mnist.properties")),
        List.of(
            "data.limit=1000", "model.layers=784,32,10", "train.epochs=1", "report.plots=false"));
  }

  @Test
  void aCsvFileWithSplitsIsTheSameOnEveryPartitioning(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("rows.csv");
    SplittableRandom random = new SplittableRandom(5);
    List<String> lines = new ArrayList<>(List.of("a,b,c,label"));
    for (int i = 0; i < 900; i++) {
      double a = random.nextDouble(-1, 1);
      double b = random.nextDouble(-1, 1);
      double c = random.nextDouble(-1, 1);
      lines.add("%.6f,%.6f,%.6f,%s".formatted(a, b, c, a * b + c > 0 ? "yes" : "no"));
    }
    Files.write(csv, lines);
    List<JsonNode> summaries =
        sameOnEveryPartitioning(
            dir,
            JobFile.defaults(),
            List.of(
                "data.source=csv",
                "data.path=" + csv,
                "data.label_col=label",
                "data.test_fraction=0.2",
                "data.validation_fraction=0.1",
                "data.shards=16",
                "model.layers=3,8,1",
                "model.output=sigmoid",
                "train.optimizer=adam",
                "train.learning_rate=0.05",
                "train.batch_size=32",
                "train.epochs=2",
                "report.plots=false"));
    long test = summaries.get(0).path("test_examples").asLong();
    long validation = summaries.get(0).path("validation_examples").asLong();
    assertNotEquals(0, test);
    assertNotEquals(0, validation);
  }

  /**
   * Runs the job with overrides on each partition count and checks the weights and the row counts
   * are the same every time.
   */
  private List<JsonNode> sameOnEveryPartitioning(Path dir, JobFile job, List<String> overrides)
      throws Exception {
    byte[] first = null;
    List<JsonNode> summaries = new ArrayList<>();
    for (int partitions : PARTITIONS) {
      Path out = dir.resolve("p" + partitions);
      List<String> settings = new ArrayList<>(overrides);
      settings.add("data.partitions=" + partitions);
      TrainJob.run(
          JobConfig.from(job.override(settings).set(Settings.OUTPUT_DIR, out.toString(), "test")),
          false,
          false,
          jsc(),
          line -> {});
      byte[] weights = Files.readAllBytes(out.resolve(ModelFiles.WEIGHTS));
      JsonNode summary = Json.MAPPER.readTree(out.resolve(TrainJob.SUMMARY).toFile());
      assertEquals(partitions, summary.path("partitions").asInt());
      if (first == null) {
        first = weights;
      } else {
        assertArrayEquals(first, weights, "weights on " + partitions + " partitions");
        for (String count : List.of("examples", "validation_examples", "test_examples")) {
          assertEquals(
              summaries.get(0).path(count).asLong(),
              summary.path(count).asLong(),
              count + " on " + partitions + " partitions");
        }
      }
      summaries.add(summary);
    }
    return summaries;
  }
}
