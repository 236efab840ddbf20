package io.sparkmlp.ml;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.optim.Adam;
import io.sparkmlp.optim.LearningRateSchedule;
import io.sparkmlp.optim.Optimizers;
import java.util.Arrays;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import scala.Function1;

/** The training Params of an MLP estimator or model, created for one owner with their defaults. */
public final class MlpParams implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  final IntArrayParam layers;
  final Param<String> activation;
  final DoubleParam leakySlope;
  final Param<String> initializer;
  final DoubleParam reluBias;
  final DoubleParam l1;
  final DoubleParam l2;
  final DoubleParam stepSize;
  final Param<String> schedule;
  final Param<String> precision;
  final DoubleParam decayFactor;
  final IntParam decayEpochs;
  final IntParam warmupEpochs;
  final Param<String> optimizer;
  final DoubleParam momentum;
  final DoubleParam beta1;
  final DoubleParam beta2;
  final DoubleParam epsilon;
  final IntParam batchSize;
  final IntParam epochs;
  final LongParam seed;
  final IntParam aggregationDepth;
  final DoubleParam validationFraction;
  final Param<String> validationIndicatorCol;
  final IntParam earlyStoppingPatience;
  final DoubleParam earlyStoppingMinDelta;
  final DoubleParam clipNorm;

  MlpParams(Params owner) {
    Params id = owner;
    layers =
        new IntArrayParam(
            id,
            "layers",
            "units per layer, input first and output last (at least 2 layers, each >= 1)",
            validator(
                (int[] sizes) -> sizes.length >= 2 && Arrays.stream(sizes).allMatch(s -> s >= 1)));
    activation =
        new Param<>(
            id,
            "activation",
            "hidden activation: " + String.join(", ", Activation.NAMES),
            validator((String name) -> Activation.NAMES.contains(name)));
    leakySlope =
        new DoubleParam(
            id,
            "leakySlope",
            "slope of leaky_relu for z < 0, in [0, 1)",
            number((Double s) -> s >= 0 && s < 1));
    initializer =
        new Param<>(
            id,
            "initializer",
            "initial weights: uniform (+-1/sqrt(fan_in)), glorot or he",
            validator((String name) -> isLabel(Initializer.class, name)));
    reluBias =
        new DoubleParam(
            id, "reluBias", "initial bias of relu and leaky_relu units", number(Double::isFinite));
    l1 =
        new DoubleParam(
            id, "l1", "L1 penalty on weights (never biases), >= 0", number((Double v) -> v >= 0));
    l2 =
        new DoubleParam(
            id, "l2", "L2 penalty on weights (never biases), >= 0", number((Double v) -> v >= 0));
    stepSize =
        new DoubleParam(
            id,
            "stepSize",
            "learning rate, > 0",
            number((Double v) -> v > 0 && v < Double.POSITIVE_INFINITY));
    schedule =
        new Param<>(
            id,
            "schedule",
            "learning-rate schedule: constant, step or cosine",
            validator((String name) -> isLabel(LearningRateSchedule.class, name)));
    precision =
        new Param<>(
            id,
            "precision",
            "arithmetic of the gradient steps: float64, or float32 (float GEMMs and gradients;"
                + " weights and optimiser stay float64)",
            validator((String name) -> isLabel(Precision.class, name)));
    decayFactor =
        new DoubleParam(
            id,
            "decayFactor",
            "step schedule: factor of each drop, in (0, 1]",
            number((Double f) -> f > 0 && f <= 1));
    decayEpochs =
        new IntParam(
            id,
            "decayEpochs",
            "step schedule: epochs between drops, >= 1",
            integer((Integer e) -> e >= 1));
    warmupEpochs =
        new IntParam(
            id,
            "warmupEpochs",
            "epochs of linear warm-up (0: none)",
            integer((Integer e) -> e >= 0));
    optimizer =
        new Param<>(
            id,
            "optimizer",
            "optimiser: sgd (momentum), nesterov or adam",
            validator((String name) -> Optimizers.NAMES.contains(name)));
    beta1 =
        new DoubleParam(
            id,
            "beta1",
            "adam: decay of the gradient average, in [0, 1)",
            number((Double b) -> b >= 0 && b < 1));
    beta2 =
        new DoubleParam(
            id,
            "beta2",
            "adam: decay of the squared-gradient average, in [0, 1)",
            number((Double b) -> b >= 0 && b < 1));
    epsilon =
        new DoubleParam(
            id,
            "epsilon",
            "adam: added to the root mean square, > 0",
            number((Double e) -> e > 0 && e < Double.POSITIVE_INFINITY));
    momentum =
        new DoubleParam(
            id, "momentum", "momentum of SGD, in [0, 1)", number((Double m) -> m >= 0 && m < 1));
    batchSize =
        new IntParam(
            id,
            "batchSize",
            "examples per synchronous step over all partitions, >= 1",
            integer((Integer b) -> b >= 1));
    epochs =
        new IntParam(
            id, "epochs", "passes over the training data, >= 1", integer((Integer e) -> e >= 1));
    seed = new LongParam(id, "seed", "seed of the initial weights and of every minibatch");
    aggregationDepth =
        new IntParam(
            id, "aggregationDepth", "depth of treeAggregate, >= 1", integer((Integer d) -> d >= 1));
    validationFraction =
        new DoubleParam(
            id,
            "validationFraction",
            "fraction of the rows held out, by a split seeded with seed, to validate after every"
                + " epoch, in [0, 1) (0: none)",
            number((Double f) -> f >= 0 && f < 1));
    validationIndicatorCol =
        new Param<>(
            id,
            "validationIndicatorCol",
            "boolean column that is true for validation rows and false for training rows, as in"
                + " Spark's GBT estimators (empty: none)",
            validator((String name) -> name != null));
    earlyStoppingPatience =
        new IntParam(
            id,
            "earlyStoppingPatience",
            "stop after this many epochs without a better validation loss and keep the best"
                + " epoch's weights (0: off; needs validation rows)",
            integer((Integer p) -> p >= 0));
    earlyStoppingMinDelta =
        new DoubleParam(
            id,
            "earlyStoppingMinDelta",
            "smallest drop of the validation loss that counts as better, >= 0",
            number((Double d) -> d >= 0 && d < Double.POSITIVE_INFINITY));
    clipNorm =
        new DoubleParam(
            id,
            "clipNorm",
            "rescale a step's gradient whose global L2 norm exceeds this to that norm (0: off)",
            number((Double c) -> c >= 0 && c < Double.POSITIVE_INFINITY));
  }

  /** Sets every default on {@code owner}; called once from each constructor. */
  void setDefaults(Params owner) {
    owner.setDefault(activation, "tanh");
    owner.setDefault(leakySlope, Activation.DEFAULT_LEAKY_SLOPE);
    owner.setDefault(initializer, Initializer.UNIFORM.label());
    owner.setDefault(reluBias, Initializer.DEFAULT_RECTIFIER_BIAS);
    owner.setDefault(l1, 0.0);
    owner.setDefault(l2, 0.0);
    owner.setDefault(stepSize, 0.1);
    owner.setDefault(schedule, LearningRateSchedule.CONSTANT.label());
    owner.setDefault(decayFactor, 0.1);
    owner.setDefault(decayEpochs, 10);
    owner.setDefault(warmupEpochs, 0);
    owner.setDefault(optimizer, "sgd");
    owner.setDefault(momentum, 0.9);
    owner.setDefault(beta1, Adam.DEFAULT_BETA1);
    owner.setDefault(beta2, Adam.DEFAULT_BETA2);
    owner.setDefault(epsilon, Adam.DEFAULT_EPSILON);
    owner.setDefault(batchSize, 64);
    owner.setDefault(epochs, 10);
    owner.setDefault(seed, 42L);
    owner.setDefault(aggregationDepth, 2);
    owner.setDefault(validationFraction, 0.0);
    owner.setDefault(validationIndicatorCol, "");
    owner.setDefault(earlyStoppingPatience, 0);
    owner.setDefault(earlyStoppingMinDelta, 0.0);
    owner.setDefault(clipNorm, 0.0);
    owner.setDefault(precision, Precision.FLOAT64.label());
  }

  private static <E extends Enum<E>> boolean isLabel(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants())
        .anyMatch(c -> io.sparkmlp.nn.Names.label(c).equals(name));
  }

  /** A Param validator; serializable because models travel inside Spark closures. */
  interface Valid<T> extends java.io.Serializable {
    boolean test(T value);
  }

  private static <T> Function1<T, Object> validator(Valid<T> valid) {
    return (Function1<T, Object> & java.io.Serializable) valid::test;
  }

  /** DoubleParam's Double => Boolean erases to Object => Object. */
  private static Function1<Object, Object> number(Valid<Double> valid) {
    return (Function1<Object, Object> & java.io.Serializable) v -> valid.test((Double) v);
  }

  private static Function1<Object, Object> integer(Valid<Integer> valid) {
    return (Function1<Object, Object> & java.io.Serializable) v -> valid.test((Integer) v);
  }
}
