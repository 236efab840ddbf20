package io.sparkmlp.ml;

import io.sparkmlp.nn.OutputLoss;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A multi-layer perceptron for multi-label rows, each with several independent yes/no labels: K
 * sigmoid outputs, each with its binary cross-entropy, trained by synchronous data-parallel SGD.
 * {@code labelCol} holds a vector (or numeric array) of K values 0 or 1; {@code layers} ends in K.
 * The model adds {@code probabilityCol}, each label's probability, and {@code predictionCol}, 1
 * where that probability is at least 1/2, both vectors.
 */
public final class MlpMultilabelClassifier extends Estimator<MlpMultilabelModel>
    implements HasMlpParams<MlpMultilabelClassifier>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MlpParams mlpParams;
  private final MultilabelColumns columns;

  public MlpMultilabelClassifier() {
    this(Identifiable.randomUID("mlpMultilabelClassifier"));
  }

  public MlpMultilabelClassifier(String uid) {
    this.uid = uid;
    this.mlpParams = new MlpParams(this);
    this.columns = new MultilabelColumns(this);
    mlpParams.setDefaults(this);
    columns.setDefaults(this);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MlpParams mlpParams() {
    return mlpParams;
  }

  public Param<String> featuresCol() {
    return columns.featuresCol;
  }

  public Param<String> labelCol() {
    return columns.labelCol;
  }

  public Param<String> predictionCol() {
    return columns.predictionCol;
  }

  public Param<String> probabilityCol() {
    return columns.probabilityCol;
  }

  public MlpMultilabelClassifier setFeaturesCol(String value) {
    return setColumn(columns.featuresCol, value);
  }

  public MlpMultilabelClassifier setLabelCol(String value) {
    return setColumn(columns.labelCol, value);
  }

  private MlpMultilabelClassifier setColumn(Param<String> param, String value) {
    set(param, value);
    return this;
  }

  /** Spark's own Params and every MLP setting's, accessor or not. */
  @Override
  public Param<?>[] params() {
    return mlpParams().withSparkParams(super.params());
  }

  @Override
  public MlpMultilabelModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    MlpMultilabelModel model =
        new MlpMultilabelModel(
            uid,
            MlpFit.fit(
                this,
                dataset,
                $(columns.featuresCol),
                $(columns.labelCol),
                OutputLoss.SIGMOID_BINARY_CROSS_ENTROPY));
    return copyValues(model, extractParamMap()).setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return columns.withOutputs(this, schema);
  }

  @Override
  public MlpMultilabelClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public MLWriter write() {
    return new DefaultParamsWriter(this);
  }

  public static MLReader<MlpMultilabelClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static MlpMultilabelClassifier load(String path) {
    return read().load(path);
  }
}
