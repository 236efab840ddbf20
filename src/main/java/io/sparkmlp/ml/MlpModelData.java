package io.sparkmlp.ml;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
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
 * data/} (Parquet, one row: layers, hidden activations, leaky slope, output, loss, weights, loss
 * history). No Java serialization.
 */
record MlpModelData(Topology topology, double[] weights, double[] lossHistory)
    implements java.io.Serializable {
  private static final StructType SCHEMA =
      new StructType()
          .add("layers", DataTypes.createArrayType(DataTypes.IntegerType), false)
          .add("hidden", DataTypes.createArrayType(DataTypes.StringType), false)
          .add("leaky_slope", DataTypes.DoubleType, false)
          .add("output", DataTypes.StringType, false)
          .add("loss", DataTypes.StringType, false)
          .add("weights", DataTypes.createArrayType(DataTypes.DoubleType), false)
          .add("loss_history", DataTypes.createArrayType(DataTypes.DoubleType), false);

  MlpModelData {
    if (weights.length != topology.parameterCount()) {
      throw new IllegalArgumentException(
          weights.length
              + " weights do not fit layers "
              + Arrays.toString(topology.sizes())
              + ", which need "
              + topology.parameterCount());
    }
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " is " + weights[i]);
      }
    }
  }

  /** Builds a model of the class being loaded. */
  interface Factory<M> {
    M create(String uid, MlpModelData data);
  }

  static MLWriter writer(Params model, MlpModelData data) {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
        List<String> hidden = new ArrayList<>();
        double slope = Activation.DEFAULT_LEAKY_SLOPE;
        for (Activation activation : data.topology.hiddenActivations()) {
          hidden.add(activation.name());
          if (activation instanceof Activation.LeakyRelu leaky) {
            slope = leaky.slope();
          }
        }
        Row row =
            RowFactory.create(
                Arrays.stream(data.topology.sizes()).boxed().toList(),
                hidden,
                slope,
                data.topology.outputLoss().outputName(),
                data.topology.outputLoss().lossName(),
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
            DefaultParamsReader.loadMetadata(path, sc(), type.getName());
        Row row = sparkSession().read().parquet(path + "/data").first();
        MlpModelData data;
        try {
          data = fromRow(row);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "cannot load the model at " + path + ": " + e.getMessage(), e);
        }
        M model = factory.create(metadata.uid(), data);
        metadata.getAndSetParams(model, Option.empty());
        return model;
      }
    };
  }

  private static MlpModelData fromRow(Row row) {
    List<Integer> layers = row.getList(row.fieldIndex("layers"));
    List<String> hiddenNames = row.getList(row.fieldIndex("hidden"));
    double slope = row.getDouble(row.fieldIndex("leaky_slope"));
    List<Activation> hidden = new ArrayList<>();
    for (String name : hiddenNames) {
      hidden.add(Activation.byName(name, slope));
    }
    Topology topology =
        new Topology(
            layers.stream().mapToInt(Integer::intValue).toArray(),
            hidden,
            OutputLoss.of(
                row.getString(row.fieldIndex("output")), row.getString(row.fieldIndex("loss"))));
    List<Double> weights = row.getList(row.fieldIndex("weights"));
    List<Double> history = row.getList(row.fieldIndex("loss_history"));
    return new MlpModelData(
        topology,
        weights.stream().mapToDouble(Double::doubleValue).toArray(),
        history.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
