package io.sparkmlp.ml;

import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Kernels;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import io.sparkmlp.train.Workspaces;
import java.util.Arrays;
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

  /** Mean training loss of each epoch (running, over its minibatches). */
  public double[] lossHistory() {
    return data().lossHistory().clone();
  }

  @Override
  public int numClasses() {
    return data().topology().outputs();
  }

  @Override
  public int numFeatures() {
    return data().topology().inputs();
  }

  @Override
  public Vector predictRaw(Vector features) {
    Topology topology = data().topology();
    Workspace<double[]> ws = Workspaces.forThread(Kernels.FLOAT64, topology);
    Backprop.forward(topology, data().weights(), data().input(features), 0, 1, ws);
    return Vectors.dense(Arrays.copyOf(ws.outputPreActivations(), topology.outputs()));
  }

  /** The output layer's own softmax, in place. */
  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    double[] values = ((DenseVector) rawPrediction).values();
    data().topology().outputLoss().activate(values, values, values.length, 1);
    return rawPrediction;
  }

  /**
   * Inherited from two Scala parents whose generic return types Java cannot reconcile; Spark uses
   * it for training summaries, which this model does not offer. The raw type fits both.
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
    return MlpModelData.reader(MlpClassificationModel.class, MlpClassificationModel::new);
  }

  public static MlpClassificationModel load(String path) {
    return read().load(path);
  }
}
