package io.sparkmlp.ml;

import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A fitted {@link MlpRegressor}: prediction is the network's single output. */
public final class MlpRegressionModel extends RegressionModel<Vector, MlpRegressionModel>
    implements HasMlpParams<MlpRegressionModel>, MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid; // set during super(): see PendingUid
  private MlpParams mlpParams;
  private final MlpModelData data;

  /**
   * A model without weights, for Spark Connect ML's registry, which instantiates every model class
   * it finds by ServiceLoader; fit or load a model to use one.
   */
  public MlpRegressionModel() {
    this(Identifiable.randomUID("mlpRegressionModel"), null);
  }

  MlpRegressionModel(String uid, MlpModelData data) {
    this(PendingUid.stash(uid), data);
  }

  private MlpRegressionModel(PendingUid pending, MlpModelData data) {
    uid = pending.release();
    mlpParams().setDefaults(this);
    this.data = data;
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = PendingUid.current();
    }
    return uid;
  }

  @Override
  public MlpParams mlpParams() {
    if (mlpParams == null) {
      mlpParams = new MlpParams(this);
    }
    return mlpParams;
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
   * What the fit did, epoch by epoch.
   *
   * @throws IllegalStateException for a model without one ({@link #hasSummary} false)
   */
  public MlpTrainingSummary summary() {
    return MlpModelData.summary(this, data());
  }

  /** Mean training loss (1/2 squared error) of each epoch, running over its minibatches. */
  public double[] lossHistory() {
    return data().lossHistory().clone();
  }

  @Override
  public int numFeatures() {
    return data().topology().inputs();
  }

  @Override
  public double predict(Vector features) {
    return data().scoredRow(features).output(0, 0);
  }

  /** The prediction column a chunk of rows per forward pass. */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return data()
        .transform(
            dataset,
            transformSchema(dataset.schema(), true),
            getFeaturesCol(),
            (column, scored, r) -> scored.output(r, 0));
  }

  @Override
  public MlpRegressionModel copy(ParamMap extra) {
    return copyValues(new MlpRegressionModel(uid(), data), extra).setParent(parent());
  }

  /** The weights and network; refuses a model made by the no-argument constructor. */
  private MlpModelData data() {
    if (data == null) {
      throw new IllegalStateException(
          uid() + " has no weights: it was made for Spark Connect's registry; fit or load a model");
    }
    return data;
  }

  @Override
  public MLWriter write() {
    return MlpModelData.writer(this, data());
  }

  public static MLReader<MlpRegressionModel> read() {
    return MlpModelData.reader(MlpRegressionModel.class, Task.REGRESSION, MlpRegressionModel::new);
  }

  /** A model saved by {@link #write}, or a directory {@code submit/train} wrote (model.json). */
  public static MlpRegressionModel load(String path) {
    return read().load(path);
  }
}
