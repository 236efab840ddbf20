package io.sparkmlp.ml;

import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Setting;
import io.sparkmlp.settings.SettingValues;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.train.TrainingConfig;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The MLP training Params shared by the estimators and their models: one per {@link Settings
 * setting} with a Param name ({@link MlpParams}), found by {@link #param} (or Spark's {@code
 * getParam(name)}). The typed setters below are for Java callers; {@link #setValue} sets any
 * setting by its declaration.
 *
 * @param <T> the implementing class, returned by the setters for chaining
 */
public interface HasMlpParams<T extends HasMlpParams<T>> extends Params {
  /** The Param objects of this instance (created on first use, after the uid is known). */
  MlpParams mlpParams();

  default int[] getLayers() {
    return $(param(Settings.LAYERS));
  }

  /** The Param of {@code setting}, e.g. for a ParamMap. */
  default <V> Param<V> param(Setting<V> setting) {
    return mlpParams().param(setting);
  }

  /** The DoubleParam of a number setting, for ParamGridBuilder's {@code double[]} grids. */
  default DoubleParam doubleParam(Setting<Double> setting) {
    return (DoubleParam) mlpParams().declared(setting);
  }

  /** The IntParam of an integer setting, for ParamGridBuilder's {@code int[]} grids. */
  default IntParam intParam(Setting<Integer> setting) {
    return (IntParam) mlpParams().declared(setting);
  }

  default T setLayers(int... value) {
    return setValue(Settings.LAYERS, value);
  }

  default T setActivation(String value) {
    return setValue(Settings.ACTIVATION, value);
  }

  default T setLeakySlope(double value) {
    return setValue(Settings.LEAKY_SLOPE, value);
  }

  /**
   * Inverted dropout while fitting: one rate for every hidden layer or one per hidden layer; see
   * {@link Settings#DROPOUT}.
   */
  default T setDropout(double... value) {
    return setValue(Settings.DROPOUT, value);
  }

  default T setInitializer(String value) {
    return setValue(Settings.INITIALIZER, value);
  }

  default T setReluBias(double value) {
    return setValue(Settings.RELU_BIAS, value);
  }

  default T setL1(double value) {
    return setValue(Settings.L1, value);
  }

  default T setL2(double value) {
    return setValue(Settings.L2, value);
  }

  default T setStepSize(double value) {
    return setValue(Settings.LEARNING_RATE, value);
  }

  default T setSchedule(String value) {
    return setValue(Settings.SCHEDULE, value);
  }

  default T setPrecision(String value) {
    return setValue(Settings.PRECISION, value);
  }

  default T setFeatureLayout(String value) {
    return setValue(Settings.FEATURE_LAYOUT, value);
  }

  default T setDecayFactor(double value) {
    return setValue(Settings.DECAY_FACTOR, value);
  }

  default T setDecayEpochs(int value) {
    return setValue(Settings.DECAY_EPOCHS, value);
  }

  default T setWarmupEpochs(int value) {
    return setValue(Settings.WARMUP_EPOCHS, value);
  }

  default T setOptimizer(String value) {
    return setValue(Settings.OPTIMIZER, value);
  }

  default T setMomentum(double value) {
    return setValue(Settings.MOMENTUM, value);
  }

  default T setBeta1(double value) {
    return setValue(Settings.BETA1, value);
  }

  default T setBeta2(double value) {
    return setValue(Settings.BETA2, value);
  }

  default T setEpsilon(double value) {
    return setValue(Settings.EPSILON, value);
  }

  /** Decoupled weight decay, as AdamW's (never on biases); see {@link Settings#WEIGHT_DECAY}. */
  default T setWeightDecay(double value) {
    return setValue(Settings.WEIGHT_DECAY, value);
  }

  default T setTrustCoefficient(double value) {
    return setValue(Settings.TRUST_COEFFICIENT, value);
  }

  /**
   * The weights and biases to start from, flat in the layout of the model's {@code weights()}, as
   * MLPC's initialWeights; its size must be the network's parameter count.
   */
  default T setInitialWeights(Vector value) {
    return setValue(Settings.INITIAL_WEIGHTS, value.toArray());
  }

  default T setBatchSize(int value) {
    return setValue(Settings.BATCH_SIZE, value);
  }

  default T setEpochs(int value) {
    return setValue(Settings.EPOCHS, value);
  }

  default T setSeed(long value) {
    return setValue(Settings.SEED, value);
  }

  default T setAggregationDepth(int value) {
    return setValue(Settings.TREE_DEPTH, value);
  }

  default T setValidationFraction(double value) {
    return setValue(Settings.VALIDATION_FRACTION, value);
  }

  default T setValidationIndicatorCol(String value) {
    return setValue(Settings.VALIDATION_INDICATOR_COL, value);
  }

  /** The column of row weights, as Spark's own classifiers name it (empty: every row weighs 1). */
  default T setWeightCol(String value) {
    return setValue(Settings.WEIGHT_COL, value);
  }

  default T setEarlyStoppingPatience(int value) {
    return setValue(Settings.EARLY_STOPPING_PATIENCE, value);
  }

  default T setEarlyStoppingMinDelta(double value) {
    return setValue(Settings.EARLY_STOPPING_MIN_DELTA, value);
  }

  default T setClipNorm(double value) {
    return setValue(Settings.CLIP_NORM, value);
  }

  /** Sets the Param of {@code setting}; returns this. */
  @SuppressWarnings("unchecked")
  default <V> T setValue(Setting<V> setting, V value) {
    set(mlpParams().param(setting), value);
    return (T) this;
  }

  /**
   * These Params as setting values: each setting without a Param reads as its default, and a
   * problem found when the settings are combined names the Param.
   */
  default SettingValues settingValues() {
    return new SettingValues() {
      @Override
      public <V> V get(Setting<V> setting) {
        return setting.hasParam() ? $(mlpParams().param(setting)) : setting.defaultValue();
      }

      @Override
      public String name(Setting<?> setting) {
        return setting.param();
      }

      @Override
      public IllegalArgumentException bad(Setting<?> setting, String problem) {
        return new IllegalArgumentException(uid() + " Param " + setting.param() + ": " + problem);
      }
    };
  }

  /** The network these Params describe, with {@code outputLoss} as its output layer. */
  default Topology topology(OutputLoss outputLoss) {
    return TrainingConfig.topology(settingValues(), outputLoss);
  }

  /** The trainer's configuration from these Params. */
  default TrainingConfig trainingConfig(Topology topology) {
    return TrainingConfig.of(topology, settingValues());
  }
}
