package io.sparkmlp.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.files.Json;
import io.sparkmlp.nn.ActivationStats;

/**
 * An epoch's figures as one JSON object, the same in {@code metrics.jsonl} and in a checkpoint's
 * manifest. JSON has no NaN: a figure that does not apply (accuracy of a regression, saturation of
 * a ReLU layer) is written as null or left out, and reads back as NaN. Activation counts are
 * written as fractions and do not read back: they are not needed to go on.
 */
public final class EpochJson {
  private EpochJson() {}

  public static ObjectNode write(EpochMetrics epoch) {
    ObjectNode node = Json.object();
    node.put("epoch", epoch.epoch());
    node.put("epochs", epoch.epochs());
    node.put("steps", epoch.steps());
    putMetrics(node, "train_", epoch.train());
    if (epoch.validation() != null) {
      putMetrics(node, "validation_", epoch.validation());
    }
    node.put("epoch_seconds", epoch.seconds());
    node.put("step_seconds", epoch.stepSeconds());
    node.put("elapsed_seconds", epoch.elapsedSeconds());
    node.put("examples_per_second", epoch.examplesPerSecond());
    putNumbers(node.putArray("gradient_norm"), epoch.gradientNorms());
    ActivationStats activity = epoch.activity();
    if (activity != null) {
      double[] saturated = new double[activity.layers()];
      double[] dead = new double[activity.layers()];
      for (int l = 0; l < activity.layers(); l++) {
        saturated[l] = activity.saturatedFraction(l);
        dead[l] = activity.deadFraction(l);
      }
      putNumbers(node.putArray("saturated_fraction"), saturated);
      putNumbers(node.putArray("dead_fraction"), dead);
    }
    return node;
  }

  static EpochMetrics read(JsonNode node) {
    return new EpochMetrics(
        node.path("epoch").asInt(),
        node.path("epochs").asInt(),
        node.path("steps").asLong(),
        metrics(node, "train_"),
        node.has("validation_loss") ? metrics(node, "validation_") : null,
        node.path("epoch_seconds").asDouble(),
        // written before step_seconds existed: the whole epoch is the best estimate
        node.path("step_seconds").asDouble(node.path("epoch_seconds").asDouble()),
        node.path("elapsed_seconds").asDouble(),
        doubles(node.path("gradient_norm")),
        null);
  }

  static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = number(array.get(i));
    }
    return values;
  }

  static void putNumbers(ArrayNode array, double[] values) {
    for (double value : values) {
      if (Double.isNaN(value)) {
        array.addNull();
      } else {
        array.add(value);
      }
    }
  }

  private static void putMetrics(ObjectNode node, String prefix, Metrics metrics) {
    node.put(prefix + "examples", metrics.examples());
    node.put(prefix + "loss", metrics.loss());
    if (!Double.isNaN(metrics.accuracy())) {
      node.put(prefix + "accuracy", metrics.accuracy());
    }
    if (!Double.isNaN(metrics.rmse())) {
      node.put(prefix + "rmse", metrics.rmse());
    }
  }

  private static Metrics metrics(JsonNode node, String prefix) {
    return new Metrics(
        number(node.path(prefix + "loss")),
        number(node.path(prefix + "accuracy")),
        number(node.path(prefix + "rmse")),
        node.path(prefix + "examples").asLong());
  }

  /** A number, or NaN for null or a missing value. */
  private static double number(JsonNode value) {
    return value.isNumber() ? value.asDouble() : Double.NaN;
  }
}
