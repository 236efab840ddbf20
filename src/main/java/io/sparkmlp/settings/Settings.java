package io.sparkmlp.settings;

import io.sparkmlp.data.FeatureLayout;
import io.sparkmlp.data.FeatureScaling;
import io.sparkmlp.data.Sharding;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Dropout;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.Interval;
import io.sparkmlp.nn.Names;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Regularization;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.optim.Adam;
import io.sparkmlp.optim.LearningRateSchedule;
import io.sparkmlp.optim.Optimizers;
import io.sparkmlp.optim.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every setting of spark-mlp, each declared once: its job-file key, its Spark ML Param name (if the
 * estimators have it), type, default, one-line doc and rule. Ranges that belong to the math are
 * stated where the math lives (e.g. {@link Adam#BETA}) and read from there.
 */
public final class Settings {
  private static final List<Setting<?>> DECLARED = new ArrayList<>();

  /** Spark's own readers of a {@code data.source}. */
  public static final List<String> FILE_FORMATS = List.of("libsvm", "csv", "parquet");

  /** The {@code data.delimiter} of tab-separated files. */
  public static final String TAB = "tab";

  /** The {@code data.source} of MNIST's IDX files. */
  public static final String MNIST = "mnist";

  /** Every {@code data.source}: the generated datasets, MNIST and the file formats. */
  public static final List<String> DATA_SOURCES =
      Stream.of(Names.labels(SyntheticData.class), List.of(MNIST), FILE_FORMATS)
          .flatMap(List::stream)
          .toList();

  private static final Interval AT_LEAST_ONE = Interval.atLeast(1);
  private static final Interval COUNT = Interval.NON_NEGATIVE;

  public static final Setting<String> DATA_SOURCE =
      text("data.source", null, "xor", Rule.oneOf("data source", DATA_SOURCES))
          .doc(
              "dataset: xor, rings (2-D two-class toys), sine (1-D regression), mnist (IDX files), libsvm, csv or parquet (files read by Spark)");
  public static final Setting<String> DATA_PATH =
      text("data.path", null, "")
          .doc(
              "the data: a file or directory for libsvm, csv and parquet; the directory of the IDX files for mnist");
  public static final Setting<String> TEST_PATH =
      text("data.test_path", null, "")
          .doc("libsvm, csv, parquet: a separate test set (empty: none)");
  public static final Setting<Double> TEST_FRACTION =
      real("data.test_fraction", null, 0.0, Interval.UNIT_OPEN)
          .doc(
              "libsvm, csv, parquet: hold out this fraction of the rows as the test set, seeded by data.seed");
  public static final Setting<Double> VALIDATION_FRACTION =
      real("data.validation_fraction", "validationFraction", 0.0, Interval.UNIT_OPEN)
          .doc(
              "hold out this fraction of the training rows, by a seeded split (data.seed; the Param seed), to validate after every epoch (0: none)");
  public static final Setting<String> VALIDATION_PATH =
      text("data.validation_path", null, "")
          .doc("libsvm, csv, parquet: a separate validation set (empty: none)");
  public static final Setting<String> VALIDATION_INDICATOR_COL =
      text(null, "validationIndicatorCol", "")
          .doc(
              "boolean column that is true for validation rows and false for training rows, as in Spark's GBT estimators (empty: none)");
  public static final Setting<String> LABEL_COL =
      text("data.label_col", null, "label")
          .doc(
              "csv, parquet: the label column; for multi-label (model.loss = binary_cross_entropy) the label columns, comma-separated, each 0 or 1");
  public static final Setting<String> WEIGHT_COL =
      text("data.weight_col", "weightCol", "")
          .doc(
              "csv, parquet: a numeric column of row weights (finite, >= 0): the loss and its gradient are the weighted mean (empty: every row weighs 1)");
  public static final Setting<String> LABELS =
      text("data.labels", null, "")
          .doc(
              "csv, parquet, libsvm, classification: the labels in class order, comma-separated (empty: the training file's labels, sorted: as numbers if all are, else as text)");
  public static final Setting<Boolean> HEADER =
      flag("data.header", true)
          .doc("csv: the first line names the columns (false: they are _c0, _c1, ... as in Spark)");
  public static final Setting<String> DELIMITER =
      text(
              "data.delimiter",
              null,
              ",",
              Rule.checkedBy("one character", Settings::problemWithDelimiter))
          .doc("csv: the character between cells, or tab");
  public static final Setting<String> FEATURE_COLS =
      text("data.feature_cols", null, "")
          .doc(
              "csv, parquet: comma-separated numeric feature columns (empty: a vector column 'features' if there is one, else every other column)");
  public static final Setting<Integer> NUM_FEATURES =
      integer("data.num_features", null, 0, COUNT)
          .doc("libsvm: number of features (0: the largest index in the file)");
  public static final Setting<Integer> LIMIT =
      integer("data.limit", null, 0, COUNT)
          .doc("mnist: use only the first N training and test images (0: all)");
  public static final Setting<Integer> EXAMPLES =
      integer("data.examples", null, 2000, AT_LEAST_ONE).doc("generated sources: training rows");
  public static final Setting<Integer> TEST_EXAMPLES =
      integer("data.test_examples", null, 0, COUNT)
          .doc("generated sources: test rows (0: no test set)");
  public static final Setting<Long> DATA_SEED =
      seed("data.seed", null, 1L)
          .doc("seed of the generated rows (the test rows use seed + 1) and of the data's splits");
  public static final Setting<String> SCALE =
      text(
              "data.scale",
              null,
              "none",
              Rule.oneOf("feature scaling", Names.labels(FeatureScaling.class)))
          .doc(
              "feature scaling: none, or unit (divide by the largest absolute value of the training features; MNIST: pixels / 255)");
  public static final Setting<String> FEATURE_LAYOUT =
      text(
              "data.layout",
              "featureLayout",
              FeatureLayout.AUTO.label(),
              Rule.oneOf("feature layout", Names.labels(FeatureLayout.class)))
          .doc(
              "how the cached rows keep their features: auto (sparse when under "
                  + FeatureLayout.SPARSE_BELOW
                  + " of the first rows' features are non-zero), dense, or sparse (only the non-zeros: hashed text, one-hot columns, libsvm)");
  public static final Setting<Integer> PARTITIONS =
      integer("data.partitions", null, 0, COUNT)
          .doc("partitions of the training data (0: Spark's default parallelism)");
  public static final Setting<String> STORAGE_LEVEL =
      text(
              "data.storage_level",
              "storageLevel",
              "memory_and_disk",
              Rule.oneOf(
                  "storage level",
                  List.of(
                      "memory_and_disk",
                      "memory_and_disk_ser",
                      "memory_only",
                      "memory_only_ser",
                      "disk_only")))
          .doc(
              "where the executors keep the packed rows: memory_and_disk (the default: blocks that do not fit in storage memory are read back from local disk, not rebuilt from the source with a shuffle every step), memory_and_disk_ser, memory_only (rebuilt when evicted), memory_only_ser or disk_only; the model's bits are the same for each");
  public static final Setting<Integer> SHARDS =
      new Draft<>(
              "data.shards",
              "shards",
              Type.INTEGER,
              0,
              Rule.checkedBy(
                  "0, or a power of two in [1, " + Sharding.MAX_SHARDS + "]",
                  shards -> shards == 0 ? null : Sharding.problemWithShards(shards)))
          .doc(
              "virtual shards of the rows, fixed whatever the partitioning: a step takes batch_size / shards rows from each and adds their sums in a fixed tree, so any number of partitions, executors or cores trains the same bits; at most this many partitions work at once (0: the largest power of two that leaves each shard "
                  + Sharding.MIN_SHARE_ROWS
                  + " rows a step and the shards' sums at most 2^"
                  + Long.numberOfTrailingZeros(Sharding.MAX_SUMMED_ENTRIES)
                  + " entries, at most "
                  + Sharding.MAX_AUTOMATIC_SHARDS
                  + ")");
  public static final Setting<int[]> LAYERS =
      declare(
              "model.layers",
              "layers",
              Type.INTEGERS,
              new int[] {2, 8, 1},
              Rule.checkedBy("at least 2 layers, each >= 1", Topology::problemWithSizes))
          .doc("units per layer, input first and output last");
  public static final Setting<String> ACTIVATION =
      text("model.activation", "activation", "tanh", Rule.eachOf("activation", Activation.NAMES))
          .doc(
              "hidden activation: one for all hidden layers or one per hidden layer, comma-separated");
  public static final Setting<Double> LEAKY_SLOPE =
      real(
              "model.leaky_slope",
              "leakySlope",
              Activation.DEFAULT_LEAKY_SLOPE,
              Activation.LEAKY_SLOPE)
          .doc("slope of leaky_relu for z < 0");
  public static final Setting<String> OUTPUT =
      text("model.output", null, "sigmoid")
          .doc("output activation: softmax, sigmoid or identity (the estimators fix their own)");
  public static final Setting<String> LOSS =
      text("model.loss", null, "cross_entropy")
          .doc(
              "loss: cross_entropy (with softmax, or one sigmoid unit), binary_cross_entropy (sigmoid units, one per label: multi-label) or squared_error (with identity)");
  public static final Setting<String> INITIALIZER =
      text(
              "model.init",
              "initializer",
              Initializer.UNIFORM.label(),
              Rule.oneOf("initializer", Names.labels(Initializer.class)))
          .doc("initial weights: uniform (+-1/sqrt(fan_in)), glorot or he");
  public static final Setting<Double> RELU_BIAS =
      real("model.relu_bias", "reluBias", Initializer.DEFAULT_RECTIFIER_BIAS, Interval.FINITE)
          .doc("initial bias of relu and leaky_relu units");
  public static final Setting<double[]> DROPOUT =
      declare(
              "model.dropout",
              "dropout",
              Type.REALS,
              new double[] {0},
              Rule.checkedBy("rates " + Dropout.RATE, Dropout::problemWithRates))
          .doc(
              "inverted dropout while training: the probability of dropping each hidden unit, one for all hidden layers or one per hidden layer, comma-separated (0: off; prediction uses every unit)");
  public static final Setting<String> OPTIMIZER =
      text("train.optimizer", "optimizer", "sgd", Rule.oneOf("optimizer", Optimizers.NAMES))
          .doc(
              "optimiser: sgd (momentum), nesterov (Nesterov momentum), adam, or the layer-wise lamb (Adam with trust ratios) and lars (momentum SGD with trust ratios) for large batches");
  public static final Setting<Double> MOMENTUM =
      real("train.momentum", "momentum", 0.9, Optimizers.MOMENTUM)
          .doc("momentum of sgd, nesterov and lars");
  public static final Setting<Double> BETA1 =
      real("train.beta1", "beta1", Adam.DEFAULT_BETA1, Adam.BETA)
          .doc("adam, lamb: decay of the gradient average");
  public static final Setting<Double> BETA2 =
      real("train.beta2", "beta2", Adam.DEFAULT_BETA2, Adam.BETA)
          .doc("adam, lamb: decay of the squared-gradient average");
  public static final Setting<Double> EPSILON =
      real("train.epsilon", "epsilon", Adam.DEFAULT_EPSILON, Adam.EPSILON)
          .doc("adam, lamb: added to the root mean square");
  public static final Setting<Double> WEIGHT_DECAY =
      real("train.weight_decay", "weightDecay", 0.0, Optimizers.WEIGHT_DECAY)
          .doc(
              "decoupled weight decay (AdamW's, Loshchilov and Hutter): each step shrinks the weights, never the biases, by learning rate x this (0: none)");
  public static final Setting<Double> TRUST_COEFFICIENT =
      real("train.trust_coefficient", "trustCoefficient", 0.001, Optimizers.TRUST)
          .doc("lars: the trust coefficient eta of the layer-wise rate");
  public static final Setting<Double> LEARNING_RATE =
      real("train.learning_rate", "stepSize", 0.1, Interval.POSITIVE).doc("step size");
  public static final Setting<String> SCHEDULE =
      text(
              "train.schedule",
              "schedule",
              LearningRateSchedule.CONSTANT.label(),
              Rule.oneOf("learning-rate schedule", Names.labels(LearningRateSchedule.class)))
          .doc(
              "learning-rate schedule: constant, step (times train.decay_factor every train.decay_epochs) or cosine (anneals to 0 over the run)");
  public static final Setting<Double> DECAY_FACTOR =
      real("train.decay_factor", "decayFactor", 0.1, Schedule.DECAY_FACTOR)
          .doc("step schedule: factor of each drop");
  public static final Setting<Integer> DECAY_EPOCHS =
      integer("train.decay_epochs", "decayEpochs", 10, Schedule.DECAY_EPOCHS)
          .doc("step schedule: epochs between drops");
  public static final Setting<Integer> WARMUP_EPOCHS =
      integer("train.warmup_epochs", "warmupEpochs", 0, Schedule.WARMUP_EPOCHS)
          .doc("epochs of linear warm-up from lr / steps to lr (0: none)");
  public static final Setting<double[]> INITIAL_WEIGHTS =
      declare(
              null,
              "initialWeights",
              Type.REALS,
              new double[0],
              Rule.checkedBy("finite numbers", Settings::problemWithWeights))
          .doc(
              "the weights and biases to start from, flat in model.json's layout, as MLPC's initialWeights (empty: drawn by model.init; the command line's --init-from MODEL_DIR)");
  public static final Setting<Integer> BATCH_SIZE =
      integer("train.batch_size", "batchSize", 64, AT_LEAST_ONE)
          .doc("examples per synchronous step over all partitions");
  public static final Setting<Integer> EPOCHS =
      integer("train.epochs", "epochs", 10, AT_LEAST_ONE).doc("passes over the training data");
  public static final Setting<Long> SEED =
      seed("train.seed", "seed", 42L).doc("seed of the initial weights and of every minibatch");
  public static final Setting<Double> L1 =
      real("train.l1", "l1", 0.0, Regularization.STRENGTH)
          .doc("L1 penalty on weights (never biases)");
  public static final Setting<Double> L2 =
      real("train.l2", "l2", 0.0, Regularization.STRENGTH)
          .doc("L2 penalty on weights (never biases)");
  public static final Setting<Integer> EARLY_STOPPING_PATIENCE =
      integer("train.early_stopping_patience", "earlyStoppingPatience", 0, COUNT)
          .doc(
              "stop after this many epochs without a better validation loss, keeping the best epoch's weights (0: off; needs a validation set)");
  public static final Setting<Double> EARLY_STOPPING_MIN_DELTA =
      real("train.early_stopping_min_delta", "earlyStoppingMinDelta", 0.0, Interval.NON_NEGATIVE)
          .doc("smallest drop of the validation loss that counts as better");
  public static final Setting<Double> CLIP_NORM =
      real("train.clip_norm", "clipNorm", 0.0, Interval.NON_NEGATIVE)
          .doc(
              "rescale a step's gradient whose global L2 norm exceeds this to that norm (0: no clipping)");
  public static final Setting<Integer> CHECKPOINT_EVERY =
      integer("train.checkpoint_every", null, 0, COUNT)
          .doc(
              "write a checkpoint (weights, optimiser state, counters) into OUT/checkpoints every this many steps (0: never); --resume goes on from the newest");
  public static final Setting<Integer> RETRIES =
      integer("train.retries", null, 0, COUNT)
          .doc(
              "when a step fails for good (Spark's task retries exhausted), start again from the newest checkpoint up to this many times");
  public static final Setting<Integer> TREE_DEPTH =
      integer("train.tree_depth", "aggregationDepth", 2, AT_LEAST_ONE)
          .doc("depth of treeAggregate");
  public static final Setting<String> PRECISION =
      text(
              "train.precision",
              "precision",
              Precision.FLOAT64.label(),
              Rule.oneOf("precision", Names.labels(Precision.class)))
          .doc(
              "arithmetic of the gradient steps: float64, or float32 (float GEMMs, weights shipped and gradient summed in float; the driver's weights, optimiser and evaluation stay float64)");
  public static final Setting<Boolean> DIAGNOSTICS =
      flag("report.diagnostics", false)
          .doc(
              "true: per hidden layer and epoch, the fraction of saturated sigmoid/tanh outputs and of dead ReLUs (one extra forward pass per epoch)");
  public static final Setting<Boolean> PLOTS =
      flag("report.plots", true)
          .doc(
              "true: write PNG charts (curves, confusion matrix; decision boundary and hidden layer for 2-D data)");
  public static final Setting<String> OUTPUT_DIR =
      text("output.dir", null, "")
          .doc(
              "where the model, summary.json and metrics.jsonl go (empty: target/runs/ and the job file's name, or the data's)");

  /** Every setting, in the order of the docs' table. */
  public static final List<Setting<?>> ALL = List.copyOf(DECLARED);

  private Settings() {}

  private static String problemWithDelimiter(String delimiter) {
    return delimiter.equals(TAB) || delimiter.length() == 1
        ? null
        : "must be one character, or " + TAB;
  }

  private static String problemWithWeights(double[] weights) {
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isFinite(weights[i])) {
        return "must be finite numbers, but entry " + i + " is " + weights[i];
      }
    }
    return null;
  }

  /** The setting a job file calls {@code key}, or null. */
  public static Setting<?> byKey(String key) {
    return ALL.stream().filter(s -> key.equals(s.key())).findFirst().orElse(null);
  }

  /** Every job-file key, comma-separated. */
  public static String allKeys() {
    return String.join(", ", ALL.stream().filter(Setting::hasKey).map(Setting::key).toList());
  }

  private static Draft<Double> real(String key, String param, double value, Interval valid) {
    return new Draft<>(key, param, Type.REAL, value, Rule.in(valid));
  }

  private static Draft<Integer> integer(String key, String param, int value, Interval valid) {
    return new Draft<>(key, param, Type.INTEGER, value, Rule.in(valid));
  }

  private static Draft<Long> seed(String key, String param, long value) {
    return new Draft<>(key, param, Type.LONG, value, Rule.any());
  }

  private static Draft<Boolean> flag(String key, boolean value) {
    return new Draft<>(key, null, Type.BOOLEAN, value, Rule.any());
  }

  private static Draft<String> text(String key, String param, String value) {
    return new Draft<>(key, param, Type.TEXT, value, Rule.any());
  }

  private static Draft<String> text(String key, String param, String value, Rule<String> rule) {
    return new Draft<>(key, param, Type.TEXT, value, rule);
  }

  private static <T> Draft<T> declare(
      String key, String param, Type<T> type, T value, Rule<T> rule) {
    return new Draft<>(key, param, type, value, rule);
  }

  /** A declaration waiting for its doc; {@link #doc} completes and registers it. */
  private record Draft<T>(String key, String param, Type<T> type, T value, Rule<T> rule) {
    Setting<T> doc(String doc) {
      Setting<T> setting = new Setting<>(key, param, type, value, doc, rule);
      DECLARED.add(setting);
      return setting;
    }
  }
}
