package io.sparkmlp.settings;

import io.sparkmlp.data.FeatureScaling;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Activation;
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
      key(
          "data.source",
          Type.TEXT,
          "xor",
          "dataset: xor, rings (2-D two-class toys), sine (1-D regression), mnist (IDX files),"
              + " libsvm, csv or parquet (files read by Spark)",
          Rule.oneOf("data source", DATA_SOURCES));
  public static final Setting<String> DATA_PATH =
      key(
          "data.path",
          Type.TEXT,
          "",
          "the data: a file or directory for libsvm, csv and parquet; the directory of the IDX"
              + " files for mnist",
          Rule.any());
  public static final Setting<String> TEST_PATH =
      key(
          "data.test_path",
          Type.TEXT,
          "",
          "libsvm, csv, parquet: a separate test set (empty: none)",
          Rule.any());
  public static final Setting<Double> TEST_FRACTION =
      key(
          "data.test_fraction",
          Type.REAL,
          0.0,
          "libsvm, csv, parquet: hold out this fraction of the rows as the test set, seeded by"
              + " data.seed",
          Rule.in(Interval.UNIT_OPEN));
  public static final Setting<Double> VALIDATION_FRACTION =
      declare(
          "data.validation_fraction",
          "validationFraction",
          Type.REAL,
          0.0,
          "hold out this fraction of the training rows, by a seeded split (data.seed; the Param"
              + " seed), to validate after every epoch (0: none)",
          Rule.in(Interval.UNIT_OPEN));
  public static final Setting<String> VALIDATION_PATH =
      key(
          "data.validation_path",
          Type.TEXT,
          "",
          "libsvm, csv, parquet: a separate validation set (empty: none)",
          Rule.any());
  public static final Setting<String> VALIDATION_INDICATOR_COL =
      declare(
          null,
          "validationIndicatorCol",
          Type.TEXT,
          "",
          "boolean column that is true for validation rows and false for training rows, as in"
              + " Spark's GBT estimators (empty: none)",
          Rule.any());
  public static final Setting<String> LABEL_COL =
      key("data.label_col", Type.TEXT, "label", "csv, parquet: the label column", Rule.any());
  public static final Setting<String> FEATURE_COLS =
      key(
          "data.feature_cols",
          Type.TEXT,
          "",
          "csv, parquet: comma-separated numeric feature columns (empty: a vector column"
              + " 'features' if there is one, else every other column)",
          Rule.any());
  public static final Setting<Integer> NUM_FEATURES =
      key(
          "data.num_features",
          Type.INTEGER,
          0,
          "libsvm: number of features (0: the largest index in the file)",
          Rule.in(COUNT));
  public static final Setting<Integer> LIMIT =
      key(
          "data.limit",
          Type.INTEGER,
          0,
          "mnist: use only the first N training and test images (0: all)",
          Rule.in(COUNT));
  public static final Setting<Integer> EXAMPLES =
      key(
          "data.examples",
          Type.INTEGER,
          2000,
          "generated sources: training rows",
          Rule.in(AT_LEAST_ONE));
  public static final Setting<Integer> TEST_EXAMPLES =
      key(
          "data.test_examples",
          Type.INTEGER,
          0,
          "generated sources: test rows (0: no test set)",
          Rule.in(COUNT));
  public static final Setting<Long> DATA_SEED =
      key(
          "data.seed",
          Type.LONG,
          1L,
          "seed of the generated rows (the test rows use seed + 1) and of the data's splits",
          Rule.any());
  public static final Setting<String> SCALE =
      key(
          "data.scale",
          Type.TEXT,
          "none",
          "feature scaling: none, or unit (divide by the largest absolute value of the training"
              + " features; MNIST: pixels / 255)",
          Rule.oneOf("feature scaling", Names.labels(FeatureScaling.class)));
  public static final Setting<Integer> PARTITIONS =
      key(
          "data.partitions",
          Type.INTEGER,
          0,
          "partitions of the training data (0: Spark's default parallelism)",
          Rule.in(COUNT));

  public static final Setting<int[]> LAYERS =
      declare(
          "model.layers",
          "layers",
          Type.INTEGERS,
          new int[] {2, 8, 1},
          "units per layer, input first and output last",
          Rule.checkedBy("at least 2 layers, each >= 1", Topology::problemWithSizes));
  public static final Setting<String> ACTIVATION =
      declare(
          "model.activation",
          "activation",
          Type.TEXT,
          "tanh",
          "hidden activation: one for all hidden layers or one per hidden layer, comma-separated",
          Rule.eachOf("activation", Activation.NAMES));
  public static final Setting<Double> LEAKY_SLOPE =
      declare(
          "model.leaky_slope",
          "leakySlope",
          Type.REAL,
          Activation.DEFAULT_LEAKY_SLOPE,
          "slope of leaky_relu for z < 0",
          Rule.in(Activation.LEAKY_SLOPE));
  public static final Setting<String> OUTPUT =
      key(
          "model.output",
          Type.TEXT,
          "sigmoid",
          "output activation: softmax, sigmoid or identity (the estimators fix their own)",
          Rule.any());
  public static final Setting<String> LOSS =
      key(
          "model.loss",
          Type.TEXT,
          "cross_entropy",
          "loss: cross_entropy (with softmax or sigmoid) or squared_error (with identity)",
          Rule.any());
  public static final Setting<String> INITIALIZER =
      declare(
          "model.init",
          "initializer",
          Type.TEXT,
          Initializer.UNIFORM.label(),
          "initial weights: uniform (+-1/sqrt(fan_in)), glorot or he",
          Rule.oneOf("initializer", Names.labels(Initializer.class)));
  public static final Setting<Double> RELU_BIAS =
      declare(
          "model.relu_bias",
          "reluBias",
          Type.REAL,
          Initializer.DEFAULT_RECTIFIER_BIAS,
          "initial bias of relu and leaky_relu units",
          Rule.in(Interval.FINITE));

  public static final Setting<String> OPTIMIZER =
      declare(
          "train.optimizer",
          "optimizer",
          Type.TEXT,
          "sgd",
          "optimiser: sgd (momentum), nesterov (Nesterov momentum) or adam",
          Rule.oneOf("optimizer", Optimizers.NAMES));
  public static final Setting<Double> MOMENTUM =
      declare(
          "train.momentum",
          "momentum",
          Type.REAL,
          0.9,
          "momentum of sgd and nesterov",
          Rule.in(Optimizers.MOMENTUM));
  public static final Setting<Double> BETA1 =
      declare(
          "train.beta1",
          "beta1",
          Type.REAL,
          Adam.DEFAULT_BETA1,
          "adam: decay of the gradient average",
          Rule.in(Adam.BETA));
  public static final Setting<Double> BETA2 =
      declare(
          "train.beta2",
          "beta2",
          Type.REAL,
          Adam.DEFAULT_BETA2,
          "adam: decay of the squared-gradient average",
          Rule.in(Adam.BETA));
  public static final Setting<Double> EPSILON =
      declare(
          "train.epsilon",
          "epsilon",
          Type.REAL,
          Adam.DEFAULT_EPSILON,
          "adam: added to the root mean square",
          Rule.in(Adam.EPSILON));
  public static final Setting<Double> LEARNING_RATE =
      declare(
          "train.learning_rate",
          "stepSize",
          Type.REAL,
          0.1,
          "step size",
          Rule.in(Interval.POSITIVE));
  public static final Setting<String> SCHEDULE =
      declare(
          "train.schedule",
          "schedule",
          Type.TEXT,
          LearningRateSchedule.CONSTANT.label(),
          "learning-rate schedule: constant, step (times train.decay_factor every"
              + " train.decay_epochs) or cosine (anneals to 0 over the run)",
          Rule.oneOf("learning-rate schedule", Names.labels(LearningRateSchedule.class)));
  public static final Setting<Double> DECAY_FACTOR =
      declare(
          "train.decay_factor",
          "decayFactor",
          Type.REAL,
          0.1,
          "step schedule: factor of each drop",
          Rule.in(Schedule.DECAY_FACTOR));
  public static final Setting<Integer> DECAY_EPOCHS =
      declare(
          "train.decay_epochs",
          "decayEpochs",
          Type.INTEGER,
          10,
          "step schedule: epochs between drops",
          Rule.in(Schedule.DECAY_EPOCHS));
  public static final Setting<Integer> WARMUP_EPOCHS =
      declare(
          "train.warmup_epochs",
          "warmupEpochs",
          Type.INTEGER,
          0,
          "epochs of linear warm-up from lr / steps to lr (0: none)",
          Rule.in(Schedule.WARMUP_EPOCHS));
  public static final Setting<Integer> BATCH_SIZE =
      declare(
          "train.batch_size",
          "batchSize",
          Type.INTEGER,
          64,
          "examples per synchronous step over all partitions",
          Rule.in(AT_LEAST_ONE));
  public static final Setting<Integer> EPOCHS =
      declare(
          "train.epochs",
          "epochs",
          Type.INTEGER,
          10,
          "passes over the training data",
          Rule.in(AT_LEAST_ONE));
  public static final Setting<Long> SEED =
      declare(
          "train.seed",
          "seed",
          Type.LONG,
          42L,
          "seed of the initial weights and of every minibatch",
          Rule.any());
  public static final Setting<Double> L1 =
      declare(
          "train.l1",
          "l1",
          Type.REAL,
          0.0,
          "L1 penalty on weights (never biases)",
          Rule.in(Regularization.STRENGTH));
  public static final Setting<Double> L2 =
      declare(
          "train.l2",
          "l2",
          Type.REAL,
          0.0,
          "L2 penalty on weights (never biases)",
          Rule.in(Regularization.STRENGTH));
  public static final Setting<Integer> EARLY_STOPPING_PATIENCE =
      declare(
          "train.early_stopping_patience",
          "earlyStoppingPatience",
          Type.INTEGER,
          0,
          "stop after this many epochs without a better validation loss, keeping the best"
              + " epoch's weights (0: off; needs a validation set)",
          Rule.in(COUNT));
  public static final Setting<Double> EARLY_STOPPING_MIN_DELTA =
      declare(
          "train.early_stopping_min_delta",
          "earlyStoppingMinDelta",
          Type.REAL,
          0.0,
          "smallest drop of the validation loss that counts as better",
          Rule.in(Interval.NON_NEGATIVE));
  public static final Setting<Double> CLIP_NORM =
      declare(
          "train.clip_norm",
          "clipNorm",
          Type.REAL,
          0.0,
          "rescale a step's gradient whose global L2 norm exceeds this to that norm (0: no"
              + " clipping)",
          Rule.in(Interval.NON_NEGATIVE));
  public static final Setting<Integer> CHECKPOINT_EVERY =
      key(
          "train.checkpoint_every",
          Type.INTEGER,
          0,
          "write a checkpoint (weights, optimiser state, counters) into OUT/checkpoints every"
              + " this many steps (0: never); --resume goes on from the newest",
          Rule.in(COUNT));
  public static final Setting<Integer> RETRIES =
      key(
          "train.retries",
          Type.INTEGER,
          0,
          "when a step fails for good (Spark's task retries exhausted), start again from the"
              + " newest checkpoint up to this many times",
          Rule.in(COUNT));
  public static final Setting<Integer> TREE_DEPTH =
      declare(
          "train.tree_depth",
          "aggregationDepth",
          Type.INTEGER,
          2,
          "depth of treeAggregate",
          Rule.in(AT_LEAST_ONE));
  public static final Setting<String> PRECISION =
      declare(
          "train.precision",
          "precision",
          Type.TEXT,
          Precision.FLOAT64.label(),
          "arithmetic of the gradient steps: float64, or float32 (float GEMMs, weights shipped"
              + " and gradient summed in float; the driver's weights, optimiser and evaluation"
              + " stay float64)",
          Rule.oneOf("precision", Names.labels(Precision.class)));

  public static final Setting<Boolean> DIAGNOSTICS =
      key(
          "report.diagnostics",
          Type.BOOLEAN,
          false,
          "true: per hidden layer and epoch, the fraction of saturated sigmoid/tanh outputs and"
              + " of dead ReLUs (one extra forward pass per epoch)",
          Rule.any());
  public static final Setting<Boolean> PLOTS =
      key(
          "report.plots",
          Type.BOOLEAN,
          true,
          "true: write PNG charts (curves, confusion matrix; decision boundary and hidden layer"
              + " for 2-D data)",
          Rule.any());
  public static final Setting<String> OUTPUT_DIR =
      key(
          "output.dir",
          Type.TEXT,
          "target/runs/job",
          "where the model, summary.json and metrics.jsonl go",
          Rule.any());

  /** Every setting, in the order of the docs' table. */
  public static final List<Setting<?>> ALL = List.copyOf(DECLARED);

  private Settings() {}

  /** The setting a job file calls {@code key}, or null. */
  public static Setting<?> byKey(String key) {
    return ALL.stream().filter(s -> key.equals(s.key())).findFirst().orElse(null);
  }

  /** Every job-file key, comma-separated. */
  public static String allKeys() {
    return String.join(", ", ALL.stream().filter(Setting::hasKey).map(Setting::key).toList());
  }

  private static <T> Setting<T> key(String key, Type<T> type, T value, String doc, Rule<T> rule) {
    return declare(key, null, type, value, doc, rule);
  }

  private static <T> Setting<T> declare(
      String key, String param, Type<T> type, T value, String doc, Rule<T> rule) {
    Setting<T> setting = new Setting<>(key, param, type, value, doc, rule);
    DECLARED.add(setting);
    return setting;
  }
}
