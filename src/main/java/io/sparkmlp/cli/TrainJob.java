package io.sparkmlp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.data.Example;
import io.sparkmlp.data.FeatureLayout;
import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.data.Sharding;
import io.sparkmlp.files.AtomicFiles;
import io.sparkmlp.files.Json;
import io.sparkmlp.nn.Blas;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.Setting;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.source.DataJob;
import io.sparkmlp.source.DataSpec;
import io.sparkmlp.source.DataSpec.Part;
import io.sparkmlp.source.JobRows;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.ModelInput;
import io.sparkmlp.train.CheckpointStore;
import io.sparkmlp.train.Checkpointing;
import io.sparkmlp.train.DistributedGradient;
import io.sparkmlp.train.LabelAccuracy;
import io.sparkmlp.train.Metrics;
import io.sparkmlp.train.StepFailedException;
import io.sparkmlp.train.StopRequest;
import io.sparkmlp.train.StoppedException;
import io.sparkmlp.train.SyncSgdTrainer;
import io.sparkmlp.train.TaskProbe;
import io.sparkmlp.train.TrainingConfig;
import io.sparkmlp.train.TrainingData;
import io.sparkmlp.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs one job: generate and cache the data, train, evaluate, and write into the output directory
 * the model ({@link ModelFiles}), {@code metrics.jsonl} (a line per epoch, written as training
 * goes), the charts ({@link Pictures}) and, last, {@code summary.json}, whose presence marks a
 * finished run.
 */
public final class TrainJob {
  public static final String SUMMARY = "summary.json";
  public static final String METRICS = "metrics.jsonl";

  private TrainJob() {}

  public static final String CHECKPOINTS = "checkpoints";

  /**
   * @param overwrite replace an earlier finished run in the output directory
   * @param resume go on from the newest valid checkpoint in the output directory, if any
   * @param progress receives one human-readable line per epoch and a final line
   * @return the summary that was written
   * @throws ConfException if the output directory cannot be written, or holds a run the flags do
   *     not allow to touch (see {@link OutputDir#check})
   */
  public static ObjectNode run(
      JobConfig job,
      boolean overwrite,
      boolean resume,
      JavaSparkContext jsc,
      Consumer<String> progress)
      throws IOException {
    return run(job, overwrite, resume, jsc, progress, new StopRequest(), TaskProbe.NONE);
  }

