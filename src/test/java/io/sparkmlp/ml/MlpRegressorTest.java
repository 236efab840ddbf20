package io.sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.testing.SparkTest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MlpRegressor on y = sin(x): fit, predict vs transform, save/load, bad rows named. */
class MlpRegressorTest extends SparkTest {
  private static final double CONSTANT_PREDICTOR_RMSE = 0.7;
  private static final StructType SCHEMA =
      new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);

  private Dataset<Row> sine(int rows) {
    List<Row> table =
        SyntheticData.SINE.generate(rows, 1).stream()
            .map((Example e) -> RowFactory.create(e.features(), e.target()[0]))
            .toList();
    return spark().createDataFrame(table, SCHEMA);
  }

  private static MlpRegressor regressor() {
    return new MlpRegressor()
        .setLayers(1, 16, 1)
        .setActivation("tanh")
        .setStepSize(0.3)
        .setSchedule("cosine")
        .setBatchSize(32)
        .setEpochs(30)
        .setSeed(7);
  }

  @Test
  void fitsTheSineAndSurvivesSaveLoad(@TempDir Path dir) throws Exception {
    Dataset<Row> data = sine(320);
    MlpRegressionModel model = regressor().fit(data);
    Dataset<Row> predicted = model.transform(data);
    double rmse = new RegressionEvaluator().setMetricName("rmse").evaluate(predicted);
    assertTrue(rmse < 0.1, "rmse " + rmse);
    for (Row row : predicted.select("features", "prediction").collectAsList()) {
      // transform multiplies a chunk of rows, predict one row: rounded apart by the BLAS kernel
      assertEquals(row.getDouble(1), model.predict((Vector) row.get(0)), 1e-12);
    }
    assertEquals(
        "a features vector of size 2, but the model's input layer has 1 units",
        assertThrows(IllegalArgumentException.class, () -> model.predict(Vectors.dense(0.5, 0.5)))
            .getMessage());

    String path = dir.resolve("model").toString();
    model.write().save(path);
    MlpRegressionModel loaded = MlpRegressionModel.load(path);
    assertArrayEquals(model.weights(), loaded.weights());
    assertEquals("rmse", model.summary().metric());
    double[] rmses = model.summary().metricHistory();
    assertTrue(
        rmses[rmses.length - 1] < rmses[0], "the running RMSE falls: " + Arrays.toString(rmses));
    MlpClassifierTest.assertSummariesEqual(model.summary(), loaded.summary());
    assertEquals(
        predicted.select("prediction").collectAsList(),
        loaded.transform(data).select("prediction").collectAsList());
  }

  @Test
  void adamIsChosenByItsParam() {
    Dataset<Row> data = sine(320);
    MlpRegressionModel adam = regressor().setOptimizer("adam").setStepSize(0.03).fit(data);
    MlpRegressionModel sgd = regressor().fit(data);
    double rmse = new RegressionEvaluator().setMetricName("rmse").evaluate(adam.transform(data));
    // a constant prediction scores about 0.7 on sin(x) over [-3, 3]
    assertTrue(rmse < CONSTANT_PREDICTOR_RMSE / 4, "rmse " + rmse);
    assertEquals("adam", adam.getOrDefault(adam.param(Settings.OPTIMIZER)));
    assertFalse(
        Arrays.equals(adam.weights(), sgd.weights()), "adam and sgd trained the same weights");
  }

  @Test
  void wrongFeatureCountIsNamed() {
    Dataset<Row> data = sine(50);
    Exception error = assertThrows(Exception.class, () -> regressor().setLayers(2, 4, 1).fit(data));
    assertTrue(
        error.getMessage().contains("has 1 features but the input layer has 2"),
        error.getMessage());
  }

  @Test
  void nullLabelIsNamed() {
    Dataset<Row> data =
        spark().createDataFrame(List.of(RowFactory.create(Vectors.dense(0.5), null)), SCHEMA);
    Exception error = assertThrows(Exception.class, () -> regressor().fit(data));
    assertTrue(
        error.getMessage().contains("column 'label' holds a null label"), error.getMessage());
  }

  @Test
  void unknownColumnIsNamed() {
    Exception error =
        assertThrows(Exception.class, () -> regressor().setFeaturesCol("pixels").fit(sine(10)));
    assertTrue(error.getMessage().contains("pixels"), error.getMessage());
  }
}
