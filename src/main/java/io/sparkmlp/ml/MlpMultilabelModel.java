package io.sparkmlp.ml;

import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.train.ChunkScorer;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link MlpMultilabelClassifier}: probability holds each label's sigmoid output,
 * prediction 1 for each label whose probability is at least 1/2, else 0.
 */
public final class MlpMultilabelModel extends Model<MlpMultilabelModel>
    implements HasMlpParams<MlpMultilabelModel>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MlpParams mlpParams;
  private final MultilabelColumns columns;
  private final MlpModelData data;

  /**
   * A model without weights, for Spark Connect ML's registry, which instantiates every model class
   * it finds by ServiceLoader; fit or load a model to use one.
   */
  public MlpMultilabelModel() {
    this(Identifiable.randomUID("mlpMultilabelModel"), null);
  }

  MlpMultilabelModel(String uid, MlpModelData data) {
    this.uid = uid;
    this.mlpParams = new MlpParams(this);
    this.columns = new MultilabelColumns(this);
    this.data = data;
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

  /** Spark's own Params and every MLP setting's, accessor or not. */
  @Override
  public Param<?>[] params() {
    return mlpParams().withSparkParams(super.params());
  }

  public Topology topology() {
    return data().topology();
  }

  /** The trained flat parameters (a copy). */
  public double[] weights() {
    return data().weights().clone();
  }

  /** True when the model knows what its fit did: fitted here, or saved and loaded since. */
  public boolean hasSummary() {
    return data().summary() != null;
  }

  /**
   * What the fit did, epoch by epoch; its accuracy is the mean over the labels.
   *
   * @throws IllegalStateException for a model without one ({@link #hasSummary} false)
   */
  public MlpTrainingSummary summary() {
    return MlpModelData.summary(this, data());
  }

  /** Each label's probability for one row. */
  public Vector predictProbability(Vector features) {
    return probability(data().scoredRow(features), 0);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return columns.withOutputs(this, schema);
  }

  /** probability and prediction, a chunk of rows per forward pass. */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    String probability = $(columns.probabilityCol);
    return data()
        .transform(
            dataset,
            transformSchema(dataset.schema()),
            $(columns.featuresCol),
            (column, scored, r) ->
                column.equals(probability) ? probability(scored, r) : prediction(scored, r));
  }

  private static Vector probability(ChunkScorer scored, int r) {
    double[] p = new double[scored.topology().outputs()];
    for (int k = 0; k < p.length; k++) {
      p[k] = scored.output(r, k);
    }
    return Vectors.dense(p);
  }

  private static Vector prediction(ChunkScorer scored, int r) {
    double[] yes = new double[scored.topology().outputs()];
    for (int k = 0; k < yes.length; k++) {
      yes[k] = OutputLoss.labelPredicted(scored.output(r, k));
    }
    return Vectors.dense(yes);
  }

  @Override
  public MlpMultilabelModel copy(ParamMap extra) {
    return copyValues(new MlpMultilabelModel(uid, data), extra).setParent(parent());
  }

  /** The weights and network; refuses a model made by the no-argument constructor. */
  private MlpModelData data() {
    if (data == null) {
      throw new IllegalStateException(
          uid + " has no weights: it was made for Spark Connect's registry; fit or load a model");
    }
    return data;
  }

  @Override
  public MLWriter write() {
    return MlpModelData.writer(this, data());
  }

  public static MLReader<MlpMultilabelModel> read() {
    return MlpModelData.reader(MlpMultilabelModel.class, Task.MULTI_LABEL, MlpMultilabelModel::new);
  }

  /** A model saved by {@link #write}, or a directory {@code submit/train} wrote (model.json). */
  public static MlpMultilabelModel load(String path) {
    return read().load(path);
  }
}
