package io.sparkmlp.store;

import java.util.List;
import java.util.Map;

/**
 * What a model needs besides its weights to score rows as its training saw them: how its data was
 * read (the job's reading settings, e.g. {@code data.source = csv}, {@code data.header = false}),
 * its feature columns by name (empty for a vector column or a fixed source), the factor its
 * features were multiplied by, and its classes' names in index order (empty when they are the
 * indices themselves, or for regression).
 */
public record ModelInput(
    Map<String, String> reading,
    List<String> featureColumns,
    double featureScale,
    List<String> labels) {
  /** A model whose rows need nothing done to them (Spark ML's, say). */
  public static final ModelInput NONE = new ModelInput(Map.of(), List.of(), 1, List.of());

  public ModelInput {
    reading = Map.copyOf(reading);
    featureColumns = List.copyOf(featureColumns);
    labels = List.copyOf(labels);
    if (!(featureScale > 0) || Double.isInfinite(featureScale)) {
      throw new IllegalArgumentException("feature scale " + featureScale + " must be > 0");
    }
  }
}
