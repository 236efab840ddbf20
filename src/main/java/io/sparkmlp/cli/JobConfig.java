package io.sparkmlp.cli;

import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.settings.Type;
import io.sparkmlp.source.DataJob;
import io.sparkmlp.source.DataSpec;
import io.sparkmlp.source.FileData;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.SavedModel;
import io.sparkmlp.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.network.util.JavaUtils;

/**
 * A validated job: its settings, where the data comes from, how to train. Every value is checked,
 * and the network against the data source, before Spark starts.
 */
public record JobConfig(JobFile settings, DataJob data, TrainingConfig training) {
  static final int DRIVER_COPIES = 4;
  static final int EXECUTOR_COPIES = 3;

  /**
   * @throws ConfException naming the first key whose value is bad
   */
  public static JobConfig from(JobFile settings) {
    settings.validated();
    DataJob data = DataJob.from(settings);
    Topology topology = TrainingConfig.topology(settings, TrainingConfig.outputLoss(settings));
    checkMemory(settings, topology);
    DataSpec spec = data.spec();
    if (spec.features() != DataSpec.UNKNOWN && topology.inputs() != spec.features()) {
      throw settings.bad(
          Settings.LAYERS,
          "the input layer has %s units but data source %s has %s features"
              .formatted(topology.inputs(), spec.label(), spec.features()));
    }
    if (spec.task() != null && topology.task() != spec.task()) {
      throw settings.bad(
          Settings.OUTPUT,
          "data source %s is a %s problem but %s + %s is for %s"
              .formatted(
                  spec.label(),
                  spec.task().label(),
                  topology.outputLoss().outputName(),
                  topology.outputLoss().lossName(),
                  topology.task().label()));
    }
    if (spec.task() == Task.REGRESSION && topology.outputs() != 1) {
      throw settings.bad(
          Settings.LAYERS,
          "the output layer has %s units but data source %s has 1 target"
              .formatted(topology.outputs(), spec.label()));
    }
    checkLabelColumns(settings, spec, topology);
    if (settings.get(Settings.EARLY_STOPPING_PATIENCE) > 0 && !data.hasValidation()) {
      throw settings.bad(
          Settings.EARLY_STOPPING_PATIENCE,
          "early stopping watches the validation loss: set %s or %s"
              .formatted(Settings.VALIDATION_FRACTION.key(), Settings.VALIDATION_PATH.key()));
    }
    return new JobConfig(settings, data, TrainingConfig.of(topology, settings));
  }

  /**
   * Several label columns are a multi-label job's, one per output unit, in a CSV or Parquet file.
   */
  private static void checkLabelColumns(JobFile settings, DataSpec spec, Topology topology) {
    int labels = Type.items(settings.get(Settings.LABEL_COL)).size();
    boolean multiLabel = topology.task() == Task.MULTI_LABEL;
    if (labels > 1 && !multiLabel) {
      throw settings.bad(
          Settings.LABEL_COL,
          "several label columns are for multi-label: model.output = sigmoid with model.loss ="
              + " binary_cross_entropy");
    }
    if (multiLabel && !(spec instanceof FileData file && !file.format().equals("libsvm"))) {
      throw settings.bad(
          Settings.OUTPUT,
          "multi-label reads its labels from columns of a csv or parquet file (data.label_col),"
              + " not from "
              + spec.label());
    }
    if (multiLabel && topology.outputs() != labels) {
      throw settings.bad(
          Settings.LAYERS,
          "the output layer has %s units but data.label_col names %s label columns"
              .formatted(topology.outputs(), labels));
    }
  }

  /**
   * This job starting from the weights of the model a run saved in {@code modelDir}, whose network
   * must be this job's.
   *
   * @throws ConfException if the model cannot be read or is another network, naming both
   */
  public JobConfig initializedFrom(Path modelDir) {
    SavedModel model;
    try {
      model = ModelFiles.read(modelDir);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfException("--init-from " + modelDir + ": " + e.getMessage());
    }
    if (!model.topology().equals(training.topology())) {
      throw new ConfException(
          "--init-from %s: its network %s is not this job's %s (%s)"
              .formatted(modelDir, model.topology(), training.topology(), Settings.LAYERS.key()));
    }
    return new JobConfig(
        settings, data, training.with(Settings.INITIAL_WEIGHTS, model.parameters()));
  }

  /** output.dir, or target/runs/ and the job file's name (else the data's). */
  public Path outputDir() {
    String dir = settings.get(Settings.OUTPUT_DIR);
    if (!dir.isEmpty()) {
      return Path.of(dir);
    }
    return Path.of(
        "target", "runs", settings.name() != null ? settings.name() : data.spec().name());
  }

  /**
   * Refuses a network whose float64 copies do not fit: the driver holds {@link #DRIVER_COPIES} (the
   * weights, the summed gradient, the broadcast's serialized copy, an optimiser array), each
   * executor {@link #EXECUTOR_COPIES} (the broadcast weights, a task's gradient and its serialized
   * result).
   */
  private static void checkMemory(JobFile settings, Topology topology) {
    long bytes = (long) Double.BYTES * topology.parameterCount();
    long driver = Runtime.getRuntime().maxMemory();
    String master = System.getProperty("spark.master", "local");
    String executorMemory = System.getProperty("spark.executor.memory", "1g");
    long executor =
        master.startsWith("local") ? driver : JavaUtils.byteStringAsBytes(executorMemory);
    String where =
        bytes * DRIVER_COPIES > driver
            ? "the driver has %s (spark.driver.memory)".formatted(gib(driver))
            : bytes * EXECUTOR_COPIES > executor
                ? "an executor has %s (spark.executor.memory)".formatted(gib(executor))
                : null;
    if (where != null) {
      throw settings.bad(
          Settings.LAYERS,
          "%d parameters take %s as float64, and the driver needs %d copies, an executor %d, but %s"
              .formatted(
                  topology.parameterCount(), gib(bytes), DRIVER_COPIES, EXECUTOR_COPIES, where));
    }
  }

  private static String gib(long bytes) {
    return String.format("%.1f GiB", bytes / (double) (1L << 30));
  }
}
