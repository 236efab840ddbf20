package io.sparkmlp.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every key a job file or a command-line override may set, with its default and meaning. */
public enum ConfKey {
  DATA_SOURCE(
      "data.source",
      "xor",
      "dataset: xor, rings (2-D two-class toys), sine (1-D regression), mnist (IDX files), libsvm, csv or parquet (files read by Spark)"),
  DATA_PATH(
      "data.path",
      "",
      "the data: a file or directory for libsvm, csv and parquet; the directory of the IDX files for mnist"),
  DATA_TEST_PATH("data.test_path", "", "libsvm, csv, parquet: a separate test set (empty: none)"),
  DATA_TEST_FRACTION(
      "data.test_fraction",
      "0",
      "libsvm, csv, parquet: hold out this fraction of the rows as the test set, seeded by data.seed"),
  DATA_VALIDATION_FRACTION(
      "data.validation_fraction",
      "0",
      "hold out this fraction of the training rows as the validation set, seeded by data.seed (any source)"),
  DATA_VALIDATION_PATH(
      "data.validation_path", "", "libsvm, csv, parquet: a separate validation set (empty: none)"),
  DATA_LABEL_COL("data.label_col", "label", "csv, parquet: the label column"),
  DATA_FEATURE_COLS(
      "data.feature_cols",
      "",
      "csv, parquet: comma-separated numeric feature columns (empty: a vector column 'features' if there is one, else every other column)"),
  DATA_NUM_FEATURES(
      "data.num_features", "0", "libsvm: number of features (0: the largest index in the file)"),
  DATA_LIMIT("data.limit", "0", "mnist: use only the first N training and test images (0: all)"),
  DATA_EXAMPLES("data.examples", "2000", "generated sources: training rows"),
  DATA_TEST_EXAMPLES("data.test_examples", "0", "generated sources: test rows (0: no test set)"),
  DATA_SEED("data.seed", "1", "generated sources: seed of the rows (the test rows use seed + 1)"),
  DATA_SCALE(
      "data.scale",
      "none",
      "feature scaling: none, or unit (divide by the largest |x| of the training features; MNIST: pixels / 255)"),
  DATA_PARTITIONS(
      "data.partitions", "0", "partitions of the training data (0: Spark's default parallelism)"),
  MODEL_LAYERS("model.layers", "2,8,1", "units per layer, input first and output last"),
  MODEL_ACTIVATION(
      "model.activation",
      "tanh",
      "hidden activation: sigmoid, tanh, relu, leaky_relu, abs, identity; one for all or one per hidden layer"),
  MODEL_LEAKY_SLOPE("model.leaky_slope", "0.01", "slope of leaky_relu for z < 0"),
  MODEL_OUTPUT("model.output", "sigmoid", "output activation: softmax, sigmoid or identity"),
  MODEL_LOSS(
      "model.loss",
      "cross_entropy",
      "loss: cross_entropy (with softmax or sigmoid) or squared_error (with identity)"),
  MODEL_INIT("model.init", "uniform", "initial weights: uniform (+-1/sqrt(fan_in)), glorot or he"),
  MODEL_RELU_BIAS("model.relu_bias", "0.01", "initial bias of relu and leaky_relu units"),
  TRAIN_OPTIMIZER(
      "train.optimizer", "sgd", "optimiser: sgd (momentum), nesterov (Nesterov momentum) or adam"),
  TRAIN_MOMENTUM("train.momentum", "0.9", "momentum of sgd and nesterov, in [0, 1)"),
  TRAIN_BETA1("train.beta1", "0.9", "adam: decay of the gradient average, in [0, 1)"),
  TRAIN_BETA2("train.beta2", "0.999", "adam: decay of the squared-gradient average, in [0, 1)"),
  TRAIN_EPSILON("train.epsilon", "1e-8", "adam: added to the root mean square, > 0"),
  TRAIN_LEARNING_RATE("train.learning_rate", "0.1", "step size, > 0"),
  TRAIN_SCHEDULE(
      "train.schedule",
      "constant",
      "learning-rate schedule: constant, step (times train.decay_factor every train.decay_epochs) or cosine (anneals to 0 over the run)"),
  TRAIN_DECAY_FACTOR("train.decay_factor", "0.1", "step schedule: factor of each drop, in (0, 1]"),
  TRAIN_DECAY_EPOCHS("train.decay_epochs", "10", "step schedule: epochs between drops, >= 1"),
  TRAIN_WARMUP_EPOCHS(
      "train.warmup_epochs", "0", "epochs of linear warm-up from lr / steps to lr (0: none)"),
  TRAIN_BATCH_SIZE("train.batch_size", "64", "examples per synchronous step over all partitions"),
  TRAIN_EPOCHS("train.epochs", "10", "passes over the training data"),
  TRAIN_SEED("train.seed", "42", "seed of the initial weights and of every minibatch"),
  TRAIN_L1("train.l1", "0", "L1 penalty on weights (never biases), >= 0"),
  TRAIN_L2("train.l2", "0", "L2 penalty on weights (never biases), >= 0"),
  TRAIN_EARLY_STOPPING_PATIENCE(
      "train.early_stopping_patience",
      "0",
      "stop after this many epochs without a better validation loss, keeping the best epoch's weights (0: off; needs a validation set)"),
  TRAIN_EARLY_STOPPING_MIN_DELTA(
      "train.early_stopping_min_delta",
      "0",
      "smallest drop of the validation loss that counts as better, >= 0"),
  TRAIN_CLIP_NORM(
      "train.clip_norm",
      "0",
      "rescale a step's gradient whose global L2 norm exceeds this to that norm (0: no clipping)"),
  TRAIN_CHECKPOINT_EVERY(
      "train.checkpoint_every",
      "0",
      "write a checkpoint (weights, optimiser state, counters) into OUT/checkpoints every this many steps (0: never); --resume goes on from the newest"),
  TRAIN_RETRIES(
      "train.retries",
      "0",
      "when a step fails for good (Spark's task retries exhausted), start again from the newest checkpoint up to this many times"),
  TRAIN_TREE_DEPTH("train.tree_depth", "2", "depth of treeAggregate, >= 1"),
  TRAIN_PRECISION(
      "train.precision",
      "float64",
      "arithmetic of the gradient steps: float64, or float32 (float GEMMs, weights shipped and gradient summed in float; the driver's weights, optimiser and evaluation stay float64)"),
  REPORT_DIAGNOSTICS(
      "report.diagnostics",
      "false",
      "true: per hidden layer and epoch, the fraction of saturated sigmoid/tanh outputs and of dead ReLUs (one extra forward pass per epoch)"),
  REPORT_PLOTS(
      "report.plots",
      "true",
      "true: write PNG charts (curves, confusion matrix; decision boundary and hidden layer for 2-D data)"),
  OUTPUT_DIR("output.dir", "target/runs/job", "where the model, summary.json and metrics.jsonl go");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfKey(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public static Optional<ConfKey> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  public static String allKeys() {
    return Arrays.stream(values()).map(ConfKey::key).collect(Collectors.joining(", "));
  }
}
