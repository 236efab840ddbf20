package io.sparkmlp.ml;

import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.train.ChunkScorer;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
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
import scala.Tuple3;

/**
 * A fitted {@link MlpClassifier}: rawPrediction holds the output layer's pre-activations z (the
 * logits), probability their softmax, prediction the most probable class.
 */
public final class MlpClassificationModel
    extends ProbabilisticClassificationModel<Vector, MlpClassificationModel>
    implements HasMlpParams<MlpClassificationModel>, MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid; // set during super(): see PendingUid
  private MlpParams mlpParams;
  private final MlpModelData data;

  /**
   * A model without weights, for Spark Connect ML's registry, which instantiates every model class
   * it finds by ServiceLoader; fit or load a model to use one.
   */
  public MlpClassificationModel() {
    this(Identifiable.randomUID("mlpClassificationModel"), null);
  }

  MlpClassificationModel(String uid, MlpModelData data) {
    this(PendingUid.stash(uid), data);
  }

  private MlpClassificationModel(PendingUid pending, MlpModelData data) {
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

  /** Mean training loss of each epoch (running, over its minibatches). */
  public double[] lossHistory() {
    return data().lossHistory().clone();
  }

  @Override
  public int numClasses() {
    return data().topology().classes();
  }

  @Override
  public int numFeatures() {
    return data().topology().inputs();
  }

  @Override
  public Vector predictRaw(Vector features) {
    return rawPrediction(data().scoredRow(features), 0);
  }

  /**
   * rawPrediction, probability and prediction a chunk of rows per forward pass. With thresholds,
   * Spark's own row-at-a-time transform, which applies them.
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    if (isDefined(thresholds())) {
      return super.transform(dataset);
    }
    String raw = getRawPredictionCol();
    String probability = getProbabilityCol();
    return data()
        .transform(
            dataset,
            transformSchema(dataset.schema(), true),
            getFeaturesCol(),
            (column, scored, r) -> {
              if (column.equals(raw)) {
                return rawPrediction(scored, r);
              }
              if (column.equals(probability)) {
                return probability(scored, r);
              }
              return (double) scored.predictedClass(r);
            });
  }

  /**
   * The output layer's pre-activations; for a single sigmoid unit (two classes) [-z, z], as Spark's
   * binary classifiers give their margin.
   */
  private static Vector rawPrediction(ChunkScorer scored, int r) {
    int outputs = scored.topology().outputs();
    if (outputs == 1) {
      double z = scored.preActivation(r, 0);
      return Vectors.dense(-z, z);
    }
    double[] z = new double[outputs];
    for (int k = 0; k < outputs; k++) {
      z[k] = scored.preActivation(r, k);
    }
    return Vectors.dense(z);
  }

  /** The softmax outputs; for a single sigmoid unit p, [1 - p, p]. */
  private static Vector probability(ChunkScorer scored, int r) {
    int outputs = scored.topology().outputs();
    if (outputs == 1) {
      double p = scored.output(r, 0);
      return Vectors.dense(1 - p, p);
    }
    double[] a = new double[outputs];
    for (int k = 0; k < outputs; k++) {
      a[k] = scored.output(r, k);
    }
    return Vectors.dense(a);
  }

  /** The output layer's own softmax, in place. */
  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    double[] values = ((DenseVector) rawPrediction).values();
    if (data().topology().outputs() == 1) {
      double[] p = {values[1]};
      data().topology().outputLoss().activate(p, p, 1, 1);
      values[0] = 1 - p[0];
      values[1] = p[0];
    } else {
      data().topology().outputLoss().activate(values, values, values.length, 1);
    }
    return rawPrediction;
  }

  /**
   * Inherited from two Scala parents whose generic return types Java cannot reconcile; Spark uses
   * it for its own classification summaries, which this model does not build (its training summary
   * is {@link #summary}). The raw type fits both.
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Tuple3 findSummaryModel() {
    return new Tuple3(this, getProbabilityCol(), getPredictionCol());
  }

  @Override
  public MlpClassificationModel copy(ParamMap extra) {
    return copyValues(new MlpClassificationModel(uid(), data), extra).setParent(parent());
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

  public static MLReader<MlpClassificationModel> read() {
    return MlpModelData.reader(
        MlpClassificationModel.class, Task.CLASSIFICATION, MlpClassificationModel::new);
  }

  /** A model saved by {@link #write}, or a directory {@code submit/train} wrote (model.json). */
  public static MlpClassificationModel load(String path) {
    return read().load(path);
  }
}
