package io.sparkmlp.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.files.Json;

/**
 * An epoch's figures in a checkpoint's manifest. Activation counts are left out: they were printed
 * and logged when the epoch ended and are not needed to go on. Non-finite values are written as the
 * strings "NaN" and "Infinity", which read back as such.
 */
final class EpochJson {
  private EpochJson() {}

  static ObjectNode write(EpochMetrics epoch) {
    ObjectNode node = Json.object();
    node.put("epoch", epoch.epoch());
    node.put("epochs", epoch.epochs());
    node.put("steps", epoch.steps());
    node.set("train", metrics(epoch.train()));
    if (epoch.validation() != null) {
      node.set("validation", metrics(epoch.validation()));
    }
    node.put("seconds", epoch.seconds());
    node.put("step_seconds", epoch.stepSeconds());
    node.put("elapsed_seconds", epoch.elapsedSeconds());
    double[] norms = epoch.gradientNorms();
    for (double norm : norms) {
      node.withArray("gradient_norms").add(norm);
    }
    return node;
  }

  static EpochMetrics read(JsonNode node) {
    return new EpochMetrics(
        node.path("epoch").asInt(),
        node.path("epochs").asInt(),
        node.path("steps").asLong(),
        metrics(node.path("train")),
        node.has("validation") ? metrics(node.path("validation")) : null,
        node.path("seconds").asDouble(),
        // checkpoints written before step_seconds existed: the whole epoch is the best estimate
        node.path("step_seconds").asDouble(node.path("seconds").asDouble()),
        node.path("elapsed_seconds").asDouble(),
        doubles(node.path("gradient_norms")),
        null);
  }

  static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  private static ObjectNode metrics(Metrics metrics) {
    ObjectNode node = Json.object();
    node.put("loss", metrics.loss());
    node.put("accuracy", metrics.accuracy());
    node.put("rmse", metrics.rmse());
    node.put("examples", metrics.examples());
    return node;
  }

  private static Metrics metrics(JsonNode node) {
    return new Metrics(
        node.path("loss").asDouble(),
        node.path("accuracy").asDouble(),
        node.path("rmse").asDouble(),
        node.path("examples").asLong());
  }
}
