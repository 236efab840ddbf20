package io.sparkmlp.cli;

import static org.apache.spark.sql.functions.col;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.files.AtomicFiles;
import io.sparkmlp.nn.Task;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.source.DataJob;
import io.sparkmlp.source.DataSpec;
import io.sparkmlp.source.FileData;
import io.sparkmlp.source.Labels;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spark-submit entry point that scores rows with a model submit/train saved. */
@Command(
    name = "submit/predict",
    mixinStandardHelpOptions = true,
    description = {
      "Scores rows with a model that submit/train saved, a chunk of rows per GEMM, and writes",
      "each row's prediction (the class's name, or the value) and, for a classifier, each",
      "class's probability. The rows are read as the model's training data was (its",
      "data.source and reading settings, kept in model.json), feature columns by name; a",
      "generated or MNIST source scores its test rows. With a label column it also prints",
      "the accuracy (or RMSE)."
    })
public final class PredictMain implements Callable<Integer> {
  static final List<String> FORMATS = List.of("csv", "parquet");

  @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "a directory submit/train wrote")
  private Path modelDir;

  @Parameters(
      index = "1",
      paramLabel = "DATA",
      description = "the rows: a file or folder (data.path) of the model's data source")
  private String data;

  @Parameters(
      index = "2..*",
      paramLabel = "key=value",
      description = "overrides of the reading settings, e.g. data.header=false")
  private List<String> overrides = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the predictions go (default: MODEL_DIR/predictions)")
  private Path out;

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv (the default) or parquet")
  private String format = "csv";

  @Option(
      names = "--keep",
      split = ",",
      paramLabel = "COLUMN",
      description = "input columns to write beside each prediction, e.g. an id")
  private List<String> keep = new ArrayList<>();

  @Option(names = "--overwrite", description = "replace the predictions of an earlier run")
  private boolean overwrite;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PredictMain()).execute(args));
  }

  @Override
  public Integer call() {
    SavedModel model;
    DataSpec spec;
    Path target = out != null ? out : modelDir.resolve("predictions");
    try {
      model = ModelFiles.read(modelDir);
      if (!FORMATS.contains(format)) {
        throw new ConfException("--format " + format + ": must be csv or parquet");
      }
      if (Files.exists(target) && !overwrite) {
        throw new ConfException(
            "predictions directory %s exists: choose another with --out DIR, or pass --overwrite"
                .formatted(target));
      }
      spec = DataJob.source(settings(model).validated());
    } catch (IOException | ConfException e) {
      return fail(e.getMessage(), TrainMain.EXIT_BAD_INPUT);
    }
    SparkSession spark = SparkSession.builder().appName("spark-mlp predict").getOrCreate();
    try {
      Dataset<Row> rows = rows(spec, model, spark);
      checkWidth(rows, spec, model);
      boolean labelled = Arrays.asList(rows.columns()).contains(Predictions.LABEL);
      Dataset<Row> predictions =
          Predictions.of(rows, model, keep, labelled).persist(StorageLevel.MEMORY_AND_DISK());
      long count = predictions.count();
      write(predictions, target);
      System.out.printf(
          "spark-mlp: wrote %d predictions to %s (%s)%s%n",
          count, target, format, labelled ? "; " + quality(predictions, model, count) : "");
      predictions.unpersist();
      return 0;
    } catch (ConfException | InvalidInputException e) {
      return fail(e.getMessage(), TrainMain.EXIT_BAD_INPUT);
    } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
      RuntimeException failure = InvalidInputException.fromReadFailure(spec.label(), e);
      return failure instanceof InvalidInputException invalid
          ? fail(invalid.getMessage(), TrainMain.EXIT_BAD_INPUT)
          : fail("prediction failed: " + e, TrainMain.EXIT_FAILED);
    } finally {
      spark.stop();
    }
  }

  /** The model's reading settings, then the overrides, then DATA as data.path. */
  private JobFile settings(SavedModel model) {
    JobFile settings =
        JobFile.defaults().overlay(model.input().reading(), modelDir + "/model.json");
    if (!model.input().featureColumns().isEmpty()) {
      settings.set(
          Settings.FEATURE_COLS, String.join(",", model.input().featureColumns()), "model.json");
    }
    return settings.override(overrides).set(Settings.DATA_PATH, data, "DATA");
  }

  /** A file's rows; a generated or MNIST source's test rows (else its training rows), labelled. */
  private Dataset<Row> rows(DataSpec spec, SavedModel model, SparkSession spark)
      throws IOException {
    Task task = model.topology().task();
    if (spec instanceof FileData file) {
      return file.scoringRows(spark, task, keep);
    }
    if (!keep.isEmpty()) {
      throw new ConfException("--keep: the rows of " + spec.label() + " have no columns to keep");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    DataSpec.Loaded loaded = spec.load(jsc, jsc.defaultParallelism(), task);
    JavaRDD<Example> examples = loaded.test() != null ? loaded.test() : loaded.train();
    boolean classifier = task == Task.CLASSIFICATION;
    StructType schema =
        new StructType()
            .add(Predictions.FEATURES, new VectorUDT())
            .add(Predictions.LABEL, classifier ? DataTypes.StringType : DataTypes.DoubleType);
    return spark.createDataFrame(
        examples.map(
            e ->
                RowFactory.create(
                    e.features(),
                    classifier ? Labels.ofNumber(e.target()[0]) : (Object) e.target()[0])),
        schema);
  }

  /** The first row's features must be as many as the model's input units. */
  private static void checkWidth(Dataset<Row> rows, DataSpec spec, SavedModel model) {
    List<Row> first = rows.select(Predictions.FEATURES).takeAsList(1);
    int inputs = model.topology().inputs();
    if (!first.isEmpty() && ((Vector) first.get(0).get(0)).size() != inputs) {
      throw new InvalidInputException(
          "%s has %d features per row, but the model's input layer has %d units%s"
              .formatted(
                  spec.label(),
                  ((Vector) first.get(0).get(0)).size(),
                  inputs,
                  spec.label().startsWith("libsvm")
                      ? " (give " + Settings.NUM_FEATURES.key() + "=" + inputs + ")"
                      : ""));
    }
  }

  /** Writes into a temporary folder beside target, then moves it into place whole. */
  private void write(Dataset<Row> predictions, Path target) throws IOException {
    Path temporary =
        target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".writing");
    AtomicFiles.deleteTree(temporary);
    var writer = predictions.write();
    if (format.equals("csv")) {
      writer.option("header", true).csv(temporary.toString());
    } else {
      writer.parquet(temporary.toString());
    }
    AtomicFiles.deleteTree(target);
    Files.move(temporary, target);
  }

  /** Accuracy (classes) or RMSE (values) over the labelled rows. */
  private static String quality(Dataset<Row> predictions, SavedModel model, long count) {
    if (model.topology().task() == Task.CLASSIFICATION) {
      long right =
          predictions.filter(col(Predictions.LABEL).equalTo(col(Predictions.PREDICTION))).count();
      return String.format("accuracy %.4f (%d of %d)", (double) right / count, right, count);
    }
    Row sums =
        predictions
            .selectExpr("sum((label - prediction) * (label - prediction))", "count(label)")
            .first();
    return String.format(
        "rmse %.4f over the %d labelled rows",
        Math.sqrt(sums.getDouble(0) / sums.getLong(1)), sums.getLong(1));
  }

  private static int fail(String message, int code) {
    System.err.println("spark-mlp: " + message);
    return code;
  }
}
