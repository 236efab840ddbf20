package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkmlp.data.Example;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.files.Json;
import io.sparkmlp.ml.MlpClassificationModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * submit/predict as a user meets it: a model trained on a CSV file with text labels scores another
 * file whose columns come in another order, writes the predictions in the user's labels, reports
 * the accuracy training reported, and agrees bit for bit with the Spark ML model loaded from the
 * same directory.
 */
class PredictMainTest {
  private static final Path MNIST = Path.of("../shared/data/mnist");
  private static final Pattern WROTE =
      Pattern.compile(
          "spark-mlp: wrote (\\d+) predictions to (.*) \\((csv|parquet)\\); accuracy ([0-9.]+) \\((\\d+) of (\\d+)\\)");

  @TempDir static Path dir;
  private static Path model;
  private static Path test;

  @BeforeAll
  static void trainOnACsvFile() throws Exception {
    Path train = xor("train.csv", 800, 7, List.of("x1", "x2", "label"));
    test = xor("test.csv", 300, 8, List.of("id", "x2", "label", "x1"));
    model = dir.resolve("model");
    Cli.Result trained =
        Cli.trainMain(
            "--quiet",
            "--out",
            model.toString(),
            "data.source=csv",
            "data.path=" + train,
            "data.test_path=" + dir.resolve("test-in-training-order.csv"),
            "data.scale=unit",
            "train.epochs=10");
    assertEquals(0, trained.exit(), trained.stderr());
  }

  /** XOR rows as CSV with these columns (id: the row number), labels yes/no, scaled by 4. */
  private static Path xor(String name, int rows, long seed, List<String> columns) throws Exception {
    StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
    StringBuilder inOrder = new StringBuilder("x1,x2,label\n");
    int id = 0;
    for (Example e : SyntheticData.XOR.generate(rows, seed)) {
      String label = e.target()[0] == 1 ? "yes" : "no";
      double x1 = 4 * e.features().apply(0);
      double x2 = 4 * e.features().apply(1);
      List<String> cells = new ArrayList<>();
      for (String column : columns) {
        cells.add(
            switch (column) {
              case "id" -> Integer.toString(id);
              case "x1" -> Double.toString(x1);
              case "x2" -> Double.toString(x2);
              default -> label;
            });
      }
      csv.append(String.join(",", cells)).append('\n');
      inOrder.append(x1).append(',').append(x2).append(',').append(label).append('\n');
      id++;
    }
    if (name.equals("test.csv")) {
      Files.writeString(dir.resolve("test-in-training-order.csv"), inOrder);
    }
    return Files.writeString(dir.resolve(name), csv);
  }

  record Run(int exit, String stdout, String stderr) {}

