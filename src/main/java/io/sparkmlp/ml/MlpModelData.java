package io.sparkmlp.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sparkmlp.files.Json;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.SavedModel;
import io.sparkmlp.train.ChunkScorer;
import io.sparkmlp.train.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * What a fitted MLP model holds besides its Params, and its persistence in Spark ML's own layout:
 * {@code metadata/} (JSON: class, uid, Params, written by Spark's DefaultParamsWriter) and {@code
 * data/} (Parquet, one row: the network as the command line's model.json describes it ({@link
 * ModelFiles#network}), the weights, the loss history, the feature scale, the training summary as
 * JSON). No Java serialization. The reader also loads a model directory the command line wrote
 * (model.json and weights.bin).
 *
 * @param featureScale what every feature is multiplied by before the network sees it: 1 for a model
 *     fitted by Spark ML, the training job's factor for one the command line trained
 * @param summary what the fit did; null for a model the command line trained or one saved before
 *     summaries were
 */
record MlpModelData(
    Topology topology,
    double[] weights,
    double[] lossHistory,
    double featureScale,
    MlpTrainingSummary summary)
    implements java.io.Serializable {
  private static final String FEATURE_SCALE = "feature_scale";
  private static final String SUMMARY = "summary";
  private static final StructType SCHEMA =
      new StructType()
          .add("network", DataTypes.StringType, false)
          .add("weights", DataTypes.createArrayType(DataTypes.DoubleType), false)
          .add("loss_history", DataTypes.createArrayType(DataTypes.DoubleType), false)
          .add(FEATURE_SCALE, DataTypes.DoubleType, false)
          .add(SUMMARY, DataTypes.StringType, true);

  MlpModelData {
    if (weights.length != topology.parameterCount()) {
      throw new IllegalArgumentException(
          "%s weights do not fit layers %s, which need %s"
              .formatted(
                  weights.length, Arrays.toString(topology.sizes()), topology.parameterCount()));
    }
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " is " + weights[i]);
      }
    }
    if (!(featureScale > 0) || Double.isInfinite(featureScale)) {
      throw new IllegalArgumentException("feature scale " + featureScale + " must be > 0");
    }
  }

  /** The summary of {@code model}'s fit, which {@code data} holds. */
  static MlpTrainingSummary summary(Params model, MlpModelData data) {
    if (data.summary == null) {
      throw new IllegalStateException(
          "no training summary available for "
              + model.uid()
              + ": it was trained by the command line or saved without one");
    }
    return data.summary;
  }

  /** Scores up to {@code capacity} rows per forward pass. */
  ChunkScorer scorer(int capacity) {
    return new ChunkScorer(topology, weights, featureScale, capacity);
  }

  /** The scored chunk's one row, {@code features}. */
  ChunkScorer scoredRow(Vector features) {
    ChunkScorer scorer = scorer(1);
    scorer.add(features);
    scorer.score();
    return scorer;
  }

  /** What a model writes into one of its output columns for row r of a scored chunk. */
  @FunctionalInterface
  interface Outputs extends java.io.Serializable {
    Object value(String column, ChunkScorer scored, int r);
  }

  /**
   * The rows of {@code dataset} with the columns {@code out} adds to them, a chunk of rows per
   * forward pass ({@link ChunkScorer}) instead of one row at a time.
   */
  Dataset<Row> transform(Dataset<?> dataset, StructType out, String featuresCol, Outputs outputs) {
    int inputs = dataset.schema().size();
    String[] added = Arrays.copyOfRange(out.fieldNames(), inputs, out.size());
    int features = dataset.schema().fieldIndex(featuresCol);
    Broadcast<MlpModelData> model =
        JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext()).broadcast(this);
    MapPartitionsFunction<Row, Row> score =
        rows ->
            model
                .value()
                .scorer(Workspaces.CHUNK)
                .scoreAll(
                    rows,
                    row -> (Vector) row.get(features),
                    (row, scored, r) -> {
                      Object[] values = new Object[out.size()];
                      for (int c = 0; c < inputs; c++) {
                        values[c] = row.get(c);
                      }
                      for (int c = 0; c < added.length; c++) {
                        values[inputs + c] = outputs.value(added[c], scored, r);
                      }
                      return RowFactory.create(values);
                    });
    return dataset.toDF().mapPartitions(score, Encoders.row(out));
  }

  /** Builds a model of the class being loaded. */
  interface Factory<M> {
    M create(String uid, MlpModelData data);
  }

  static MLWriter writer(Params model, MlpModelData data) {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        SparkCompat.saveMetadata(model, path, this);
        Row row =
            RowFactory.create(
                Json.line(ModelFiles.network(data.topology)),
                Arrays.stream(data.weights).boxed().toList(),
                Arrays.stream(data.lossHistory).boxed().toList(),
                data.featureScale,
                data.summary == null ? null : Json.line(data.summary));
        sparkSession()
            .createDataFrame(List.of(row), SCHEMA)
            .repartition(1)
            .write()
            .parquet(path + "/data");
      }
    };
  }

  /**
   * @param task what the model class predicts: a command-line model of the other task is refused
   */
  static <M extends Params> MLReader<M> reader(Class<M> type, Task task, Factory<M> factory) {
    return new MLReader<>() {
      @Override
      public M load(String path) {
        if (Files.exists(Path.of(path, ModelFiles.MODEL_JSON))) {
          return fromModelFiles(path, type, task, factory);
        }
        DefaultParamsReader.Metadata metadata =
            SparkCompat.loadMetadata(path, this, type.getName());
        Row row = sparkSession().read().parquet(path + "/data").first();
        MlpModelData data;
        try {
          data = fromRow(row);
        } catch (IllegalArgumentException | JsonProcessingException e) {
          throw new IllegalArgumentException(
              "cannot load the model at " + path + ": " + e.getMessage(), e);
        }
        M model = factory.create(metadata.uid(), data);
        metadata.getAndSetParams(model, Option.empty());
        return model;
      }
    };
  }

  /**
   * A model directory the command line wrote, as a model of {@code type} with a new uid, default
   * Params but the network's layers, and the training job's feature scale.
   */
  private static <M extends Params> M fromModelFiles(
      String path, Class<M> type, Task task, Factory<M> factory) {
    SavedModel saved;
    try {
      saved = ModelFiles.read(Path.of(path));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot load the model at " + path + ": " + e.getMessage());
    }
    if (saved.topology().task() != task) {
      throw new IllegalArgumentException(
          "the model at %s is for %s (%s); load it with the model class for that"
              .formatted(path, saved.topology().task().label(), saved.topology()));
    }
    MlpModelData data =
        new MlpModelData(
            saved.topology(),
            saved.parameters(),
            new double[0],
            saved.input().featureScale(),
            null);
    M model = factory.create(Identifiable.randomUID(type.getSimpleName()), data);
    if (model instanceof HasMlpParams<?> params) {
      params.set(params.param(Settings.LAYERS), saved.topology().sizes());
    }
    return model;
  }

  private static MlpModelData fromRow(Row row) throws JsonProcessingException {
    Topology topology =
        ModelFiles.topology(Json.MAPPER.readTree(row.getString(row.fieldIndex("network"))));
    List<Double> weights = row.getList(row.fieldIndex("weights"));
    List<Double> history = row.getList(row.fieldIndex("loss_history"));
    List<String> columns = Arrays.asList(row.schema().fieldNames());
    boolean scaled = columns.contains(FEATURE_SCALE);
    boolean summarised = columns.contains(SUMMARY) && !row.isNullAt(row.fieldIndex(SUMMARY));
    return new MlpModelData(
        topology,
        weights.stream().mapToDouble(Double::doubleValue).toArray(),
        history.stream().mapToDouble(Double::doubleValue).toArray(),
        scaled ? row.getDouble(row.fieldIndex(FEATURE_SCALE)) : 1,
        summarised
            ? Json.MAPPER.readValue(
                row.getString(row.fieldIndex(SUMMARY)), MlpTrainingSummary.class)
            : null);
  }
}
