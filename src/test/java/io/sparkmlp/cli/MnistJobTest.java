package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped MNIST job on the first 5,000 images: real data, learned in seconds. */
class MnistJobTest extends SparkTest {
  private static final Path MNIST = Path.of("../shared/data/mnist");
  private static final double SUBSET_TEST_ACCURACY = 0.90;

  @Test
  void mnistSubsetIsLearned(@TempDir Path dir) throws Exception {
    assumeTrue(
        Files.exists(MNIST.resolve("train-images-idx3-ubyte.gz")),
        "MNIST is not in " + MNIST.toAbsolutePath() + " (the shared data folder): skipped");
    JobConfig job =
        JobConfig.from(
            JobFile.read(Path.of("conf/mnist.properties"))
                .override(List.of("data.limit=5000", "train.epochs=5", "data.partitions=2"))
                .set(Settings.OUTPUT_DIR, dir.resolve("mnist").toString(), "test"));

    ObjectNode summary = TrainJob.run(job, false, false, jsc(), line -> {});

    assertEquals(5000, summary.get("examples").asLong());
    assertEquals(5000, summary.get("test_examples").asLong());
    assertTrue(summary.get("test_accuracy").asDouble() >= SUBSET_TEST_ACCURACY, summary.toString());
  }
}
