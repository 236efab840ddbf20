package io.sparkmlp.ml;

import io.sparkmlp.nn.OutputLoss;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;

/**
 * A multi-layer perceptron classifier trained by synchronous data-parallel SGD: softmax output with
 * cross-entropy, one output unit per class. {@code layers} gives the units per layer, input first
 * and the number of classes last; labels must be 0, 1, ..., classes - 1.
 */
public final class MlpClassifier
    extends ProbabilisticClassifier<Vector, MlpClassifier, MlpClassificationModel>
    implements HasMlpParams<MlpClassifier>, MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid; // set during super(): see PendingUid
  private MlpParams mlpParams;

  public MlpClassifier() {
    this(Identifiable.randomUID("mlpClassifier"));
  }

  public MlpClassifier(String uid) {
    this(PendingUid.stash(uid));
  }

  private MlpClassifier(PendingUid pending) {
    uid = pending.release();
    mlpParams().setDefaults(this);
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

  @Override
  public MlpClassificationModel train(Dataset<?> dataset) {
    return new MlpClassificationModel(
        uid(),
        MlpFit.fit(
            this,
            dataset,
            getFeaturesCol(),
            getLabelCol(),
            OutputLoss.of("softmax", "cross_entropy")));
  }

  @Override
  public MlpClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public MLWriter write() {
    return new DefaultParamsWriter(this);
  }

  public static MLReader<MlpClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static MlpClassifier load(String path) {
    return read().load(path);
  }
}
