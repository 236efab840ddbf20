package io.sparkmlp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.nn.Blas;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.report.AtomicFiles;
import io.sparkmlp.report.Json;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.train.DistributedGradient;
import io.sparkmlp.train.EpochMetrics;
import io.sparkmlp.train.Metrics;
import io.sparkmlp.train.SyncSgdTrainer;
import io.sparkmlp.train.TrainingConfig;
import io.sparkmlp.train.TrainingData;
import io.sparkmlp.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs one job: generate and cache the data, train, evaluate, and write into the output directory
 * the model ({@link ModelFiles}), {@code metrics.jsonl} (a line per epoch, written as training
 * goes) and, last, {@code summary.json}, whose presence marks a finished run.
 */
public final class TrainJob {
  public static final String SUMMARY = "summary.json";
  public static final String METRICS = "metrics.jsonl";

  private TrainJob() {}

  /**
   * @param overwrite replace an earlier finished run in the output directory
   * @param progress receives one human-readable line per epoch and a final line
   * @return the summary that was written
   * @throws ConfException if the output directory holds a finished run and overwrite is off
   */
  public static ObjectNode run(
      JobConfig job, boolean overwrite, JavaSparkContext jsc, Consumer<String> progress)
      throws IOException {
    Path out = job.outputDir();
    prepareOutput(out, overwrite);
    TrainingConfig config = job.training();
    Topology topology = config.topology();
    int partitions = job.partitions() > 0 ? job.partitions() : jsc.defaultParallelism();
    DataSpec.Loaded rows = job.data().load(jsc, partitions);
    if (rows.features() != topology.inputs()) {
      throw new ConfException(
          ConfKey.MODEL_LAYERS.key()
              + ": the input layer has "
              + topology.inputs()
              + " units but "
              + job.data().label()
              + " has "
              + rows.features()
              + " features");
    }
    double scale = job.scaling().factor(rows.train());

    try (TrainingData train =
            TrainingData.cache(
                FeatureScaling.apply(rows.train(), scale), topology, "training data");
        TrainingData test =
            rows.test() == null
                ? null
                : TrainingData.cache(
                    FeatureScaling.apply(rows.test(), scale), topology, "test data")) {
      progress.accept(
          String.format(
              "spark-mlp: %s on %s (%d rows, %d partitions, master %s, BLAS %s), %d epochs of %d steps",
              topology,
              job.data().label(),
              train.count(),
              partitions,
              jsc.master(),
              Blas.implementationName(),
              config.epochs(),
              (train.count() + config.batchSize() - 1) / config.batchSize()));
      TrainingResult result =
          new SyncSgdTrainer(config)
              .fit(train, metrics -> onEpoch(metrics, topology, out, progress));
      Metrics trainMetrics = evaluate(train, topology, result, config);
      Metrics testMetrics = test == null ? null : evaluate(test, topology, result, config);

      ModelFiles.write(out, topology, result.parameters());
      ObjectNode summary =
          summary(job, topology, partitions, jsc, result, trainMetrics, testMetrics);
      AtomicFiles.write(out.resolve(SUMMARY), Json.pretty(summary));
      progress.accept(
          String.format(
              "done: %d epochs, %d steps in %.1f s; train %s%s; outputs in %s",
              config.epochs(),
              result.steps(),
              result.trainSeconds(),
              describe(trainMetrics, topology),
              testMetrics == null ? "" : "; test " + describe(testMetrics, topology),
              out));
      return summary;
    }
  }

  private static void prepareOutput(Path out, boolean overwrite) throws IOException {
    if (Files.exists(out.resolve(SUMMARY))) {
      if (!overwrite) {
        throw new ConfException(
            "output directory "
                + out
                + " already holds a finished run ("
                + SUMMARY
                + "): choose another with --out DIR, or pass --overwrite");
      }
      Files.delete(out.resolve(SUMMARY)); // first, so a failed rerun never looks finished
    }
    Files.createDirectories(out);
    Files.deleteIfExists(out.resolve(METRICS));
  }

  private static Metrics evaluate(
      TrainingData data, Topology topology, TrainingResult result, TrainingConfig config) {
    return Metrics.of(
        DistributedGradient.evaluate(data, topology, result.parameters(), config.treeDepth()),
        topology);
  }

  private static void onEpoch(
      EpochMetrics metrics, Topology topology, Path out, Consumer<String> progress) {
    progress.accept(
        String.format(
            "epoch %3d/%d  steps %6d  loss %.4f  %s  %8.0f ex/s  elapsed %.1f s  eta %.0f s",
            metrics.epoch(),
            metrics.epochs(),
            metrics.steps(),
            metrics.train().loss(),
            metricText(metrics.train(), topology),
            metrics.examplesPerSecond(),
            metrics.elapsedSeconds(),
            metrics.etaSeconds()));
    ObjectNode line = Json.object();
    line.put("epoch", metrics.epoch());
    line.put("steps", metrics.steps());
    line.put("train_loss", metrics.train().loss());
    putMetric(line, "train_", metrics.train(), topology);
    line.put("epoch_seconds", metrics.seconds());
    line.put("elapsed_seconds", metrics.elapsedSeconds());
    line.put("examples_per_second", metrics.examplesPerSecond());
    try {
      AtomicFiles.appendLine(out.resolve(METRICS), Json.line(line));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + out.resolve(METRICS), e);
    }
  }

  private static ObjectNode summary(
      JobConfig job,
      Topology topology,
      int partitions,
      JavaSparkContext jsc,
      TrainingResult result,
      Metrics train,
      Metrics test) {
    TrainingConfig config = job.training();
    ObjectNode summary = Json.object();
    summary.put("task", topology.task().label());
    ArrayNode layers = summary.putArray("layers");
    for (int size : topology.sizes()) {
      layers.add(size);
    }
    summary.put("data_source", job.data().label());
    summary.put("feature_scaling", job.scaling().label());
    summary.put("examples", train.examples());
    summary.put("epochs", config.epochs());
    summary.put("steps", result.steps());
    summary.put("batch_size", config.batchSize());
    summary.put("learning_rate", config.learningRate());
    summary.put("partitions", partitions);
    summary.put("master", jsc.master());
    summary.put("blas", Blas.implementationName());
    summary.put("train_seconds", result.trainSeconds());
    summary.put("final_train_loss", train.loss());
    putMetric(summary, "train_", train, topology);
    if (test != null) {
      summary.put("test_examples", test.examples());
      summary.put("test_loss", test.loss());
      putMetric(summary, "test_", test, topology);
    }
    return summary;
  }

  private static void putMetric(
      ObjectNode node, String prefix, Metrics metrics, Topology topology) {
    if (topology.task() == Task.CLASSIFICATION) {
      node.put(prefix + "accuracy", metrics.accuracy());
    } else {
      node.put(prefix + "rmse", metrics.rmse());
    }
  }

  private static String metricText(Metrics metrics, Topology topology) {
    return topology.task() == Task.CLASSIFICATION
        ? String.format("accuracy %.4f", metrics.accuracy())
        : String.format("rmse %.4f", metrics.rmse());
  }

  private static String describe(Metrics metrics, Topology topology) {
    return metricText(metrics, topology) + String.format(" (loss %.4f)", metrics.loss());
  }
}
