package io.sparkmlp.cli;

import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.store.SavedModel;
import io.sparkmlp.train.ChunkScorer;
import io.sparkmlp.train.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A saved model's predictions for rows with a features vector, scored a chunk of rows at a time on
 * the executors ({@link ChunkScorer}: one GEMM per layer per chunk).
 */
final class Predictions {
  static final String FEATURES = "features";
  static final String LABEL = "label";
  static final String PREDICTION = "prediction";
  static final String PROBABILITY = "probability_";

  private Predictions() {}

  /**
   * @param rows the {@code keep} columns, {@value #FEATURES} (a vector) and, if {@code labelled},
   *     {@value #LABEL} (the class's name as text, or the value)
   * @return the keep columns, the label if there is one, {@value #PREDICTION} (the class's name, or
   *     the value) and, for a classifier, {@value #PROBABILITY}NAME per class; for multi-label,
   *     {@value #PREDICTION}_NAME (1 or 0) and {@value #PROBABILITY}NAME per label
   */
  static Dataset<Row> of(Dataset<Row> rows, SavedModel model, List<String> keep, boolean labelled) {
    Topology topology = model.topology();
    boolean classifier = topology.task() == Task.CLASSIFICATION;
    boolean multiLabel = topology.task() == Task.MULTI_LABEL;
    List<String> names = multiLabel ? model.input().labels() : classNames(model);
    StructType schema = new StructType();
    List<String> selected = new ArrayList<>(keep);
    for (String column : keep) {
      schema = schema.add(rows.schema().apply(column));
    }
    selected.add(FEATURES);
    if (labelled) {
      schema = schema.add(LABEL, classifier ? DataTypes.StringType : DataTypes.DoubleType);
      selected.add(LABEL);
    }
    if (multiLabel) {
      for (String name : names) {
        schema = schema.add(PREDICTION + "_" + name, DataTypes.DoubleType);
      }
    } else {
      schema = schema.add(PREDICTION, classifier ? DataTypes.StringType : DataTypes.DoubleType);
    }
    if (classifier || multiLabel) {
      for (String name : names) {
        schema = schema.add(PROBABILITY + name, DataTypes.DoubleType);
      }
    }
    Broadcast<double[]> weights =
        JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext())
            .broadcast(model.parameters());
    double scale = model.input().featureScale();
    int kept = keep.size();
    int classes = classifier ? topology.classes() : 0;
    MapPartitionsFunction<Row, Row> score =
        partition ->
            new ChunkScorer(topology, weights.value(), scale, Workspaces.CHUNK)
                .scoreAll(
                    partition,
                    row -> (Vector) row.get(kept),
                    (row, scored, r) -> {
                      List<Object> values = new ArrayList<>();
                      IntStream.range(0, kept).forEach(c -> values.add(row.get(c)));
                      if (labelled) {
                        values.add(row.get(kept + 1));
                      }
                      if (multiLabel) {
                        for (int k = 0; k < names.size(); k++) {
                          values.add(OutputLoss.labelPredicted(scored.output(r, k)));
                        }
                        for (int k = 0; k < names.size(); k++) {
                          values.add(scored.output(r, k));
                        }
                      } else if (classifier) {
                        values.add(names.get(scored.predictedClass(r)));
                        for (int k = 0; k < classes; k++) {
                          values.add(probability(topology, scored, r, k));
                        }
                      } else {
                        values.add(scored.output(r, 0));
                      }
                      return RowFactory.create(values.toArray());
                    });
    return rows.select(selected.stream().map(rows::col).toArray(org.apache.spark.sql.Column[]::new))
        .mapPartitions(score, Encoders.row(schema));
  }

  /** Class k's probability: a softmax output, or for a sigmoid unit p and 1 - p. */
  private static double probability(Topology topology, ChunkScorer scored, int r, int k) {
    if (topology.outputs() == 1) {
      double p = scored.output(r, 0);
      return k == 1 ? p : 1 - p;
    }
    return scored.output(r, k);
  }

  /** The model's class names, else the class indices as text. */
  static List<String> classNames(SavedModel model) {
    if (model.topology().task() != Task.CLASSIFICATION) {
      return List.of();
    }
    if (!model.input().labels().isEmpty()) {
      return model.input().labels();
    }
    return IntStream.range(0, model.topology().classes()).mapToObj(Integer::toString).toList();
  }
}
