package io.sparkmlp.cli;

import io.sparkmlp.data.MnistIdx;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Regularization;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.optim.LearningRateSchedule;
import io.sparkmlp.optim.Optimizer;
import io.sparkmlp.optim.Optimizers;
import io.sparkmlp.optim.Schedule;
import io.sparkmlp.train.EarlyStopping;
import io.sparkmlp.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A validated job: where the data comes from, how to train, where the outputs go.
 *
 * @param partitions 0 for Spark's default parallelism
 * @param validationFraction of the training rows held out for validation; 0 for none
 * @param validationSeed seeds the validation split
 * @param plots write PNG charts next to the summary
 * @param checkpointEvery steps between checkpoints; 0 for none
 * @param retries fresh attempts from the newest checkpoint after a step fails for good
 */
public record JobConfig(
    DataSpec data,
    FeatureScaling scaling,
    int partitions,
    double validationFraction,
    long validationSeed,
    TrainingConfig training,
    boolean plots,
    int checkpointEvery,
    int retries,
    Path outputDir) {

  /**
   * @throws ConfException naming the first key whose value is bad
   */
  public static JobConfig from(Settings settings) {
    DataSpec data = data(settings);
    Topology topology = topology(settings);
    if (data.features() != DataSpec.UNKNOWN && topology.inputs() != data.features()) {
      throw settings.bad(
          ConfKey.MODEL_LAYERS,
          "the input layer has "
              + topology.inputs()
              + " units but data source "
              + data.label()
              + " has "
              + data.features()
              + " features");
    }
    if (data.task() != null && topology.task() != data.task()) {
      throw settings.bad(
          ConfKey.MODEL_OUTPUT,
          "data source "
              + data.label()
              + " is a "
              + data.task().label()
              + " problem but "
              + topology.outputLoss().outputName()
              + " + "
              + topology.outputLoss().lossName()
              + " is for "
              + topology.task().label());
    }
    if (data.task() == Task.REGRESSION && topology.outputs() != 1) {
      throw settings.bad(
          ConfKey.MODEL_LAYERS,
          "the output layer has "
              + topology.outputs()
              + " units but data source "
              + data.label()
              + " has 1 target");
    }
    double validationFraction = validationFraction(settings, data);
    boolean hasValidation =
        validationFraction > 0 || data instanceof FileData file && !file.validationPath().isEmpty();
    return new JobConfig(
        data,
        parse(
            settings,
            ConfKey.DATA_SCALE,
            () -> FeatureScaling.byName(settings.string(ConfKey.DATA_SCALE))),
        settings.integer(ConfKey.DATA_PARTITIONS, 0),
        validationFraction,
        settings.longValue(ConfKey.DATA_SEED),
        training(settings, topology, hasValidation),
        settings.bool(ConfKey.REPORT_PLOTS),
        settings.integer(ConfKey.TRAIN_CHECKPOINT_EVERY, 0),
        settings.integer(ConfKey.TRAIN_RETRIES, 0),
        Path.of(settings.string(ConfKey.OUTPUT_DIR)));
  }

  private static double validationFraction(Settings settings, DataSpec data) {
    double fraction =
        settings.number(
            ConfKey.DATA_VALIDATION_FRACTION, f -> f >= 0 && f < 1, "must be in [0, 1)");
    if (fraction > 0 && data instanceof FileData file && !file.validationPath().isEmpty()) {
      throw settings.bad(
          ConfKey.DATA_VALIDATION_FRACTION,
          "give a validation fraction or " + ConfKey.DATA_VALIDATION_PATH.key() + ", not both");
    }
    return fraction;
  }

  private static DataSpec data(Settings settings) {
    String source = settings.string(ConfKey.DATA_SOURCE).trim().toLowerCase(Locale.ROOT);
    if (FileData.FORMATS.contains(source)) {
      return fileData(settings, source);
    }
    if (!settings.string(ConfKey.DATA_VALIDATION_PATH).isEmpty()) {
      throw settings.bad(
          ConfKey.DATA_VALIDATION_PATH,
          "only the file sources ("
              + String.join(", ", FileData.FORMATS)
              + ") read a validation file; use "
              + ConfKey.DATA_VALIDATION_FRACTION.key()
              + " for "
              + source);
    }
    if (!source.equals("mnist")) {
      SyntheticData kind =
          Arrays.stream(SyntheticData.values())
              .filter(data -> data.label().equals(source))
              .findFirst()
              .orElseThrow(
                  () ->
                      settings.bad(
                          ConfKey.DATA_SOURCE,
                          "unknown data source (valid: xor, rings, sine, mnist, "
                              + String.join(", ", FileData.FORMATS)
                              + ")"));
      return new DataSpec.Generated(
          kind,
          settings.integer(ConfKey.DATA_EXAMPLES, 1),
          settings.integer(ConfKey.DATA_TEST_EXAMPLES, 0),
          settings.longValue(ConfKey.DATA_SEED));
    }
    String path = settings.string(ConfKey.DATA_PATH);
    if (path.isEmpty()) {
      throw settings.bad(
          ConfKey.DATA_PATH, "data.source = mnist needs the directory of the IDX files");
    }
    Path dir = Path.of(path);
    Path images = MnistIdx.find(dir, MnistIdx.TRAIN_IMAGES);
    if (!Files.exists(images)) {
      throw settings.bad(
          ConfKey.DATA_PATH, "no " + MnistIdx.TRAIN_IMAGES + "[.gz] in that directory");
    }
    int features;
    try {
      features = MnistIdx.pixelsPerImage(images);
    } catch (IOException e) {
      throw settings.bad(ConfKey.DATA_PATH, "cannot read " + images + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw settings.bad(ConfKey.DATA_PATH, e.getMessage());
    }
    return new DataSpec.Mnist(dir, settings.integer(ConfKey.DATA_LIMIT, 0), features);
  }

  private static FileData fileData(Settings settings, String format) {
    String path = settings.string(ConfKey.DATA_PATH);
    if (path.isEmpty()) {
      throw settings.bad(ConfKey.DATA_PATH, "data.source = " + format + " needs the data file");
    }
    String featureCols = settings.string(ConfKey.DATA_FEATURE_COLS);
    return new FileData(
        format,
        path,
        settings.string(ConfKey.DATA_VALIDATION_PATH),
        settings.string(ConfKey.DATA_TEST_PATH),
        settings.number(ConfKey.DATA_TEST_FRACTION, f -> f >= 0 && f < 1, "must be in [0, 1)"),
        settings.longValue(ConfKey.DATA_SEED),
        settings.string(ConfKey.DATA_LABEL_COL),
        featureCols.isEmpty() ? List.of() : settings.list(ConfKey.DATA_FEATURE_COLS),
        settings.integer(ConfKey.DATA_NUM_FEATURES, 0));
  }

  private static Topology topology(Settings settings) {
    List<String> layerText = settings.list(ConfKey.MODEL_LAYERS);
    int[] sizes = new int[layerText.size()];
    for (int l = 0; l < sizes.length; l++) {
      try {
        sizes[l] = Integer.parseInt(layerText.get(l));
      } catch (NumberFormatException e) {
        throw settings.bad(ConfKey.MODEL_LAYERS, "'" + layerText.get(l) + "' is not a layer size");
      }
    }
    double leakySlope =
        settings.number(ConfKey.MODEL_LEAKY_SLOPE, s -> s >= 0 && s < 1, "must be in [0, 1)");
    List<String> names = settings.list(ConfKey.MODEL_ACTIVATION);
    int hiddenLayers = Math.max(0, sizes.length - 2);
    if (names.size() != 1 && names.size() != hiddenLayers) {
      throw settings.bad(
          ConfKey.MODEL_ACTIVATION,
          "give one activation for all hidden layers or one per hidden layer ("
              + hiddenLayers
              + ")");
    }
    List<Activation> hidden = new ArrayList<>();
    for (int l = 0; l < hiddenLayers; l++) {
      String name = names.get(names.size() == 1 ? 0 : l);
      hidden.add(
          parse(settings, ConfKey.MODEL_ACTIVATION, () -> Activation.byName(name, leakySlope)));
    }
    OutputLoss outputLoss =
        parse(
            settings,
            ConfKey.MODEL_OUTPUT,
            () ->
                OutputLoss.of(
                    settings.string(ConfKey.MODEL_OUTPUT), settings.string(ConfKey.MODEL_LOSS)));
    return parse(settings, ConfKey.MODEL_LAYERS, () -> new Topology(sizes, hidden, outputLoss));
  }

  private static TrainingConfig training(
      Settings settings, Topology topology, boolean hasValidation) {
    int patience = settings.integer(ConfKey.TRAIN_EARLY_STOPPING_PATIENCE, 0);
    if (patience > 0 && !hasValidation) {
      throw settings.bad(
          ConfKey.TRAIN_EARLY_STOPPING_PATIENCE,
          "early stopping watches the validation loss: set "
              + ConfKey.DATA_VALIDATION_FRACTION.key()
              + " or "
              + ConfKey.DATA_VALIDATION_PATH.key());
    }
    Optimizer optimizer =
        parse(
            settings,
            ConfKey.TRAIN_OPTIMIZER,
            () ->
                Optimizers.create(
                    settings.string(ConfKey.TRAIN_OPTIMIZER),
                    settings.number(
                        ConfKey.TRAIN_MOMENTUM, m -> m >= 0 && m < 1, "must be in [0, 1)"),
                    settings.number(ConfKey.TRAIN_BETA1, b -> b >= 0 && b < 1, "must be in [0, 1)"),
                    settings.number(ConfKey.TRAIN_BETA2, b -> b >= 0 && b < 1, "must be in [0, 1)"),
                    settings.number(ConfKey.TRAIN_EPSILON, e -> e > 0, "must be > 0")));
    return new TrainingConfig(
        topology,
        parse(
            settings,
            ConfKey.MODEL_INIT,
            () -> Initializer.byName(settings.string(ConfKey.MODEL_INIT))),
        settings.number(ConfKey.MODEL_RELU_BIAS, b -> true, "must be a finite number"),
        new Regularization(
            settings.number(ConfKey.TRAIN_L1, v -> v >= 0, "must be >= 0"),
            settings.number(ConfKey.TRAIN_L2, v -> v >= 0, "must be >= 0")),
        optimizer,
        settings.number(ConfKey.TRAIN_LEARNING_RATE, r -> r > 0, "must be > 0"),
        new Schedule(
            parse(
                settings,
                ConfKey.TRAIN_SCHEDULE,
                () -> LearningRateSchedule.byName(settings.string(ConfKey.TRAIN_SCHEDULE))),
            settings.number(ConfKey.TRAIN_DECAY_FACTOR, f -> f > 0 && f <= 1, "must be in (0, 1]"),
            settings.integer(ConfKey.TRAIN_DECAY_EPOCHS, 1),
            settings.integer(ConfKey.TRAIN_WARMUP_EPOCHS, 0)),
        settings.integer(ConfKey.TRAIN_BATCH_SIZE, 1),
        settings.integer(ConfKey.TRAIN_EPOCHS, 1),
        settings.longValue(ConfKey.TRAIN_SEED),
        settings.integer(ConfKey.TRAIN_TREE_DEPTH, 1),
        new EarlyStopping(
            patience,
            settings.number(ConfKey.TRAIN_EARLY_STOPPING_MIN_DELTA, d -> d >= 0, "must be >= 0")),
        settings.number(ConfKey.TRAIN_CLIP_NORM, c -> c >= 0, "must be >= 0"),
        settings.bool(ConfKey.REPORT_DIAGNOSTICS),
        parse(
            settings,
            ConfKey.TRAIN_PRECISION,
            () -> Precision.byName(settings.string(ConfKey.TRAIN_PRECISION))));
  }

  /** Runs a parser from a lower layer and names the key if it rejects the value. */
  private static <T> T parse(Settings settings, ConfKey key, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw settings.bad(key, e.getMessage());
    }
  }
}
