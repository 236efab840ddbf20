package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.data.Example;
import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs on files read by Spark's data sources, and the messages for bad files. */
class FileDataTest extends SparkTest {
  private static final Path IRIS =
      Path.of("../shared/data/spark-samples/sample_multiclass_classification_data.txt");

  @TempDir Path dir;

  private ObjectNode run(String... overrides) throws Exception {
    List<String> all =
        new ArrayList<>(List.of("model.layers=2,8,1", "train.epochs=10", "data.partitions=2"));
    all.addAll(List.of(overrides));
    JobConfig job =
        JobConfig.from(
            JobFile.embedded(TrainMain.DEFAULT_JOB)
                .override(all)
                .set(Settings.OUTPUT_DIR, dir.resolve("out").toString(), "test"));
    return TrainJob.run(job, true, false, jsc(), line -> {});
  }

  private Path xorCsv(String name, int rows) throws Exception {
    StringBuilder csv = new StringBuilder("x1,x2,label\n");
    for (Example e : SyntheticData.XOR.generate(rows, 3)) {
      csv.append(e.features().apply(0))
          .append(',')
          .append(e.features().apply(1))
          .append(',')
          .append((int) e.target()[0])
          .append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, csv);
    return file;
  }

  /**
   * A weight column of 1s trains the bits of no weight column, so the weight column is not a
   * feature and weights 1 change nothing; weights that differ change the model. (Weights of 2 are
   * checked where no repartition orders the rows by their bytes: MlpClassifierTest.)
   */
  @Test
  void weightsOfOneTrainTheBitsOfNoWeightsAndOtherWeightsDoNot() throws Exception {
    Path plain = xorCsv("plain.csv", 400);
    List<String> lines = Files.readAllLines(plain);
    List<byte[]> models = new ArrayList<>();
    for (String weight : List.of("none", "1", "skewed")) {
      Path csv = plain;
      List<String> args = new ArrayList<>(List.of("data.source=csv", "train.epochs=3"));
      if (!weight.equals("none")) {
        StringBuilder text = new StringBuilder("x1,x2,w,label\n");
        for (int i = 1; i < lines.size(); i++) {
          String[] cells = lines.get(i).split(",");
          String w = weight.equals("skewed") ? (i % 3 == 0 ? "3" : "1") : weight;
          text.append(String.join(",", cells[0], cells[1], w, cells[2])).append('\n');
        }
        csv = dir.resolve("weighted-" + weight + ".csv");
        Files.writeString(csv, text);
        args.add("data.weight_col=w");
      }
      args.add("data.path=" + csv);
      ObjectNode summary = run(args.toArray(new String[0]));
      assertEquals(
          400,
          summary.get("examples").asLong() + summary.get("validation_examples").asLong(),
          summary.toString());
      models.add(Files.readAllBytes(dir.resolve("out").resolve(ModelFiles.WEIGHTS)));
    }
    assertArrayEquals(models.get(0), models.get(1), "weights of 1");
    assertFalse(Arrays.equals(models.get(0), models.get(2)), "weights 1 and 3 changed nothing");
  }

  @Test
  void csvColumnsAreAssembledAndSplit() throws Exception {
    Path csv = xorCsv("xor.csv", 1000);
    Path validation = xorCsv("validation.csv", 300);
    ObjectNode summary =
        run(
            "data.source=csv",
            "data.path=" + csv,
            "data.test_fraction=0.2",
            "data.validation_fraction=0",
            "data.validation_path=" + validation);
    assertEquals(1000, summary.get("examples").asLong() + summary.get("test_examples").asLong());
    assertEquals(300, summary.get("validation_examples").asLong());
    assertTrue(summary.get("validation_accuracy").asDouble() > 0.9, summary.toString());
    assertTrue(summary.get("test_accuracy").asDouble() > 0.9, summary.toString());
  }

