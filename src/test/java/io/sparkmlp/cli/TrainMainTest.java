package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.store.ModelFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad command lines exit non-zero with one line naming the problem, before Spark starts. */
class TrainMainTest {
  @Test
  void badOverrideExitsWithItsMessage(@TempDir Path dir) {
    Path out = dir.resolve("run");
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new TrainMain())
              .execute("train.learning_rate=-1", "--out", out.toString());
    } finally {
      System.setErr(savedErr);
    }
    assertEquals(TrainMain.EXIT_BAD_INPUT, exit);
    assertEquals(
        "spark-mlp: train.learning_rate = -1 (command line): must be > 0\n",
        err.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(out), "a refused job must not create its output directory");
  }

  /**
   * --init-from starts from a saved model's weights: a step of lr 1e-300 leaves them where they
   * are, so the new run's weights are the old run's.
   */
  @Test
  void initFromStartsFromTheSavedModelsWeights(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    assertEquals(
        0, Cli.trainMain("--out", first.toString(), "data.examples=200", "train.epochs=2").exit());
    Cli.Result result =
        Cli.trainMain(
            "--out",
            second.toString(),
            "--init-from",
            first.toString(),
            "data.examples=200",
            "train.epochs=1",
            "train.learning_rate=1e-300");
    assertEquals(0, result.exit(), result.stderr());
    double[] before = ModelFiles.read(first).parameters();
    double[] after = ModelFiles.read(second).parameters();
    assertArrayEquals(before, after, 1e-250);
    assertTrue(Arrays.stream(before).anyMatch(w -> Math.abs(w) > 0.01), "trained weights");
  }

  @Test
  void quietRunPrintsNothingAndWritesItsSummary(@TempDir Path dir) {
    Path out = dir.resolve("quiet");
    PrintStream savedOut = System.out;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int exit;
    System.setProperty("spark.master", "local[1]"); // what spark-submit would pass
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new TrainMain())
              .execute(
                  "--quiet",
                  "--out",
                  out.toString(),
                  "train.epochs=1",
                  "data.examples=100",
                  "data.test_examples=0");
    } finally {
      System.setOut(savedOut);
      System.clearProperty("spark.master");
    }
    assertEquals(0, exit);
    assertEquals("", stdout.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(out.resolve(TrainJob.SUMMARY)));
  }

  @Test
  void checkGradientReportsEachLayerBelowTheToleranceAndTrainsNothing(@TempDir Path dir) {
    Path out = dir.resolve("check");
    PrintStream savedOut = System.out;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int exit;
    System.setProperty("spark.master", "local[2]");
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new TrainMain())
              .execute("--check-gradient", "--out", out.toString(), "data.examples=300");
    } finally {
      System.setOut(savedOut);
      System.clearProperty("spark.master");
    }
    String printed = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, printed);
    assertTrue(printed.contains("layer 1 (8 x 2 weights + 8 biases): max relative error"), printed);
    assertTrue(printed.contains("layer 2 (1 x 8 weights + 1 biases): max relative error"), printed);
    assertEquals(2, printed.lines().filter(line -> line.endsWith(") ok")).count(), printed);
    assertFalse(Files.exists(out.resolve(TrainJob.SUMMARY)), "a check trains nothing");
  }
}
