package io.sparkmlp.train;

import io.sparkmlp.data.FeatureLayout;
import io.sparkmlp.data.Sharding;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Dropout;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Regularization;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.optim.LearningRateSchedule;
import io.sparkmlp.optim.Optimizer;
import io.sparkmlp.optim.Optimizers;
import io.sparkmlp.optim.Schedule;
import io.sparkmlp.settings.Setting;
import io.sparkmlp.settings.SettingValues;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.settings.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.storage.StorageLevel;

/**
 * Everything the trainer needs besides the data: the network and the value of every {@link Settings
 * setting}, read by name ({@code config.get(Settings.BATCH_SIZE)}), with the objects they make
 * (optimiser, schedule, penalty, early stopping) built here, once each. Immutable: {@link #with}
 * returns a changed copy.
 */
public final class TrainingConfig {
  /**
   * Settings left out of a run's fingerprint: those that do not change the weights it computes,
   * those the network itself describes, and the initial weights, which only the first step reads (a
   * checkpoint holds what followed).
   */
  private static final Set<Setting<?>> NOT_IN_FINGERPRINT =
      Set.of(
          Settings.LAYERS,
          Settings.ACTIVATION,
          Settings.LEAKY_SLOPE,
          Settings.OUTPUT,
          Settings.LOSS,
          Settings.OUTPUT_DIR,
          Settings.PLOTS,
          Settings.DIAGNOSTICS,
          Settings.CHECKPOINT_EVERY,
          Settings.RETRIES,
          Settings.PARTITIONS,
          Settings.VALIDATION_INDICATOR_COL,
          Settings.INITIAL_WEIGHTS);

  private final Topology topology;
  private final Map<Setting<?>, Object> values;

  private TrainingConfig(Topology topology, Map<Setting<?>, Object> values) {
    this.topology = topology;
    this.values = values;
  }

