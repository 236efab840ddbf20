package io.sparkmlp.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.files.AtomicFiles;
import io.sparkmlp.files.Json;
import io.sparkmlp.files.Sha256;
import io.sparkmlp.optim.Optimizer;
import io.sparkmlp.optim.OptimizerSnapshot;
import io.sparkmlp.settings.ConfException;
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
 * Checkpoints of a {@link TrainingState} in a directory, one sub-directory per checkpoint ({@code
 * step-0000000120}), never Java serialization:
 *
 * <ul>
 *   <li>{@code state.bin}: little-endian doubles: the parameters, then each optimiser array, then
 *       the best epoch's parameters when early stopping has some;
 *   <li>{@code manifest.json}: the run's fingerprint, counters, running totals, early-stopping
 *       state, the finished epochs' figures ({@link EpochJson}), the sizes of state.bin and its
 *       sha256.
 * </ul>
 *
 * A checkpoint is written into a hidden temporary directory that is then renamed, so a directory
 * named {@code step-*} is complete unless the disk lied; the sha256 catches that. The newest {@link
 * #KEPT} checkpoints are kept.
 */
public final class CheckpointStore {
  static final String FORMAT = "spark-mlp-checkpoint";
  static final int VERSION = 2;
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

  /**
   * Writes {@code state}, with {@code elapsedSeconds} of training so far, and removes all but the
   * newest {@link #KEPT}; returns its path.
   */
  Path write(String fingerprint, TrainingState state, double elapsedSeconds) {
    try {
      Files.createDirectories(dir);
      String name = String.format("step-%010d", state.steps);
      Path temporary = dir.resolve("." + name + ".tmp");
      Path target = dir.resolve(name);
      AtomicFiles.deleteTree(temporary);
      Files.createDirectories(temporary);
      OptimizerSnapshot optimizer = state.optimizer.snapshot();
      byte[] bytes = stateBytes(state, optimizer);
      Files.write(temporary.resolve(STATE), bytes);
      AtomicFiles.write(
          temporary.resolve(MANIFEST),
          Json.pretty(manifest(fingerprint, state, elapsedSeconds, optimizer, bytes)));
      AtomicFiles.deleteTree(target);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      List<Path> all = checkpointDirs();
      for (Path old : all.subList(Math.min(KEPT, all.size()), all.size())) {
        AtomicFiles.deleteTree(old);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a checkpoint into " + dir, e);
    }
  }

  /**
   * The newest checkpoint that reads back whole, for a run of {@code config} whose fingerprint is
   * {@code fingerprint}. Each newer one that does not is reported to {@code warnings} with the
   * reason.
   *
   * @throws ConfException if the newest checkpoint whose manifest reads belongs to another run
   *     (other settings, network or data), naming what differs
   */
  Optional<TrainingState> newestValid(
      TrainingConfig config, String fingerprint, Consumer<String> warnings) {
    for (Path candidate : checkpointDirs()) {
      try {
        return Optional.of(read(candidate, config, fingerprint));
      } catch (ConfException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        warnings.accept(
            "checkpoint %s is unreadable (%s): trying an older one"
                .formatted(candidate, e.getMessage()));
      }
    }
    return Optional.empty();
  }

  /** Removes every checkpoint, for a fresh run in the same place. */
  public void deleteAll() {
    try {
      for (Path old : checkpointDirs()) {
        AtomicFiles.deleteTree(old);
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

  private static byte[] stateBytes(TrainingState state, OptimizerSnapshot optimizer) {
    List<double[]> arrays = new ArrayList<>();
    arrays.add(state.parameters);
    arrays.addAll(optimizer.arrays());
    if (state.best.parameters() != null) {
      arrays.add(state.best.parameters());
    }
    int doubles = arrays.stream().mapToInt(a -> a.length).sum();
    ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * doubles).order(ByteOrder.LITTLE_ENDIAN);
    DoubleBuffer view = bytes.asDoubleBuffer();
    arrays.forEach(view::put);
    return bytes.array();
  }

  private static ObjectNode manifest(
      String fingerprint,
      TrainingState state,
      double elapsedSeconds,
      OptimizerSnapshot optimizer,
      byte[] bytes) {
    ObjectNode node = Json.object();
    node.put("format", FORMAT);
    node.put("version", VERSION);
    node.put("fingerprint", fingerprint);
    node.put("epoch", state.epoch);
    node.put("step", state.step);
    node.put("steps", state.steps);
    node.put("elapsed_seconds", elapsedSeconds);
    node.put("parameter_count", state.parameters.length);
    node.put("optimizer_arrays", optimizer.arrays().size());
    node.put("optimizer_steps", optimizer.steps());
    node.put("epoch_loss_sum", state.epochTotals.lossSum);
    node.put("epoch_weight_sum", state.epochTotals.weightSum);
    node.put("epoch_count", state.epochTotals.count);
    node.put("epoch_correct", state.epochTotals.correct);
    EpochJson.putNumbers(node.putArray("gradient_norm_sums"), state.gradientNormSums);
    node.put("gradient_steps", state.gradientSteps);
    node.put("best_loss", state.best.bestLoss());
    node.put("best_epoch", state.best.bestEpoch());
    node.put("epochs_without_improvement", state.best.epochsWithoutImprovement());
    node.put("has_best_parameters", state.best.parameters() != null);
    ArrayNode history = node.putArray("history");
    state.history.forEach(epoch -> history.add(EpochJson.write(epoch)));
    ObjectNode file = node.putObject("state");
    file.put("file", STATE);
    file.put("bytes", bytes.length);
    file.put("sha256", Sha256.hex(bytes));
    return node;
  }

  private TrainingState read(Path candidate, TrainingConfig config, String fingerprint)
      throws IOException {
    JsonNode manifest = Json.MAPPER.readTree(candidate.resolve(MANIFEST).toFile());
    if (!FORMAT.equals(manifest.path("format").asText())
        || manifest.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException("not a version " + VERSION + " " + FORMAT);
    }
    String differences =
        TrainingConfig.differences(manifest.path("fingerprint").asText(), fingerprint);
    if (!differences.isEmpty()) {
      throw new ConfException(
          "--resume: the checkpoints in %s belong to another run (%s); they are left as they are: change the settings back, or pass --overwrite instead to start over"
              .formatted(dir, differences));
    }
    int count = manifest.path("parameter_count").asInt();
    int parameterCount = config.topology().parameterCount();
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
    byte[] bytes = Files.readAllBytes(stateFile);
    if (!Sha256.hex(bytes).equals(manifest.path("state").path("sha256").asText())) {
      throw new IllegalArgumentException(STATE + " does not match the sha256 in " + MANIFEST);
    }
    DoubleBuffer doubles = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    double[] parameters = take(doubles, count);
    List<double[]> optimizerArraysRead = new ArrayList<>();
    for (int i = 0; i < optimizerArrays; i++) {
      optimizerArraysRead.add(take(doubles, count));
    }
    Optimizer optimizer = config.optimizer();
    optimizer.restore(
        new OptimizerSnapshot(optimizerArraysRead, manifest.path("optimizer_steps").asLong()),
        count);
    BestWeights best =
        new BestWeights(
            config.earlyStopping(),
            manifest.path("best_loss").asDouble(),
            manifest.path("best_epoch").asInt(),
            manifest.path("epochs_without_improvement").asInt(),
            hasBest ? take(doubles, count) : null);
    TrainingState state =
        new TrainingState(parameters, optimizer, config.topology().layerCount(), best);
    state.epoch = manifest.path("epoch").asInt();
    state.step = manifest.path("step").asInt();
    state.steps = manifest.path("steps").asLong();
    state.elapsedSeconds = manifest.path("elapsed_seconds").asDouble();
    state.epochTotals.lossSum = manifest.path("epoch_loss_sum").asDouble();
    state.epochTotals.count = manifest.path("epoch_count").asLong();
    // checkpoints from before weights were summed hold rows of weight 1
    state.epochTotals.weightSum =
        manifest.path("epoch_weight_sum").asDouble(state.epochTotals.count);
    state.epochTotals.correct = manifest.path("epoch_correct").asLong();
    state.gradientNormSums = EpochJson.doubles(manifest.path("gradient_norm_sums"));
    state.gradientSteps = manifest.path("gradient_steps").asInt();
    manifest.path("history").forEach(epoch -> state.history.add(EpochJson.read(epoch)));
    return state;
  }

  private static double[] take(DoubleBuffer doubles, int count) {
    double[] values = new double[count];
    doubles.get(values);
    return values;
  }
}
