package io.sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.data.Example;
import io.sparkmlp.files.AtomicFiles;
import io.sparkmlp.files.Json;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.Workspace;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.ModelInput;
import io.sparkmlp.store.SavedModel;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models travel between the Spark 3.5 and the Spark 4.x build: a Spark ML model, a PipelineModel
 * and a command-line model directory saved by each build (fixtures under src/test/resources, made
 * by {@link #writeThisBuildsFixtures}) load in this build and predict the very numbers they were
 * saved with.
 */
class ModelsTravelTest extends SparkTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  private static final String[] COLUMNS = {"a", "b", "c", "d"};

  @ParameterizedTest(name = "saved by the {0} build")
  @ValueSource(strings = {"spark-3.5", "spark-4"})
  void aSparkMlModelLoadsAndPredictsTheSavedNumbers(String build) throws Exception {
    Path dir = FIXTURES.resolve(build);
    MlpClassificationModel model =
        MlpClassificationModel.load(dir.resolve("classifier").toString());
    assertFalse(model.hasSummary(), "saved before models kept their summary");
    JsonNode expected = expected(dir);
    List<Vector> inputs = inputs(expected);
    for (int i = 0; i < inputs.size(); i++) {
      assertBitsEqual(
          expected.path("probabilities").get(i), model.predictProbability(inputs.get(i)));
    }
  }

  @ParameterizedTest(name = "saved by the {0} build")
  @ValueSource(strings = {"spark-3.5", "spark-4"})
  void aPipelineModelLoadsAndPredictsTheSavedNumbers(String build) throws Exception {
    Path dir = FIXTURES.resolve(build);
    PipelineModel pipeline = PipelineModel.load(dir.resolve("pipeline").toString());
    JsonNode expected = expected(dir);
    List<Row> predicted =
        pipeline.transform(frame(inputs(expected))).select("probability").collectAsList();
    for (int i = 0; i < predicted.size(); i++) {
      assertBitsEqual(expected.path("probabilities").get(i), predicted.get(i).getAs(0));
    }
  }

  @ParameterizedTest(name = "saved by the {0} build")
  @ValueSource(strings = {"spark-3.5", "spark-4"})
  void aCommandLineModelLoadsAndPredictsTheSavedNumbers(String build) throws Exception {
    Path dir = FIXTURES.resolve(build);
    SavedModel model = ModelFiles.read(dir.resolve("cli-model"));
    JsonNode expected = expected(dir);
    List<Vector> inputs = inputs(expected);
    Workspace<double[]> ws = Workspace.float64(model.topology(), 1);
    for (int i = 0; i < inputs.size(); i++) {
      Backprop.forward(
          model.topology(),
          model.parameters(),
          Matrix.of(inputs.get(i).toArray(), 0, model.topology().inputs(), 1),
          ws);
      assertBitsEqual(expected.path("probabilities").get(i), Vectors.dense(ws.outputs().clone()));
    }
  }

  @Test
  void aCommandLineModelLoadedAsASparkMlModelHasNoSummary() {
    MlpClassificationModel model =
        MlpClassificationModel.load(FIXTURES.resolve("spark-3.5").resolve("cli-model").toString());
    assertFalse(model.hasSummary());
    IllegalStateException error = assertThrows(IllegalStateException.class, model::summary);
    assertTrue(
        error.getMessage().startsWith("no training summary available for "), error.getMessage());
  }

  /**
   * Writes this build's fixtures: run once per build with {@code -Dfixtures.write=true} (e.g.
   * {@code mvn test -Pspark-4 -Dtest=ModelsTravelTest -Dfixtures.write=true}).
   */
  @Test
  @EnabledIfSystemProperty(named = "fixtures.write", matches = "true")
  void writeThisBuildsFixtures() throws Exception {
    String build = sc().version().startsWith("3.") ? "spark-3.5" : "spark-4";
    Path dir = FIXTURES.resolve(build);
    Files.createDirectories(dir);
    List<Example> rows = TestData.blobs(3, 4, 120, 7);
    List<Vector> inputs = new ArrayList<>();
    for (Example row : rows.subList(0, 6)) {
      inputs.add(row.features());
    }
    Dataset<Row> training = labelled(rows);
    MlpClassifier classifier =
        new MlpClassifier().setLayers(4, 5, 3).setEpochs(3).setBatchSize(16).setSeed(3);
    Pipeline pipeline =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new VectorAssembler().setInputCols(COLUMNS).setOutputCol("features"), classifier
                });
    PipelineModel fitted = pipeline.fit(training);
    MlpClassificationModel model = (MlpClassificationModel) fitted.stages()[1];
    fitted.write().overwrite().save(dir.resolve("pipeline").toString());
    model.write().overwrite().save(dir.resolve("classifier").toString());
    Files.createDirectories(dir.resolve("cli-model"));
    ModelFiles.write(dir.resolve("cli-model"), model.topology(), model.weights(), ModelInput.NONE);
    ObjectNode expected = Json.object();
    ArrayNode inputNodes = expected.putArray("inputs");
    ArrayNode probabilities = expected.putArray("probabilities");
    for (Vector input : inputs) {
      numbers(inputNodes.addArray(), input);
      numbers(probabilities.addArray(), model.predictProbability(input));
    }
    AtomicFiles.write(dir.resolve("expected.json"), Json.pretty(expected));
  }

  private Dataset<Row> labelled(List<Example> rows) {
    StructType schema = schema().add("label", DataTypes.DoubleType);
    List<Row> data = new ArrayList<>();
    for (Example row : rows) {
      double[] x = row.features().toArray();
      data.add(RowFactory.create(x[0], x[1], x[2], x[3], row.target()[0]));
    }
    return spark().createDataFrame(data, schema);
  }

  private Dataset<Row> frame(List<Vector> inputs) {
    List<Row> data = new ArrayList<>();
    for (Vector input : inputs) {
      double[] x = input.toArray();
      data.add(RowFactory.create(x[0], x[1], x[2], x[3]));
    }
    return spark().createDataFrame(data, schema());
  }

  private static StructType schema() {
    StructType schema = new StructType();
    for (String column : COLUMNS) {
      schema = schema.add(column, DataTypes.DoubleType);
    }
    return schema;
  }

  private static JsonNode expected(Path dir) throws Exception {
    Path file = dir.resolve("expected.json");
    assertTrue(Files.exists(file), file + " is missing: see writeThisBuildsFixtures");
    return Json.MAPPER.readTree(file.toFile());
  }

  private static List<Vector> inputs(JsonNode expected) {
    List<Vector> inputs = new ArrayList<>();
    for (JsonNode input : expected.path("inputs")) {
      double[] x = new double[input.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = input.get(i).asDouble();
      }
      inputs.add(Vectors.dense(x));
    }
    return inputs;
  }

  /** Doubles written with Jackson's shortest exact decimal read back to the same bits. */
  private static void numbers(ArrayNode into, Vector values) {
    for (double value : values.toArray()) {
      into.add(value);
    }
  }

  private static void assertBitsEqual(JsonNode expected, Vector actual) {
    double[] values = actual.toArray();
    assertEquals(expected.size(), values.length);
    for (int i = 0; i < values.length; i++) {
      assertEquals(
          Double.doubleToLongBits(expected.get(i).asDouble()),
          Double.doubleToLongBits(values[i]),
          "entry " + i + ": saved " + expected.get(i) + ", predicted " + values[i]);
    }
  }
}