  /**
   * {@link #run}, stopping at the step boundary after {@code stop} is requested, and with a probe
   * in the gradient tasks (for fault-injection tests).
   *
   * @throws StoppedException once stopped, after a last checkpoint if checkpointing is on
   */
  static ObjectNode run(
      JobConfig job,
      boolean overwrite,
      boolean resume,
      JavaSparkContext jsc,
      Consumer<String> progress,
      StopRequest stop,
      TaskProbe probe)
      throws IOException {
    Path out = job.outputDir();
    OutputDir.check(out, overwrite, resume);
    TrainingConfig config = job.training();
    Topology topology = config.topology();
    JobRows rows = JobRows.load(job.data(), topology, jsc);
    DataSpec spec = job.data().spec();
    Precision precision = config.precision();
    try (TrainingData<?> train =
            cacheIfAny(
                rows.train(),
                topology,
                spec,
                Part.TRAINING,
                precision,
                config.featureLayout(),
                config.sharding(rows.partitions()),
                config.storageLevel());
        TrainingData<?> validation =
            cacheIfAny(
                rows.validation(),
                topology,
                spec,
                Part.VALIDATION,
                precision,
                train.layout(),
                train.sharding(),
                train.storage());
        TrainingData<?> test =
            cacheIfAny(
                rows.test(),
                topology,
                spec,
                Part.TEST,
                precision,
                train.layout(),
                train.sharding(),
                train.storage())) {
      // only now that the data has been read and checked: bad input leaves an old run intact
      OutputDir.prepare(out, resume);
      progress.accept(
          String.format(
              "spark-mlp: %s on %s (%d rows%s%s, %d partitions, master %s, BLAS %s), %d epochs of %d steps",
              topology,
              job.data().spec().label(),
              train.count(),
              validation == null ? "" : ", " + validation.count() + " for validation",
              train.layout() == FeatureLayout.SPARSE ? ", features kept sparse" : "",
              rows.partitions(),
              jsc.master(),
              Blas.implementationName(),
              config.get(Settings.EPOCHS),
              (train.count() + config.get(Settings.BATCH_SIZE) - 1)
                  / config.get(Settings.BATCH_SIZE)));
      TrainingResult result = train(job, probe, stop, resume, train, validation, progress);
      Metrics trainMetrics = evaluate(train, topology, result, config);
      Metrics validationMetrics =
          validation == null ? null : evaluate(validation, topology, result, config);
      Metrics testMetrics = test == null ? null : evaluate(test, topology, result, config);

      ModelFiles.write(out, topology, result.parameters(), input(job, rows));
      List<String> pictures = List.of();
      if (job.settings().get(Settings.PLOTS)) {
        TrainingData<?> evaluated = test != null ? test : validation != null ? validation : train;
        String evaluatedName =
            test != null ? "test data" : validation != null ? "validation data" : "training data";
        try {
          pictures =
              Pictures.write(
                  out,
                  topology,
                  result,
                  rows.train(),
                  evaluated,
                  evaluatedName,
                  config.get(Settings.TREE_DEPTH),
                  config.get(Settings.SEED));
        } catch (IOException | RuntimeException | LinkageError e) {
          // the model is already written: a machine that cannot draw (no fonts) still gets it
          progress.accept("warning: charts not written: " + e);
        }
      }
      ObjectNode summary =
          summary(
              job,
              topology,
              rows,
              train.layout(),
              jsc,
              result,
              trainMetrics,
              validationMetrics,
              testMetrics);
      TrainingData.StoredBytes stored = train.stored();
      summary.put("cached_memory_bytes", stored.memory());
      summary.put("cached_disk_bytes", stored.disk());
      pictures.forEach(summary.putArray("charts")::add);
      if (topology.task() == Task.MULTI_LABEL) {
        List<String> names = rows.labels().names();
        TrainingData<?> shown = test != null ? test : train;
        LabelAccuracy figures = LabelAccuracy.of(shown, topology, result.parameters(), config);
        putLabels(summary, test != null ? "test_" : "train_", names, figures);
        progress.accept(
            (test != null ? "test" : "train")
                + " accuracy per label (always the more frequent value): "
                + IntStream.range(0, names.size())
                    .mapToObj(
                        k ->
                            String.format(
                                "%s %.4f (%.4f)",
                                names.get(k), figures.accuracy()[k], figures.majority()[k]))
                    .collect(Collectors.joining(", ")));
      }
      AtomicFiles.write(out.resolve(SUMMARY), Json.pretty(summary));
      progress.accept(
          String.format(
              "done: %d epochs, %d steps in %.1f s%s; train %s%s%s; outputs in %s",
              result.history().size(),
              result.steps(),
              result.trainSeconds(),
              result.stoppedEarly()
                  ? "; stopped early, kept the weights of epoch " + result.keptEpoch()
                  : "",
              describe(trainMetrics, topology),
              validationMetrics == null
                  ? ""
                  : "; validation " + describe(validationMetrics, topology),
              testMetrics == null ? "" : "; test " + describe(testMetrics, topology),
              out));
      return summary;
    }
  }

  /**
   * Trains; after a step that failed for good, starts again from the newest checkpoint, up to
   * {@link JobConfig#retries()} times (BigDL's retryTimes).
   */
  private static TrainingResult train(
      JobConfig job,
      TaskProbe probe,
      StopRequest stop,
      boolean resume,
      TrainingData<?> train,
      TrainingData<?> validation,
      Consumer<String> progress) {
    Path out = job.outputDir();
    for (int attempt = 0; ; attempt++) {
      Checkpointing checkpointing =
          new Checkpointing(
              new CheckpointStore(out.resolve(CHECKPOINTS)),
              job.settings().get(Settings.CHECKPOINT_EVERY),
              resume || attempt > 0,
              stop);
      try {
        return new SyncSgdTrainer(job.training(), probe, checkpointing)
            .fit(
                train,
                validation,
                new EpochLog(job.training().topology(), out.resolve(METRICS), progress));
      } catch (StepFailedException e) {
        if (attempt >= job.settings().get(Settings.RETRIES)) {
          throw e;
        }
        progress.accept(
            String.format(
                "%s; retrying from the newest checkpoint (%d of %d)",
                e.getMessage().lines().findFirst().orElse(""),
                attempt + 1,
                job.settings().get(Settings.RETRIES)));
      }
    }
  }

