package io.sparkmlp.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sparkmlp.files.Json;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.store.ModelFiles;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * What a fitted MLP model holds besides its Params, and its persistence in Spark ML's own layout:
 * {@code metadata/} (JSON: class, uid, Params, written by Spark's DefaultParamsWriter) and {@code
 * data/} (Parquet, one row: the network as the command line's model.json describes it ({@link
 * ModelFiles#network}), the weights, the loss history). No Java serialization.
 */
record MlpModelData(Topology topology, double[] weights, double[] lossHistory)
    implements java.io.Serializable {
  private static final StructType SCHEMA =
      new StructType()
          .add("network", DataTypes.StringType, false)
          .add("weights", DataTypes.createArrayType(DataTypes.DoubleType), false)
          .add("loss_history", DataTypes.createArrayType(DataTypes.DoubleType), false);

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
  }

  /**
   * The features as the input layer's values.
   *
   * @throws IllegalArgumentException if the vector's size is not the input layer's
   */
  double[] input(Vector features) {
    if (features.size() != topology.inputs()) {
      throw new IllegalArgumentException(
          "a features vector of size %d, but the model's input layer has %d units"
              .formatted(features.size(), topology.inputs()));
    }
    return features.toArray();
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
                Arrays.stream(data.lossHistory).boxed().toList());
        sparkSession()
            .createDataFrame(List.of(row), SCHEMA)
            .repartition(1)
            .write()
            .parquet(path + "/data");
      }
    };
  }

  static <M extends Params> MLReader<M> reader(Class<M> type, Factory<M> factory) {
    return new MLReader<>() {
      @Override
      public M load(String path) {
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

  private static MlpModelData fromRow(Row row) throws JsonProcessingException {
    Topology topology =
        ModelFiles.topology(Json.MAPPER.readTree(row.getString(row.fieldIndex("network"))));
    List<Double> weights = row.getList(row.fieldIndex("weights"));
    List<Double> history = row.getList(row.fieldIndex("loss_history"));
    return new MlpModelData(
        topology,
        weights.stream().mapToDouble(Double::doubleValue).toArray(),
        history.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
