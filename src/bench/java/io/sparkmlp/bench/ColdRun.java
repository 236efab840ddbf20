package io.sparkmlp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkmlp.files.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's recipe as a user runs it: {@code submit/train} in a fresh JVM, for as many epochs as
 * the warm run needed to reach the target. A run is a pure function of its seed, data and
 * partitions, so the fresh JVM computes the warm run's weights bit for bit and reaches the same
 * accuracy at that epoch (its summary's test accuracy says so); what differs is the time, which a
 * cold JVM, cold JIT and cold BLAS buffers take longer to spend.
 *
 * @param commandSeconds the whole command's wall time: JVM and Spark start, data load, training
 * @param trainSeconds the training loop's time, as summary.json reports it
 * @param testAccuracy the test accuracy after those epochs
 */
record ColdRun(double commandSeconds, double trainSeconds, double testAccuracy) {
  /**
   * Runs {@code submit/train JOB [key=value...] train.epochs=EPOCHS} into {@code out}, its output
   * into {@code out}.log.
   *
   * @throws IllegalStateException if the command fails
   */
  static ColdRun run(String jobFile, List<String> overrides, int epochs, Path out)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("submit/train", jobFile));
    command.addAll(overrides);
    command.addAll(
        List.of(
            "train.epochs=" + epochs,
            "report.plots=false",
            "--quiet",
            "--overwrite",
            "--out",
            out.toString()));
    Path log = Path.of(out + ".log");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = process.waitFor();
    double commandSeconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException(
          "the cold run " + String.join(" ", command) + " exited with " + exit + ": see " + log);
    }
    JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
    return new ColdRun(
        commandSeconds,
        summary.path("train_seconds").asDouble(),
        summary.path("test_accuracy").asDouble());
  }
}