  @Test
  void parquetVectorColumnIsUsed() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (Example e : SyntheticData.XOR.generate(500, 4)) {
      rows.add(RowFactory.create(e.features(), e.target()[0]));
    }
    StructType schema =
        new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
    String path = dir.resolve("xor.parquet").toString();
    spark().createDataFrame(rows, schema).write().parquet(path);
    ObjectNode summary =
        run("data.source=parquet", "data.path=" + path, "data.validation_fraction=0");
    assertEquals(500, summary.get("examples").asLong());
  }

  @Test
  void libsvmIrisWithAHeldOutFraction() throws Exception {
    assumeTrue(
        Files.exists(IRIS), "the iris sample is not in " + IRIS.toAbsolutePath() + ": skipped");
    ObjectNode summary =
        run(
            "data.source=libsvm",
            "data.path=" + IRIS,
            "data.num_features=4",
            "data.test_fraction=0.3",
            "model.layers=4,8,3",
            "model.output=softmax",
            "train.batch_size=16",
            "train.epochs=30");
    assertTrue(summary.get("test_accuracy").asDouble() > 0.8, summary.toString());
  }

  @Test
  void cellThatIsNotANumberIsNamed() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "x1,x2,label\n0.5,0.5,1\n0.1,abc,0\n");
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> run("data.source=csv", "data.path=" + csv));
    assertEquals(
        "data file " + csv + ", line 3: column 'x2' is not numeric (it holds 'abc')",
        error.getMessage());
  }

  @Test
  void emptyFileIsNamed() throws Exception {
    Path csv = dir.resolve("empty.csv");
    Files.writeString(csv, "x1,x2,label\n");
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> run("data.source=csv", "data.path=" + csv));
    assertTrue(error.getMessage().contains("holds no rows"), error.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("missing.csv");
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class, () -> run("data.source=csv", "data.path=" + missing));
    assertEquals("data file " + missing + " does not exist", error.getMessage());
  }

  @Test
  void featureCountMustMatchTheInputLayer() throws Exception {
    Path csv = xorCsv("xor3.csv", 20);
    ConfException error =
        assertThrows(
            ConfException.class,
            () -> run("data.source=csv", "data.path=" + csv, "model.layers=3,8,1"));
    assertEquals(
        "model.layers: the input layer has 3 units but csv " + csv + " has 2 features",
        error.getMessage());
  }

  @Test
  void nanLabelIsNamed() throws Exception {
    Path csv = dir.resolve("nan.csv");
    Files.writeString(csv, "x1,x2,label\n0.5,0.5,1\n0.1,0.2,NaN\n");
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> run("data.source=csv", "data.path=" + csv));
    assertEquals(
        "data file " + csv + ": label NaN in column 'label' is not a class label",
        error.getMessage());
  }

  @Test
  void libsvmIndexThatIsNotOneBasedIsNamed() throws Exception {
    Path libsvm = dir.resolve("bad.libsvm");
    Files.writeString(libsvm, "1 1:0.5 2:0.5\n0 0:0.1 2:0.2\n");
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () -> run("data.source=libsvm", "data.path=" + libsvm, "data.num_features=2"));
    assertTrue(
        error.getMessage().startsWith("data file " + libsvm + ", line 2: requirement failed: "),
        error.getMessage());
    assertTrue(error.getMessage().contains("one-based"), error.getMessage());
    assertEquals(1, error.getMessage().lines().count(), "one line");
  }

  @Test
  void nanFeatureIsNamed() throws Exception {
    Path csv = dir.resolve("nanfeature.csv");
    Files.writeString(csv, "x1,x2,label\n0.5,0.5,1\nNaN,0.2,0\n");
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> run("data.source=csv", "data.path=" + csv));
    assertEquals(
        "training file " + csv + ", line 3: feature column 'x1' is NaN: features must be finite",
        error.getMessage());
  }

  @Test
  void infiniteFeatureIsNamed() throws Exception {
    Path csv = dir.resolve("inf.csv");
    Files.writeString(csv, "x1,x2,label\n0.5,Infinity,1\n0.1,0.2,0\n");
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> run("data.source=csv", "data.path=" + csv));
    assertEquals(
        "training file "
            + csv
            + ", line 2: feature column 'x2' is Infinity: features must be finite",
        error.getMessage());
  }

  @Test
  void moreLabelsThanTheOutputLayerHasClassesIsNamed() throws Exception {
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "x1,x2,label\n0.5,0.5,1\n0.1,0.2,2\n0.3,0.2,0\n");
    ConfException error =
        assertThrows(ConfException.class, () -> run("data.source=csv", "data.path=" + csv));
    assertEquals(
        "model.layers: the output layer (sigmoid) has 2 classes but training file "
            + csv
            + " holds 3 labels (0, 1, 2)",
        error.getMessage());
  }

  /** XOR rows as CSV with the columns in the given order; the label as yes/no if asked. */
  private Path xorCsv(String name, int rows, List<String> columns, String delimiter, boolean words)
      throws Exception {
    StringBuilder csv = new StringBuilder();
    if (!columns.isEmpty()) {
      csv.append(String.join(delimiter, columns)).append('\n');
    }
    List<String> order = columns.isEmpty() ? List.of("label", "x1", "x2") : columns;
    for (Example e : SyntheticData.XOR.generate(rows, 5)) {
      List<String> cells = new ArrayList<>();
      for (String column : order) {
        cells.add(
            switch (column) {
              case "x1" -> Double.toString(e.features().apply(0));
              case "x2" -> Double.toString(e.features().apply(1));
              default ->
                  words ? (e.target()[0] == 1 ? "yes" : "no") : (e.target()[0] == 1 ? "1" : "-1");
            });
      }
      csv.append(String.join(delimiter, cells)).append('\n');
    }
    return Files.writeString(dir.resolve(name), csv);
  }

  @Test
  void aTestFileIsMatchedToTheTrainingFileByColumnName() throws Exception {
    Path train = xorCsv("train.csv", 600, List.of("x1", "x2", "label"), ",", false);
    Path test = xorCsv("test.csv", 300, List.of("x2", "label", "x1"), ",", false);
    ObjectNode summary = run("data.source=csv", "data.path=" + train, "data.test_path=" + test);
    assertTrue(summary.get("test_accuracy").asDouble() > 0.9, summary.toString());
    assertEquals("[\"-1\",\"1\"]", summary.get("labels").toString());

    Path extra = xorCsv("extra.csv", 50, List.of("x1", "x2", "x3", "label"), ",", false);
    assertEquals(
        "data file %s has a column 'x3', which the training file %s has not"
            .formatted(extra, train),
        assertThrows(
                InvalidInputException.class,
                () -> run("data.source=csv", "data.path=" + train, "data.test_path=" + extra))
            .getMessage());
    Path missing = xorCsv("missing.csv", 50, List.of("x1", "label"), ",", false);
    assertEquals(
        "data file %s has no column 'x2', which the training file %s has".formatted(missing, train),
        assertThrows(
                InvalidInputException.class,
                () ->
                    run(
                        "data.source=csv",
                        "data.path=" + train,
                        "data.validation_fraction=0",
                        "data.validation_path=" + missing))
            .getMessage());
  }

  @Test
  void textLabelsInAHeaderlessFileAreIndexedAndStoredWithTheModel() throws Exception {
    Path train = xorCsv("words.txt", 600, List.of(), ";", true);
    List<String> job =
        List.of(
            "data.source=csv",
            "data.path=" + train,
            "data.header=false",
            "data.delimiter=;",
            "data.label_col=_c0",
            "data.test_fraction=0.3",
            "train.epochs=40");
    ObjectNode summary = run(job.toArray(new String[0]));
    assertEquals("[\"no\",\"yes\"]", summary.get("labels").toString());
    assertTrue(summary.get("test_accuracy").asDouble() > 0.9, summary.toString());
    assertEquals(
        List.of("no", "yes"),
        io.sparkmlp.store.ModelFiles.read(dir.resolve("out")).input().labels());

    List<String> reversed = new ArrayList<>(job);
    reversed.add("data.labels=yes,no");
    ObjectNode given = run(reversed.toArray(new String[0]));
    assertEquals("[\"yes\",\"no\"]", given.get("labels").toString());
    assertTrue(given.get("test_accuracy").asDouble() > 0.9, given.toString());

    Path test = Files.writeString(dir.resolve("maybe.txt"), "maybe;0.5;0.5\n");
    List<String> unseen = new ArrayList<>(job.subList(0, 5));
    unseen.add("data.test_path=" + test);
    assertEquals(
        "test file " + test + ", line 1: label 'maybe' is not one of the classes (no, yes)",
        assertThrows(InvalidInputException.class, () -> run(unseen.toArray(new String[0])))
            .getMessage());
  }

  @Test
  void aLineWithAnotherCellCountThanTheHeaderIsNamed() throws Exception {
    for (String line : List.of("0.1,0.2,0,9", "0.3,0")) {
      Path csv =
          Files.writeString(
              dir.resolve("ragged.csv"), "x1,x2,label\n0.5,0.5,1\n0.4,0.1,0\n" + line);
      assertEquals(
          "training file %s, line 4: a line of %d cells where the header has 3: '%s'"
              .formatted(csv, line.split(",").length, line),
          assertThrows(
                  InvalidInputException.class, () -> run("data.source=csv", "data.path=" + csv))
              .getMessage());
    }
    Path train = xorCsv("good.csv", 200);
    Path test =
        Files.writeString(dir.resolve("ragged-test.csv"), "x1,x2,label\n0.1,0.2,1\n0.3,0.3,0,5\n");
    assertEquals(
        "test file " + test + ", line 3: a line of 4 cells where the header has 3: '0.3,0.3,0,5'",
        assertThrows(
                InvalidInputException.class,
                () -> run("data.source=csv", "data.path=" + train, "data.test_path=" + test))
            .getMessage());
  }
}
