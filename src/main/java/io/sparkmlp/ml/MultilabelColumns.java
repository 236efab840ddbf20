package io.sparkmlp.ml;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The column Params of {@link MlpMultilabelClassifier} and its model, under Spark's names: Spark
 * declares its own shared column Params for its package only, and its {@code Predictor} wants one
 * numeric label, where a multi-label row has a vector of them.
 */
final class MultilabelColumns implements java.io.Serializable {
  final Param<String> featuresCol;
  final Param<String> labelCol;
  final Param<String> predictionCol;
  final Param<String> probabilityCol;

  MultilabelColumns(Params owner) {
    featuresCol = new Param<>(owner, "featuresCol", "features column name (a vector)");
    labelCol =
        new Param<>(
            owner, "labelCol", "label column name: a vector or numeric array of one 0/1 per label");
    predictionCol =
        new Param<>(
            owner, "predictionCol", "prediction column name: a vector of one 0/1 per label");
    probabilityCol =
        new Param<>(owner, "probabilityCol", "column of each label's probability, a vector");
  }

  /** Spark's default names, set on {@code owner}. */
  void setDefaults(Params owner) {
    owner.setDefault(featuresCol, "features");
    owner.setDefault(labelCol, "label");
    owner.setDefault(predictionCol, "prediction");
    owner.setDefault(probabilityCol, "probability");
  }

  /** The model's output schema: schema with the prediction and probability vector columns. */
  StructType withOutputs(Params owner, StructType schema) {
    requireVector(schema, owner.getOrDefault(featuresCol));
    return schema
        .add(owner.getOrDefault(predictionCol), SQLDataTypes.VectorType(), false)
        .add(owner.getOrDefault(probabilityCol), SQLDataTypes.VectorType(), false);
  }

  static void requireVector(StructType schema, String column) {
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException(
          "column '%s' is not in the dataset (columns: %s)"
              .formatted(column, String.join(", ", schema.fieldNames())));
    }
    DataType type = schema.apply(column).dataType();
    if (!type.equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(
          "column '%s' must be a vector, not %s".formatted(column, type.simpleString()));
    }
  }
}
