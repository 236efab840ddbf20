package io.sparkmlp.ml;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Regularization;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.optim.LearningRateSchedule;
import io.sparkmlp.optim.Optimizers;
import io.sparkmlp.optim.Schedule;
import io.sparkmlp.train.EarlyStopping;
import io.sparkmlp.train.TrainingConfig;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The MLP training Params shared by the estimators and their models. Spark finds Params by
 * reflection over public no-argument methods; these default methods are such methods, so each class
 * only holds one {@link MlpParams}.
 *
 * @param <T> the implementing class, returned by the setters for chaining
 */
public interface HasMlpParams<T extends HasMlpParams<T>> extends Params {
  /** The Param objects of this instance (created on first use, after the uid is known). */
  MlpParams mlpParams();

  default IntArrayParam layers() {
    return mlpParams().layers;
  }

  default Param<String> activation() {
    return mlpParams().activation;
  }

  default DoubleParam leakySlope() {
    return mlpParams().leakySlope;
  }

  default Param<String> initializer() {
    return mlpParams().initializer;
  }

  default DoubleParam reluBias() {
    return mlpParams().reluBias;
  }

  default DoubleParam l1() {
    return mlpParams().l1;
  }

  default DoubleParam l2() {
    return mlpParams().l2;
  }

  default DoubleParam stepSize() {
    return mlpParams().stepSize;
  }

  default Param<String> schedule() {
    return mlpParams().schedule;
  }

  default Param<String> precision() {
    return mlpParams().precision;
  }

  default DoubleParam decayFactor() {
    return mlpParams().decayFactor;
  }

  default IntParam decayEpochs() {
    return mlpParams().decayEpochs;
  }

  default IntParam warmupEpochs() {
    return mlpParams().warmupEpochs;
  }

  default Param<String> optimizer() {
    return mlpParams().optimizer;
  }

  default DoubleParam momentum() {
    return mlpParams().momentum;
  }

  default DoubleParam beta1() {
    return mlpParams().beta1;
  }

  default DoubleParam beta2() {
    return mlpParams().beta2;
  }

  default DoubleParam epsilon() {
    return mlpParams().epsilon;
  }

  default IntParam batchSize() {
    return mlpParams().batchSize;
  }

  default IntParam epochs() {
    return mlpParams().epochs;
  }

  default LongParam seed() {
    return mlpParams().seed;
  }

  default IntParam aggregationDepth() {
    return mlpParams().aggregationDepth;
  }

  default DoubleParam validationFraction() {
    return mlpParams().validationFraction;
  }

  default Param<String> validationIndicatorCol() {
    return mlpParams().validationIndicatorCol;
  }

  default IntParam earlyStoppingPatience() {
    return mlpParams().earlyStoppingPatience;
  }

  default DoubleParam earlyStoppingMinDelta() {
    return mlpParams().earlyStoppingMinDelta;
  }

  default DoubleParam clipNorm() {
    return mlpParams().clipNorm;
  }

  default int[] getLayers() {
    return $(layers());
  }

  default T setLayers(int... value) {
    return chain(layers(), value);
  }

  default T setActivation(String value) {
    return chain(activation(), value);
  }

  default T setLeakySlope(double value) {
    return chain(leakySlope(), value);
  }

  default T setInitializer(String value) {
    return chain(initializer(), value);
  }

  default T setReluBias(double value) {
    return chain(reluBias(), value);
  }

  default T setL1(double value) {
    return chain(l1(), value);
  }

  default T setL2(double value) {
    return chain(l2(), value);
  }

  default T setStepSize(double value) {
    return chain(stepSize(), value);
  }

  default T setSchedule(String value) {
    return chain(schedule(), value);
  }

  default T setPrecision(String value) {
    return chain(precision(), value);
  }

  default T setDecayFactor(double value) {
    return chain(decayFactor(), value);
  }

  default T setDecayEpochs(int value) {
    return chain(decayEpochs(), value);
  }

  default T setWarmupEpochs(int value) {
    return chain(warmupEpochs(), value);
  }

  default T setOptimizer(String value) {
    return chain(optimizer(), value);
  }

  default T setMomentum(double value) {
    return chain(momentum(), value);
  }

  default T setBeta1(double value) {
    return chain(beta1(), value);
  }

  default T setBeta2(double value) {
    return chain(beta2(), value);
  }

  default T setEpsilon(double value) {
    return chain(epsilon(), value);
  }

  default T setBatchSize(int value) {
    return chain(batchSize(), value);
  }

  default T setEpochs(int value) {
    return chain(epochs(), value);
  }

  default T setSeed(long value) {
    return chain(seed(), value);
  }

  default T setAggregationDepth(int value) {
    return chain(aggregationDepth(), value);
  }

  default T setValidationFraction(double value) {
    return chain(validationFraction(), value);
  }

  default T setValidationIndicatorCol(String value) {
    return chain(validationIndicatorCol(), value);
  }

  default T setEarlyStoppingPatience(int value) {
    return chain(earlyStoppingPatience(), value);
  }

  default T setEarlyStoppingMinDelta(double value) {
    return chain(earlyStoppingMinDelta(), value);
  }

  default T setClipNorm(double value) {
    return chain(clipNorm(), value);
  }

  @SuppressWarnings("unchecked")
  private <V> T chain(Param<V> param, V value) {
    set(param, value);
    return (T) this;
  }

  /** The network these Params describe, with {@code outputLoss} as its output layer. */
  default Topology topology(OutputLoss outputLoss) {
    int[] sizes = getLayers();
    Activation hidden = Activation.byName($(activation()), (Double) $(leakySlope()));
    return Topology.uniform(sizes, hidden, outputLoss);
  }

  /** The trainer's configuration from these Params. */
  default TrainingConfig trainingConfig(Topology topology) {
    return new TrainingConfig(
        topology,
        Initializer.byName($(initializer())),
        (Double) $(reluBias()),
        new Regularization((Double) $(l1()), (Double) $(l2())),
        Optimizers.create(
            $(optimizer()),
            (Double) $(momentum()),
            (Double) $(beta1()),
            (Double) $(beta2()),
            (Double) $(epsilon())),
        (Double) $(stepSize()),
        new Schedule(
            LearningRateSchedule.byName($(schedule())),
            (Double) $(decayFactor()),
            (Integer) $(decayEpochs()),
            (Integer) $(warmupEpochs())),
        (Integer) $(batchSize()),
        (Integer) $(epochs()),
        (Long) $(seed()),
        (Integer) $(aggregationDepth()),
        new EarlyStopping(
            (Integer) $(earlyStoppingPatience()), (Double) $(earlyStoppingMinDelta())),
        (Double) $(clipNorm()),
        false,
        Precision.byName($(precision())));
  }
}