  static Run predict(String... arguments) {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setProperty("spark.master", "local[2]"); // what spark-submit would pass
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new PredictMain()).execute(arguments);
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
      System.clearProperty("spark.master");
    }
  }

  /** f on a local Spark session of its own (PredictMain stops the one it used). */
  private static <T> T withSpark(Function<SparkSession, T> f) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    try {
      return f.apply(spark);
    } finally {
      spark.stop();
    }
  }

  @Test
  void predictionsComeInTheUsersLabelsWithTheAccuracyTrainingReported() throws Exception {
    Path out = dir.resolve("predictions");
    Run run = predict(model.toString(), test.toString(), "--out", out.toString(), "--keep", "id");

    assertEquals(0, run.exit(), run.stderr());
    assertEquals(300, rowsScoredWithTheSummarysAccuracy(run, model));
    withSpark(
        spark -> {
          Dataset<Row> written = spark.read().option("header", true).csv(out.toString());
          assertEquals(
              List.of("id", "label", "prediction", "probability_no", "probability_yes"),
              List.of(written.columns()));
          assertEquals(300, written.count());
          assertEquals(
              List.of("no", "yes"),
              written.select("prediction").distinct().orderBy("prediction").collectAsList().stream()
                  .map(r -> r.getString(0))
                  .toList());
          return null;
        });
  }

  @Test
  void theSparkMlModelLoadedFromTheSameDirectoryGivesTheSameBits() throws Exception {
    Path out = dir.resolve("parquet");
    Run run =
        predict(
            model.toString(),
            test.toString(),
            "--out",
            out.toString(),
            "--format",
            "parquet",
            "--keep",
            "id");
    assertEquals(0, run.exit(), run.stderr());

    withSpark(
        spark -> {
          MlpClassificationModel loaded = MlpClassificationModel.load(model.toString());
          Dataset<Row> rows =
              new VectorAssembler()
                  .setInputCols(new String[] {"x1", "x2"})
                  .setOutputCol("features")
                  .transform(
                      spark
                          .read()
                          .option("header", true)
                          .option("inferSchema", true)
                          .csv(test.toString()));
          List<Row> viaMl =
              loaded.transform(rows).orderBy("id").select("probability").collectAsList();
          List<Row> viaCli =
              spark
                  .read()
                  .parquet(out.toString())
                  .orderBy("id")
                  .select("probability_yes")
                  .collectAsList();
          assertEquals(300, viaMl.size());
          assertArrayEquals(
              viaCli.stream().mapToDouble(r -> r.getDouble(0)).toArray(),
              viaMl.stream().mapToDouble(r -> ((Vector) r.get(0)).apply(1)).toArray());
          return null;
        });
  }

  @Test
  void badPredictionInputIsRefusedInOneLine() throws Exception {
    Path missing = Files.writeString(dir.resolve("no-x2.csv"), "x1,label\n0.5,yes\n");
    Run run = predict(model.toString(), missing.toString(), "--out", dir.resolve("p1").toString());
    assertEquals(TrainMain.EXIT_BAD_INPUT, run.exit(), run.stderr());
    assertTrue(
        run.stderr()
            .contains(
                "spark-mlp: data file "
                    + missing
                    + " has no feature column 'x2' (columns: [x1, label])"),
        run.stderr());

    Path wide = Files.writeString(dir.resolve("wide.libsvm"), "1 1:0.5 2:0.5 3:0.1\n");
    Run wider =
        predict(
            model.toString(),
            wide.toString(),
            "--out",
            dir.resolve("p2").toString(),
            "data.source=libsvm",
            "data.feature_cols=");
    assertEquals(TrainMain.EXIT_BAD_INPUT, wider.exit(), wider.stderr());
    assertTrue(
        wider
            .stderr()
            .contains(
                "spark-mlp: libsvm %s has 3 features per row, but the model's input layer has 2 units (give data.num_features=2)"
                    .formatted(wide)),
        wider.stderr());

    Run noModel = predict(dir.resolve("nothing").toString(), test.toString());
    assertEquals(TrainMain.EXIT_BAD_INPUT, noModel.exit());
    assertTrue(noModel.stderr().contains("not a spark-mlp model directory"), noModel.stderr());

    Path taken = Files.createDirectories(dir.resolve("taken"));
    Run exists = predict(model.toString(), test.toString(), "--out", taken.toString());
    assertEquals(TrainMain.EXIT_BAD_INPUT, exists.exit());
    assertEquals(
        "spark-mlp: predictions directory %s exists: choose another with --out DIR, or pass --overwrite\n"
            .formatted(taken),
        exists.stderr());
  }

  @Test
  void mnistPredictionsHaveTheTestAccuracyOfTheSummary(@TempDir Path runs) throws Exception {
    assumeTrue(
        Files.exists(MNIST.resolve("t10k-images-idx3-ubyte.gz")),
        "MNIST is not in " + MNIST.toAbsolutePath() + ": skipped");
    Path mnistModel = runs.resolve("mnist");
    Cli.Result trained =
        Cli.trainMain(
            "conf/mnist.properties",
            "--quiet",
            "--out",
            mnistModel.toString(),
            "data.limit=3000",
            "train.epochs=2",
            "report.plots=false");
    assertEquals(0, trained.exit(), trained.stderr());
    Run run =
        predict(
            mnistModel.toString(),
            MNIST.toString(),
            "--out",
            runs.resolve("p").toString(),
            "data.limit=3000");
    assertEquals(0, run.exit(), run.stderr());
    JsonNode summary = Json.MAPPER.readTree(mnistModel.resolve(TrainJob.SUMMARY).toFile());
    assertEquals(
        summary.get("test_examples").asLong(), rowsScoredWithTheSummarysAccuracy(run, mnistModel));
  }

  /**
   * The rows predict reports it scored, after checking that its "accuracy A (right of n)" is, as a
   * fraction, the test accuracy of the model's summary.json.
   */
  private static long rowsScoredWithTheSummarysAccuracy(Run run, Path modelDir) throws Exception {
    Matcher wrote = WROTE.matcher(run.stdout().strip());
    assertTrue(wrote.matches(), run.stdout());
    JsonNode summary = Json.MAPPER.readTree(modelDir.resolve(TrainJob.SUMMARY).toFile());
    assertEquals(
        summary.get("test_accuracy").asDouble(),
        Double.parseDouble(wrote.group(5)) / Double.parseDouble(wrote.group(6)));
    return Long.parseLong(wrote.group(1));
  }
}
