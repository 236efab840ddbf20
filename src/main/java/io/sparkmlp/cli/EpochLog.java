package io.sparkmlp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.files.AtomicFiles;
import io.sparkmlp.files.Json;
import io.sparkmlp.nn.ActivationStats;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.train.EpochJson;
import io.sparkmlp.train.EpochMetrics;
import io.sparkmlp.train.Metrics;
import io.sparkmlp.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reports each epoch twice: a line for people (progress) and a JSON line in {@code metrics.jsonl}.
 * With diagnostics on, the people's line is followed by one line per layer.
 */
final class EpochLog implements TrainingListener {
  private final Topology topology;
  private final Path metricsFile;
  private final Consumer<String> progress;
  private boolean first = true;

  EpochLog(Topology topology, Path metricsFile, Consumer<String> progress) {
    this.topology = topology;
    this.metricsFile = metricsFile;
    this.progress = progress;
  }

  @Override
  public void onNotice(String message) {
    progress.accept(message);
  }

  @Override
  public void onEpoch(EpochMetrics metrics) {
    if (first) {
      keepLinesBefore(metrics.epoch());
      first = false;
    }
    progress.accept(humanLine(metrics));
    if (metrics.activity() != null) {
      for (int l = 0; l < topology.layerCount(); l++) {
        progress.accept(diagnosticLine(metrics, l));
      }
    }
    try {
      AtomicFiles.appendLine(metricsFile, Json.line(EpochJson.write(metrics)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + metricsFile, e);
    }
  }

  /**
   * A resumed run reports from the epoch its checkpoint was in: lines that an interrupted run wrote
   * for that epoch and later ones go, so each epoch has one line.
   */
  private void keepLinesBefore(int epoch) {
    if (!Files.exists(metricsFile)) {
      return;
    }
    try {
      StringBuilder kept = new StringBuilder();
      for (String line : Files.readAllLines(metricsFile)) {
        if (!line.isBlank() && Json.MAPPER.readTree(line).path("epoch").asInt() < epoch) {
          kept.append(line).append('\n');
        }
      }
      AtomicFiles.write(metricsFile, kept.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + metricsFile, e);
    }
  }

  private String humanLine(EpochMetrics metrics) {
    Metrics validation = metrics.validation();
    return String.format(
        "epoch %3d/%d  steps %6d  loss %.4f  %s%s  %8.0f ex/s  elapsed %.1f s  eta %.0f s",
        metrics.epoch(),
        metrics.epochs(),
        metrics.steps(),
        metrics.train().loss(),
        metricText(metrics.train(), topology),
        validation == null
            ? ""
            : String.format(
                "  val_loss %.4f  val_%s", validation.loss(), metricText(validation, topology)),
        metrics.examplesPerSecond(),
        metrics.elapsedSeconds(),
        metrics.etaSeconds());
  }

  /** e.g. " layer 2 (64 sigmoid): saturated 31.2% |dL/dW| 1.2e-04". */
  private String diagnosticLine(EpochMetrics metrics, int layer) {
    ActivationStats activity = metrics.activity();
    boolean hidden = layer < activity.layers();
    String units =
        hidden
            ? topology.fanOut(layer) + " " + topology.activation(layer).name()
            : topology.outputs() + " " + topology.outputLoss().outputName() + ", output";
    StringBuilder line = new StringBuilder(String.format("  layer %d (%s):", layer + 1, units));
    if (hidden && topology.activation(layer).saturates()) {
      line.append(String.format("  saturated %5.1f%%", 100 * activity.saturatedFraction(layer)));
    }
    if (hidden && topology.activation(layer).canDie()) {
      line.append(String.format("  dead %5.1f%%", 100 * activity.deadFraction(layer)));
    }
    line.append(String.format("  |dL/dW| %.2e", metrics.gradientNorms()[layer]));
    return line.toString();
  }

  static void putMetric(ObjectNode node, String prefix, Metrics metrics, Topology topology) {
    if (topology.task().countsCorrect()) {
      node.put(prefix + "accuracy", metrics.accuracy());
    } else {
      node.put(prefix + "rmse", metrics.rmse());
    }
  }

  static String metricText(Metrics metrics, Topology topology) {
    return topology.task().countsCorrect()
        ? String.format("accuracy %.4f", metrics.accuracy())
        : String.format("rmse %.4f", metrics.rmse());
  }
}
