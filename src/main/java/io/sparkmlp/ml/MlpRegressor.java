package io.sparkmlp.ml;

import io.sparkmlp.nn.OutputLoss;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;

/**
 * A multi-layer perceptron regressor trained by synchronous data-parallel SGD: identity output with
 * squared error. {@code layers} gives the units per layer, input first and 1 last.
 */
public final class MlpRegressor extends Regressor<Vector, MlpRegressor, MlpRegressionModel>
    implements HasMlpParams<MlpRegressor>, MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid; // set during super(): see PendingUid
  private MlpParams mlpParams;

  public MlpRegressor() {
    this(Identifiable.randomUID("mlpRegressor"));
  }

  public MlpRegressor(String uid) {
    this(PendingUid.stash(uid));
  }

  private MlpRegressor(PendingUid pending) {
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
  public MlpRegressionModel train(Dataset<?> dataset) {
    if (getLayers()[getLayers().length - 1] != 1) {
      throw new IllegalArgumentException(
          "layers must end in 1 unit for one label column, got "
              + getLayers()[getLayers().length - 1]);
    }
    return new MlpRegressionModel(
        uid(),
        MlpFit.fit(
            this,
            dataset,
            getFeaturesCol(),
            getLabelCol(),
            OutputLoss.of("identity", "squared_error")));
  }

  @Override
  public MlpRegressor copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public MLWriter write() {
    return new DefaultParamsWriter(this);
  }

  public static MLReader<MlpRegressor> read() {
    return new DefaultParamsReader<>();
  }

  public static MlpRegressor load(String path) {
    return read().load(path);
  }
}
