package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.sparkmlp.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
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
      csv.append(e.features()[0])
          .append(',')
          .append(e.features()[1])
          .append(',')
          .append((int) e.target()[0])
          .append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, csv);
    return file;
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
      rows.add(RowFactory.create(Vectors.dense(e.features()), e.target()[0]));
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
        "data file " + csv + ": column 'x2' is not numeric (it holds 'abc')", error.getMessage());
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
    assertTrue(error.getMessage().contains("target is NaN, must be finite"), error.getMessage());
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
        error.getMessage().startsWith("data file " + libsvm + ": requirement failed: "),
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
    assertTrue(error.getMessage().contains("feature 0 is NaN, must be finite"), error.getMessage());
  }

  @Test
  void infiniteFeatureIsNamed() throws Exception {
    Path csv = dir.resolve("inf.csv");
    Files.writeString(csv, "x1,x2,label\n0.5,Infinity,1\n0.1,0.2,0\n");
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> run("data.source=csv", "data.path=" + csv));
    assertTrue(
        error.getMessage().contains("feature 1 is Infinity, must be finite"), error.getMessage());
  }

  @Test
  void labelOutsideTheClassesIsNamed() throws Exception {
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "x1,x2,label\n0.5,0.5,1\n0.1,0.2,2\n");
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> run("data.source=csv", "data.path=" + csv));
    assertTrue(
        error.getMessage().contains("label 2.0 is not a class in [0, 2)"), error.getMessage());
  }
}
