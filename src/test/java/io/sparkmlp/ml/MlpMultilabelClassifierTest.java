package io.sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MlpMultilabelClassifier on rows with three yes/no labels of four features, one of them not linear
 * (x1 x4 > 0): each label learnt beyond always answering its more frequent value.
 */
class MlpMultilabelClassifierTest extends SparkTest {
  private static final StructType COLUMNS =
      new StructType()
          .add("x1", DataTypes.DoubleType)
          .add("x2", DataTypes.DoubleType)
          .add("x3", DataTypes.DoubleType)
          .add("x4", DataTypes.DoubleType)
          .add("positive", DataTypes.DoubleType)
          .add("above", DataTypes.DoubleType)
          .add("same_sign", DataTypes.DoubleType);

  /** {@link TestData#threeLabels} as columns. */
  private Dataset<Row> rows(int count, long seed) {
    List<Row> rows = new ArrayList<>();
    for (double[] row : TestData.threeLabels(count, seed)) {
      rows.add(RowFactory.create(row[0], row[1], row[2], row[3], row[4], row[5], row[6]));
    }
    return spark().createDataFrame(rows, COLUMNS);
  }

  /** Rows of a features vector and a label vector. */
  private Dataset<Row> vectors(Row... rows) {
    return spark()
        .createDataFrame(
            List.of(rows),
            new StructType()
                .add("features", SQLDataTypes.VectorType())
                .add("label", SQLDataTypes.VectorType()));
  }

  private static Pipeline pipeline() {
    return new Pipeline()
        .setStages(
            new PipelineStage[] {
              new VectorAssembler()
                  .setInputCols(new String[] {"x1", "x2", "x3", "x4"})
                  .setOutputCol("features"),
              new VectorAssembler()
                  .setInputCols(new String[] {"positive", "above", "same_sign"})
                  .setOutputCol("label"),
              new MlpMultilabelClassifier()
                  .setLayers(4, 16, 3)
                  .setActivation("tanh")
                  .setOptimizer("adam")
                  .setStepSize(0.02)
                  .setBatchSize(32)
                  .setEpochs(20)
                  .setSeed(3)
            });
  }

  @Test
  void eachLabelBeatsItsMajorityAndSaveLoadKeepsEveryBit(@TempDir Path dir) throws Exception {
    Dataset<Row> train = rows(1200, 1);
    Dataset<Row> test = rows(400, 2);
    PipelineModel fitted = pipeline().fit(train);
    MlpMultilabelModel model = (MlpMultilabelModel) fitted.stages()[2];

    List<Row> predicted =
        fitted.transform(test).select("label", "prediction", "probability").collectAsList();
    long[] right = new long[3];
    long[] ones = new long[3];
    for (Row row : predicted) {
      double[] label = ((Vector) row.get(0)).toArray();
      double[] prediction = ((Vector) row.get(1)).toArray();
      double[] probability = ((Vector) row.get(2)).toArray();
      for (int k = 0; k < 3; k++) {
        assertEquals(probability[k] >= 0.5 ? 1.0 : 0.0, prediction[k]);
        right[k] += label[k] == prediction[k] ? 1 : 0;
        ones[k] += label[k] == 1 ? 1 : 0;
      }
    }
    for (int k = 0; k < 3; k++) {
      double accuracy = right[k] / 400.0;
      double majority = Math.max(ones[k], 400 - ones[k]) / 400.0;
      assertTrue(
          accuracy > majority + 0.2,
          "label " + k + ": test accuracy " + accuracy + ", majority " + majority);
    }

    MlpTrainingSummary summary = model.summary();
    assertEquals("accuracy", summary.metric());
    assertEquals(3, summary.labelAccuracy().length);
    double mean =
        (summary.labelAccuracy()[0] + summary.labelAccuracy()[1] + summary.labelAccuracy()[2]) / 3;
    assertTrue(mean > 0.9, "mean training accuracy over the labels " + mean);

    String path = dir.resolve("pipeline").toString();
    fitted.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(
        fitted.transform(test).select("probability").collectAsList(),
        loaded.transform(test).select("probability").collectAsList());
    MlpMultilabelModel loadedModel = (MlpMultilabelModel) loaded.stages()[2];
    assertArrayEquals(model.weights(), loadedModel.weights());
    assertArrayEquals(summary.labelAccuracy(), loadedModel.summary().labelAccuracy());
  }

  @Test
  void aLabelThatIsNotZeroOrOneIsNamed() {
    Dataset<Row> rows =
        vectors(
            RowFactory.create(Vectors.dense(0.1, 0.2), Vectors.dense(1, 0)),
            RowFactory.create(Vectors.dense(0.3, 0.4), Vectors.dense(1, 2)));
    Exception error =
        assertThrows(
            Exception.class,
            () -> new MlpMultilabelClassifier().setLayers(2, 4, 2).setEpochs(1).fit(rows));
    assertTrue(error.getMessage().contains("label 2 is 2.0, must be 0 or 1"), error.getMessage());
  }

  @Test
  void layersEndingInAnotherCountThanTheLabelsAreRefused() {
    Dataset<Row> rows = vectors(RowFactory.create(Vectors.dense(0.1, 0.2), Vectors.dense(1, 0)));
    Exception error =
        assertThrows(
            Exception.class,
            () -> new MlpMultilabelClassifier().setLayers(2, 4, 3).setEpochs(1).fit(rows));
    assertTrue(
        error.getMessage().contains("has 2 targets, the network needs 3"), error.getMessage());
  }
}
