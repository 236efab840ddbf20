package io.sparkmlp.cli;

import io.sparkmlp.settings.ConfException;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.train.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run's output directory: checked before Spark starts (it must be a directory that can be
 * written, and not hold another run unless --resume or --overwrite says what to do with it), and
 * cleared of an earlier run's files before a new run writes, so that files of two runs are never
 * side by side.
 */
final class OutputDir {
  private OutputDir() {}

  /** Every file or folder a run writes, the summary (which marks a finished run) first. */
  static List<String> runFiles() {
    List<String> files = new ArrayList<>();
    files.add(TrainJob.SUMMARY);
    files.addAll(
        List.of(ModelFiles.MODEL_JSON, ModelFiles.WEIGHTS, TrainJob.METRICS, TrainJob.CHECKPOINTS));
    files.addAll(Pictures.ALL);
    return files;
  }

  /**
   * @throws ConfException if {@code out} is a file or cannot be created or written, or holds a run
   *     that neither flag allows to touch: a finished one without --overwrite, an unfinished one
   *     without --resume or --overwrite
   */
  static void check(Path out, boolean overwrite, boolean resume) {
    if (overwrite && resume) {
      throw new ConfException("give --resume or --overwrite, not both");
    }
    Path existing = out.toAbsolutePath();
    while (!Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (!Files.isDirectory(existing)) {
      throw new ConfException(
          existing.equals(out.toAbsolutePath())
              ? "output directory %s is a file".formatted(out)
              : "output directory %s cannot be created: %s is a file".formatted(out, existing));
    }
    if (!Files.isWritable(existing)) {
      throw new ConfException(
          "output directory %s cannot be written: %s is not writable".formatted(out, existing));
    }
    if (overwrite) {
      return;
    }
    if (Files.exists(out.resolve(TrainJob.SUMMARY))) {
      throw new ConfException(
          "output directory %s already holds a finished run (%s): choose another with --out DIR, or pass --overwrite"
              .formatted(out, TrainJob.SUMMARY));
    }
    List<String> left = runFiles().stream().filter(f -> Files.exists(out.resolve(f))).toList();
    if (!resume && !left.isEmpty()) {
      throw new ConfException(
          "output directory %s holds an unfinished run (%s): pass --resume to go on from its checkpoints, or --overwrite to start over"
              .formatted(out, String.join(", ", left)));
    }
  }

  /**
   * Removes what an earlier run left, the summary first so that a run interrupted meanwhile never
   * looks finished; with {@code resume}, only the summary (the metrics and checkpoints are what it
   * goes on from).
   */
  static void prepare(Path out, boolean resume) throws IOException {
    Files.createDirectories(out);
    for (String file : resume ? List.of(TrainJob.SUMMARY) : runFiles()) {
      Path path = out.resolve(file);
      if (file.equals(TrainJob.CHECKPOINTS)) {
        new CheckpointStore(path).deleteAll();
        deleteIfEmpty(path);
      } else {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isEmpty()) {
          Files.delete(dir);
        }
      }
    }
  }
}
