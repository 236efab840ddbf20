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

/**
 * The shipped jobs for real files as they come, with no preprocessing: UCI letter (a headerless
 * CSV, letters first) and a9a (LIBSVM, labels -1/+1, a test file one feature short).
 */
class RealFilesJobTest extends SparkTest {
  private static final Path LETTER = Path.of("../shared/data/uci-letter/letter-recognition.data");
  private static final Path A9A = Path.of("../shared/data/a9a/a9a");

  /** The whole job (30 epochs) reaches 0.970; its first 5 epochs already separate most letters. */
  private static final double LETTER_FIVE_EPOCHS_ACCURACY = 0.85;

  private static final double A9A_TEST_ACCURACY = 0.845;

  private ObjectNode run(String conf, Path data, Path out, String... overrides) throws Exception {
    assumeTrue(
        Files.exists(data),
        data.toAbsolutePath() + " (the shared data folder) is missing: skipped");
    JobConfig job =
        JobConfig.from(
            JobFile.read(Path.of(conf))
                .override(List.of(overrides))
                .set(Settings.OUTPUT_DIR, out.toString(), "test"));
    return TrainJob.run(job, false, false, jsc(), line -> {});
  }

  @Test
  void letterTrainsFromItsJobFileAndNamesTheClassesByTheirLetters(@TempDir Path dir)
      throws Exception {
    ObjectNode summary = run("conf/letter.properties", LETTER, dir, "train.epochs=5");
    assertEquals(26, summary.get("labels").size());
    assertEquals("A", summary.get("labels").get(0).asText());
    assertEquals("Z", summary.get("labels").get(25).asText());
    assertEquals(20000, summary.get("examples").asLong() + summary.get("test_examples").asLong());
    assertTrue(
        summary.get("test_accuracy").asDouble() >= LETTER_FIVE_EPOCHS_ACCURACY, summary.toString());
  }

  @Test
  void a9aTrainsFromItsJobFileWithLabelsMinusOneAndPlusOne(@TempDir Path dir) throws Exception {
    ObjectNode summary = run("conf/a9a.properties", A9A, dir);
    assertEquals("[\"-1\",\"1\"]", summary.get("labels").toString());
    assertEquals(32561, summary.get("examples").asLong());
    assertEquals(16281, summary.get("test_examples").asLong());
    assertTrue(summary.get("test_accuracy").asDouble() >= A9A_TEST_ACCURACY, summary.toString());
  }
}
