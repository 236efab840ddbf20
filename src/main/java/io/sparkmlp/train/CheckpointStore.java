package io.sparkmlp.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.files.AtomicFiles;
import io.sparkmlp.files.Json;
import io.sparkmlp.files.Sha256;
import io.sparkmlp.optim.OptimizerSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Checkpoints in a directory, one sub-directory per checkpoint ({@code step-0000000120}), never
 * Java serialization:
 *
 * <ul>
 *   <li>{@code state.bin}: little-endian doubles: the parameters, then each optimiser array, then
 *       the best epoch's parameters when early stopping has some;
 *   <li>{@code manifest.json}: counters, running totals, early-stopping state, the finished epochs'
 *       figures, the sizes of state.bin and its sha256.
 * </ul>
 *
 * A checkpoint is written into a hidden temporary directory that is then renamed, so a directory
 * named {@code step-*} is complete unless the disk lied; the sha256 catches that. The newest {@link
 * #KEPT} checkpoints are kept.
 */
public final class CheckpointStore {
  static final String FORMAT = "spark-mlp-checkpoint";
  static final int VERSION = 1;
  static final String STATE = "state.bin";
  static final String MANIFEST = "manifest.json";
  static final int KEPT = 2;

  private final Path dir;

  public CheckpointStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Writes {@code checkpoint} and removes all but the newest {@link #KEPT}; returns its path. */
  Path write(Checkpoint checkpoint) {
    try {
      Files.createDirectories(dir);
      String name = String.format("step-%010d", checkpoint.steps());
      Path temporary = dir.resolve("." + name + ".tmp");
      Path target = dir.resolve(name);
      deleteTree(temporary);
      Files.createDirectories(temporary);
      byte[] state = stateBytes(checkpoint);
      Files.write(temporary.resolve(STATE), state);
      AtomicFiles.write(temporary.resolve(MANIFEST), Json.pretty(manifest(checkpoint, state)));
      deleteTree(target);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      List<Path> all = checkpointDirs();
      for (Path old : all.subList(Math.min(KEPT, all.size()), all.size())) {
        deleteTree(old);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a checkpoint into " + dir, e);
    }
  }

  /**
   * The newest checkpoint that reads back whole, for a run of {@code parameterCount} parameters.
   * Each newer one that does not is reported to {@code warnings} with the reason.
   */
  Optional<Checkpoint> newestValid(int parameterCount, Consumer<String> warnings) {
    for (Path candidate : checkpointDirs()) {
      try {
        return Optional.of(read(candidate, parameterCount));
      } catch (IOException | RuntimeException e) {
        warnings.accept(
            "checkpoint "
                + candidate
                + " is unreadable ("
                + e.getMessage()
                + "): trying an older one");
      }
    }
    return Optional.empty();
  }

  /** Removes every checkpoint, for a fresh run in the same place. */
  public void deleteAll() {
    try {
      for (Path old : checkpointDirs()) {
        deleteTree(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove old checkpoints in " + dir, e);
    }
  }

  /** Checkpoint directories, newest first. */
  List<Path> checkpointDirs() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> p.getFileName().toString().matches("step-\\d{10}"))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  private static byte[] stateBytes(Checkpoint checkpoint) {
    List<double[]> arrays = new ArrayList<>();
    arrays.add(checkpoint.parameters());
    arrays.addAll(checkpoint.optimizer().arrays());
    if (checkpoint.best().parameters() != null) {
      arrays.add(checkpoint.best().parameters());
    }
    int doubles = arrays.stream().mapToInt(a -> a.length).sum();
    ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * doubles).order(ByteOrder.LITTLE_ENDIAN);
    DoubleBuffer view = bytes.asDoubleBuffer();
    arrays.forEach(view::put);
    return bytes.array();
  }

  private static ObjectNode manifest(Checkpoint checkpoint, byte[] state) {
    ObjectNode node = Json.object();
    node.put("format", FORMAT);
    node.put("version", VERSION);
    node.put("fingerprint", checkpoint.fingerprint());
    node.put("epoch", checkpoint.epoch());
    node.put("step", checkpoint.step());
    node.put("steps", checkpoint.steps());
    node.put("elapsed_seconds", checkpoint.elapsedSeconds());
    node.put("parameter_count", checkpoint.parameters().length);
    node.put("optimizer_arrays", checkpoint.optimizer().arrays().size());
    node.put("optimizer_steps", checkpoint.optimizer().steps());
    node.put("epoch_loss_sum", checkpoint.epochTotals().lossSum);
    node.put("epoch_count", checkpoint.epochTotals().count);
    node.put("epoch_correct", checkpoint.epochTotals().correct);
    putDoubles(node.putArray("gradient_norm_sums"), checkpoint.gradientNormSums());
    node.put("gradient_steps", checkpoint.gradientSteps());
    BestWeights.State best = checkpoint.best();
    node.put("best_loss", best.bestLoss());
    node.put("best_epoch", best.bestEpoch());
    node.put("epochs_without_improvement", best.epochsWithoutImprovement());
    node.put("has_best_parameters", best.parameters() != null);
    ArrayNode history = node.putArray("history");
    checkpoint.history().forEach(epoch -> history.add(EpochJson.write(epoch)));
    ObjectNode file = node.putObject("state");
    file.put("file", STATE);
    file.put("bytes", state.length);
    file.put("sha256", Sha256.hex(state));
    return node;
  }

  private static Checkpoint read(Path candidate, int parameterCount) throws IOException {
    JsonNode manifest = Json.MAPPER.readTree(candidate.resolve(MANIFEST).toFile());
    if (!FORMAT.equals(manifest.path("format").asText())
        || manifest.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException("not a version " + VERSION + " " + FORMAT);
    }
    int count = manifest.path("parameter_count").asInt();
    if (count != parameterCount) {
      throw new IllegalArgumentException(
          "it holds " + count + " parameters, this network has " + parameterCount);
    }
    int optimizerArrays = manifest.path("optimizer_arrays").asInt();
    boolean hasBest = manifest.path("has_best_parameters").asBoolean();
    long expected = (long) Double.BYTES * count * (1 + optimizerArrays + (hasBest ? 1 : 0));
    Path stateFile = candidate.resolve(STATE);
    long actual = Files.size(stateFile);
    if (actual != expected || manifest.path("state").path("bytes").asLong() != expected) {
      throw new IllegalArgumentException(
          STATE + " has " + actual + " bytes, the manifest describes " + expected);
    }
    byte[] state = Files.readAllBytes(stateFile);
    if (!Sha256.hex(state).equals(manifest.path("state").path("sha256").asText())) {
      throw new IllegalArgumentException(STATE + " does not match the sha256 in " + MANIFEST);
    }
    DoubleBuffer doubles = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    double[] parameters = take(doubles, count);
    List<double[]> optimizer = new ArrayList<>();
    for (int i = 0; i < optimizerArrays; i++) {
      optimizer.add(take(doubles, count));
    }
    double[] bestParameters = hasBest ? take(doubles, count) : null;
    Partial<?> totals = new Partial<>();
    totals.lossSum = manifest.path("epoch_loss_sum").asDouble();
    totals.count = manifest.path("epoch_count").asLong();
    totals.correct = manifest.path("epoch_correct").asLong();
    List<EpochMetrics> history = new ArrayList<>();
    manifest.path("history").forEach(epoch -> history.add(EpochJson.read(epoch)));
    return new Checkpoint(
        manifest.path("fingerprint").asText(),
        manifest.path("epoch").asInt(),
        manifest.path("step").asInt(),
        manifest.path("steps").asLong(),
        manifest.path("elapsed_seconds").asDouble(),
        parameters,
        new OptimizerSnapshot(optimizer, manifest.path("optimizer_steps").asLong()),
        totals,
        EpochJson.doubles(manifest.path("gradient_norm_sums")),
        manifest.path("gradient_steps").asInt(),
        new BestWeights.State(
            manifest.path("best_loss").asDouble(),
            manifest.path("best_epoch").asInt(),
            manifest.path("epochs_without_improvement").asInt(),
            bestParameters),
        history);
  }

  private static double[] take(DoubleBuffer doubles, int count) {
    double[] values = new double[count];
    doubles.get(values);
    return values;
  }

  private static void putDoubles(ArrayNode array, double[] values) {
    for (double value : values) {
      array.add(value);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