  /** The network and settings of a face (a job file, an estimator's Params). */
  public static TrainingConfig of(Topology topology, SettingValues settings) {
    Map<Setting<?>, Object> values = new HashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      values.put(setting, settings.get(setting));
    }
    TrainingConfig config = new TrainingConfig(topology, values);
    try {
      config.dropout();
    } catch (IllegalArgumentException e) {
      throw settings.bad(Settings.DROPOUT, e.getMessage());
    }
    return config;
  }

  /** The network with every setting at its default. */
  public static TrainingConfig defaults(Topology topology) {
    Map<Setting<?>, Object> values = new HashMap<>();
    Settings.ALL.forEach(setting -> values.put(setting, setting.defaultValue()));
    return new TrainingConfig(topology, values);
  }

  /**
   * The network the settings describe: {@code model.layers}, one hidden activation for all hidden
   * layers or one each ({@code model.activation}), and {@code outputLoss}.
   *
   * @throws RuntimeException from {@link SettingValues#bad}, naming the setting at fault
   */
  public static Topology topology(SettingValues settings, OutputLoss outputLoss) {
    int[] sizes = settings.get(Settings.LAYERS);
    double slope = settings.get(Settings.LEAKY_SLOPE);
    List<String> names = Type.items(settings.get(Settings.ACTIVATION));
    int hiddenLayers = Math.max(0, sizes.length - 2);
    if (names.size() != 1 && names.size() != hiddenLayers) {
      throw settings.bad(
          Settings.ACTIVATION,
          "give one activation for all hidden layers or one per hidden layer (%s)"
              .formatted(hiddenLayers));
    }
    List<Activation> hidden = new ArrayList<>();
    for (int l = 0; l < hiddenLayers; l++) {
      hidden.add(Activation.byName(names.get(names.size() == 1 ? 0 : l), slope));
    }
    try {
      return new Topology(sizes, hidden, outputLoss);
    } catch (IllegalArgumentException e) {
      throw settings.bad(Settings.LAYERS, e.getMessage());
    }
  }

  /** The output layer and loss that {@code model.output} and {@code model.loss} name. */
  public static OutputLoss outputLoss(SettingValues settings) {
    try {
      return OutputLoss.of(settings.get(Settings.OUTPUT), settings.get(Settings.LOSS));
    } catch (IllegalArgumentException e) {
      throw settings.bad(Settings.OUTPUT, e.getMessage());
    }
  }

  public Topology topology() {
    return topology;
  }

  @SuppressWarnings("unchecked") // values holds each setting's own type: see of and with
  public <T> T get(Setting<T> setting) {
    return (T) values.get(setting);
  }

  /**
   * This configuration with {@code setting} at {@code value}.
   *
   * @throws IllegalArgumentException if the setting's rule refuses the value
   */
  public <T> TrainingConfig with(Setting<T> setting, T value) {
    Map<Setting<?>, Object> changed = new HashMap<>(values);
    changed.put(setting, setting.require(value));
    return new TrainingConfig(topology, changed);
  }

  public Precision precision() {
    return Precision.byName(get(Settings.PRECISION));
  }

  public FeatureLayout featureLayout() {
    return FeatureLayout.byName(get(Settings.FEATURE_LAYOUT));
  }

  /** Where the executors keep the packed rows. */
  public StorageLevel storageLevel() {
    return StorageLevel.fromString(get(Settings.STORAGE_LEVEL).trim().toUpperCase(Locale.ROOT));
  }

  /** This run's shards (data.shards, or as many as its batch size calls for) over partitions. */
  public Sharding sharding(int partitions) {
    int shards = get(Settings.SHARDS);
    return new Sharding(
        shards > 0
            ? shards
            : Sharding.automatic(get(Settings.BATCH_SIZE), topology.parameterCount()),
        partitions,
        get(Settings.TREE_DEPTH));
  }

  public Initializer initializer() {
    return Initializer.byName(get(Settings.INITIALIZER));
  }

  /**
   * The weights a run starts from: the given initial weights, else drawn by the initializer.
   *
   * @throws IllegalArgumentException if the given ones are not one per parameter
   */
  public double[] initialParameters() {
    double[] given = get(Settings.INITIAL_WEIGHTS);
    if (given.length == 0) {
      return initializer().initialize(topology, get(Settings.SEED), get(Settings.RELU_BIAS));
    }
    if (given.length != topology.parameterCount()) {
      throw new IllegalArgumentException(
          "%s: %d values, but the network %s has %d parameters"
              .formatted(
                  Settings.INITIAL_WEIGHTS, given.length, topology, topology.parameterCount()));
    }
    return given.clone();
  }

  /**
   * Dropout of the hidden layers, its masks drawn from the run's seed.
   *
   * @throws IllegalArgumentException if the rates are neither one nor one per hidden layer
   */
  public Dropout dropout() {
    return Dropout.of(get(Settings.DROPOUT), topology.layerCount() - 1, get(Settings.SEED));
  }

  public Regularization regularization() {
    return new Regularization(get(Settings.L1), get(Settings.L2));
  }

  /** A fresh optimiser of the chosen kind and settings, without state. */
  public Optimizer optimizer() {
    return Optimizers.create(
        get(Settings.OPTIMIZER),
        get(Settings.MOMENTUM),
        get(Settings.BETA1),
        get(Settings.BETA2),
        get(Settings.EPSILON),
        get(Settings.WEIGHT_DECAY),
        get(Settings.TRUST_COEFFICIENT),
        topology);
  }

  public Schedule schedule() {
    return new Schedule(
        LearningRateSchedule.byName(get(Settings.SCHEDULE)),
        get(Settings.DECAY_FACTOR),
        get(Settings.DECAY_EPOCHS),
        get(Settings.WARMUP_EPOCHS));
  }

  public EarlyStopping earlyStopping() {
    return new EarlyStopping(
        get(Settings.EARLY_STOPPING_PATIENCE), get(Settings.EARLY_STOPPING_MIN_DELTA));
  }

  /**
   * Everything that fixes the course of a run on {@code rows} rows in {@code partitions}
   * partitions: a checkpoint only resumes a run with the same fingerprint. One "name = value" entry
   * per setting, separated by " | ".
   */
  public String fingerprint(long rows) {
    List<String> entries = new ArrayList<>();
    entries.add("network = " + topology);
    for (Setting<?> setting : Settings.ALL) {
      if (!NOT_IN_FINGERPRINT.contains(setting)) {
        entries.add(setting + " = " + text(setting));
      }
    }
    entries.add("rows = " + rows);
    return entries.stream().collect(Collectors.joining(" | "));
  }

  /**
   * The entries in which two fingerprints differ, e.g. "train.learning_rate = 0.1 there, 0.2 here".
   * A setting that a fingerprint from before it existed lacks is the same if it is at its default
   * here, which is what that run did.
   */
  public static String differences(String there, String here) {
    Map<String, String> theirs = entries(there);
    Map<String, String> ours = entries(here);
    Map<String, String> defaults = new HashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      defaults.put(setting.toString(), defaultText(setting));
    }
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> entry : ours.entrySet()) {
      if (!theirs.containsKey(entry.getKey())
          && entry.getValue().equals(defaults.get(entry.getKey()))) {
        continue;
      }
      String other = theirs.getOrDefault(entry.getKey(), "(not set)");
      if (!other.equals(entry.getValue())) {
        differences.add(entry.getKey() + " = " + other + " there, " + entry.getValue() + " here");
      }
    }
    return String.join("; ", differences);
  }

  private static Map<String, String> entries(String fingerprint) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String entry : fingerprint.split(" \\| ")) {
      int eq = entry.indexOf(" = ");
      entries.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 3));
    }
    return entries;
  }

  private static <T> String defaultText(Setting<T> setting) {
    return setting.type().print(setting.defaultValue());
  }

  private <T> String text(Setting<T> setting) {
    return setting.type().print(get(setting));
  }
}
