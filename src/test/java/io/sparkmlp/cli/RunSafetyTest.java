package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.store.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/**
 * Nothing a user has is lost: the output directory is checked before Spark starts, another run's
 * files are never touched without --resume or --overwrite, and SIGINT stops at a step boundary with
 * a last checkpoint that --resume goes on from to the same bits.
 */
class RunSafetyTest {
  /** Long enough (120 steps) that the signal, sent after step 3, lands well inside the run. */
  private static final List<String> JOB =
      List.of(
          "data.examples=200",
          "data.test_examples=0",
          "train.epochs=30",
          "train.checkpoint_every=3",
          "report.plots=false");

  @Test
  void anOutputDirectoryThatCannotBeOneIsRefusedBeforeSparkStarts(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "keep me");
    assertRefused("spark-mlp: output directory " + file + " is a file", "--out", file.toString());
    assertRefused(
        "spark-mlp: output directory %s cannot be created: %s is a file"
            .formatted(file.resolve("run"), file),
        "--out",
        file.resolve("run").toString());
    assertRefused(
        "spark-mlp: give --resume or --overwrite, not both",
        "--out",
        dir.resolve("new").toString(),
        "--resume",
        "--overwrite");
    assertEquals("keep me", Files.readString(file));
    assertFalse(Files.exists(dir.resolve("new")));
  }

  @Test
  void anInterruptedRunIsKeptRefusedAndResumedToTheSameBits(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    assertEquals(0, Cli.trainMain("--out", out.toString(), "train.epochs=1").exit());
    assertTrue(Files.exists(out.resolve(ModelFiles.WEIGHTS)));

    Cli.Result stopped = interruptedEarly(out, "--overwrite");
    assertEquals(128 + new Signal("INT").getNumber(), stopped.exit(), stopped.stderr());
    List<String> messages = stopped.messages();
    assertEquals("spark-mlp: SIGINT: stopping after the current step", messages.get(0));
    assertTrue(
        messages
            .get(1)
            .matches(
                "spark-mlp: stopped by SIGINT after step (\\d+) \\(--resume goes on from the checkpoint after step \\1 in "
                    + java.util.regex.Pattern.quote(out.resolve(TrainJob.CHECKPOINTS).toString())
                    + "\\)"),
        messages.toString());
    for (String old : List.of(TrainJob.SUMMARY, ModelFiles.MODEL_JSON, ModelFiles.WEIGHTS)) {
      assertFalse(Files.exists(out.resolve(old)), old + " of the overwritten run is still there");
    }
    Map<String, byte[]> interrupted = Cli.snapshot(out);

    List<String> left =
        OutputDir.runFiles().stream().filter(f -> Files.exists(out.resolve(f))).toList();
    assertTrue(left.contains(TrainJob.CHECKPOINTS), left.toString());
    assertRefused(
        "spark-mlp: output directory %s holds an unfinished run (%s): pass --resume to go on from its checkpoints, or --overwrite to start over"
            .formatted(out, String.join(", ", left)),
        args(out));
    assertUnchanged(interrupted, out);
    Cli.Result otherNetwork = Cli.trainMain(args(out, "--resume", "model.layers=2,6,1"));
    assertEquals(TrainMain.EXIT_BAD_INPUT, otherNetwork.exit(), otherNetwork.stderr());
    String refusal = otherNetwork.messages().get(0);
    assertTrue(
        refusal.startsWith(
            "spark-mlp: --resume: the checkpoints in %s belong to another run (network = "
                .formatted(out.resolve(TrainJob.CHECKPOINTS))),
        refusal);
    assertTrue(refusal.contains("2-8-1") && refusal.contains("2-6-1"), refusal);
    assertTrue(refusal.contains("they are left as they are"), refusal);
    assertUnchanged(interrupted, out);

    assertEquals(0, Cli.trainMain(args(out, "--resume")).exit());
    Path whole = dir.resolve("uninterrupted");
    assertEquals(0, Cli.trainMain(args(whole)).exit());
    assertArrayEquals(
        Files.readAllBytes(whole.resolve(ModelFiles.WEIGHTS)),
        Files.readAllBytes(out.resolve(ModelFiles.WEIGHTS)));
  }

  /**
   * The job into out, sent SIGINT (to this JVM, whose handler it is while the job trains) once the
   * job has written its first checkpoint, at step 3 of 120: out holds none before (the run it
   * replaces did not write any).
   */
  private static Cli.Result interruptedEarly(Path out, String flag) throws Exception {
    Path checkpoints = out.resolve(TrainJob.CHECKPOINTS);
    CompletableFuture<Void> signal =
        CompletableFuture.runAsync(
            () -> {
              while (!holdsEntries(checkpoints)) {
                Thread.onSpinWait();
              }
              Signal.raise(new Signal("INT"));
            });
    Cli.Result result = Cli.trainMain(args(out, flag));
    signal.get();
    return result;
  }

  private static boolean holdsEntries(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static String[] args(Path out, String... more) {
    List<String> all = new ArrayList<>(JOB);
    all.addAll(List.of("--out", out.toString()));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  private static void assertRefused(String message, String... arguments) {
    Cli.Result result = Cli.trainMain(arguments);
    assertEquals(TrainMain.EXIT_BAD_INPUT, result.exit(), result.stderr());
    assertEquals(List.of(message), result.messages());
  }

  private static void assertUnchanged(Map<String, byte[]> before, Path out) throws Exception {
    Map<String, byte[]> after = Cli.snapshot(out);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file));
    assertTrue(Files.isDirectory(out.resolve(TrainJob.CHECKPOINTS)));
  }
}