  /** How rows to score are read and prepared for the model, as training read its rows. */
  private static ModelInput input(JobConfig job, JobRows rows) {
    Map<String, String> reading = new HashMap<>();
    for (Setting<?> setting : DataJob.READING) {
      reading.put(setting.key(), job.settings().text(setting));
    }
    return new ModelInput(
        reading,
        rows.featureColumns(),
        rows.featureScale(),
        rows.labels() != null ? rows.labels().names() : List.of());
  }

  /** The part's rows packed and cached, or null if there are none; a bad row named by its line. */
  private static TrainingData<?> cacheIfAny(
      JavaRDD<Example> rows,
      Topology topology,
      DataSpec spec,
      Part part,
      Precision precision,
      FeatureLayout layout,
      Sharding sharding,
      StorageLevel storage) {
    if (rows == null) {
      return null;
    }
    try {
      return TrainingData.cache(
          rows, topology, spec.describe(part), precision, layout, sharding, storage);
    } catch (InvalidInputException e) {
      throw spec.located(part, e);
    }
  }

  /** PREFIX_label_accuracy and PREFIX_label_majority: each label's, by name. */
  private static void putLabels(
      ObjectNode summary, String prefix, List<String> names, LabelAccuracy figures) {
    ObjectNode accuracy = summary.putObject(prefix + "label_accuracy");
    ObjectNode majority = summary.putObject(prefix + "label_majority");
    for (int k = 0; k < names.size(); k++) {
      accuracy.put(names.get(k), figures.accuracy()[k]);
      majority.put(names.get(k), figures.majority()[k]);
    }
  }

  private static Metrics evaluate(
      TrainingData<?> data, Topology topology, TrainingResult result, TrainingConfig config) {
    return Metrics.of(
        DistributedGradient.evaluate(
            data, topology, result.parameters(), config.get(Settings.TREE_DEPTH)),
        topology);
  }

  private static ObjectNode summary(
      JobConfig job,
      Topology topology,
      JobRows rows,
      FeatureLayout layout,
      JavaSparkContext jsc,
      TrainingResult result,
      Metrics train,
      Metrics validation,
      Metrics test) {
    TrainingConfig config = job.training();
    ObjectNode summary = Json.object();
    summary.put("task", topology.task().label());
    ArrayNode layers = summary.putArray("layers");
    for (int size : topology.sizes()) {
      layers.add(size);
    }
    summary.put("data_source", job.data().spec().label());
    if (rows.labels() != null) {
      rows.labels().names().forEach(summary.putArray("labels")::add);
    }
    summary.put("feature_scaling", job.data().scaling().label());
    summary.put("feature_layout", layout.label());
    summary.put("examples", train.examples());
    summary.put("epochs", config.get(Settings.EPOCHS));
    summary.put("epochs_run", result.history().size());
    summary.put("kept_epoch", result.keptEpoch());
    summary.put("stopped_early", result.stoppedEarly());
    summary.put("steps", result.steps());
    summary.put("batch_size", config.get(Settings.BATCH_SIZE));
    summary.put("learning_rate", config.get(Settings.LEARNING_RATE));
    summary.put("partitions", rows.partitions());
    summary.put("master", jsc.master());
    summary.put("blas", Blas.implementationName());
    summary.put("train_seconds", result.trainSeconds());
    summary.put("final_train_loss", train.loss());
    EpochLog.putMetric(summary, "train_", train, topology);
    if (validation != null) {
      summary.put("validation_examples", validation.examples());
      summary.put("validation_loss", validation.loss());
      EpochLog.putMetric(summary, "validation_", validation, topology);
    }
    if (test != null) {
      summary.put("test_examples", test.examples());
      summary.put("test_loss", test.loss());
      EpochLog.putMetric(summary, "test_", test, topology);
    }
    return summary;
  }

  private static String describe(Metrics metrics, Topology topology) {
    return EpochLog.metricText(metrics, topology) + String.format(" (loss %.4f)", metrics.loss());
  }
}
