package io.sparkmlp.ml;

import static io.sparkmlp.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.Tokenizer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sparse features from Spark's own transformers train without being densified, in pipelines that
 * save and load, and the sparse first layer learns the weights the dense one learns.
 */
class SparseFeaturesTest extends SparkTest {
  /** HashingTF's default width: a dense block of 512 such rows would take 1 GiB. */
  private static final int HASHED = 1 << 18;

  private static final int CATEGORIES = 20;

  /** Three topics of 30 words each, and 30 words all topics use; 12 words a document. */
  private Dataset<Row> documents(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      int topic = random.nextInt(3);
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 12; w++) {
        boolean own = random.nextBoolean();
        text.append(own ? "topic" + topic + "word" : "common")
            .append(random.nextInt(30))
            .append(' ');
      }
      rows.add(RowFactory.create(text.toString(), (double) topic));
    }
    StructType schema =
        new StructType().add("text", DataTypes.StringType).add("label", DataTypes.DoubleType);
    return spark().createDataFrame(rows, schema);
  }

  /** Two categorical columns of 20 values; the label is whether their indices sum to 20 or more. */
  private Dataset<Row> categories(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      int colour = random.nextInt(CATEGORIES);
      int shape = random.nextInt(CATEGORIES);
      rows.add(
          RowFactory.create("colour" + colour, "shape" + shape, colour + shape >= 20 ? 1.0 : 0.0));
    }
    StructType schema =
        new StructType()
            .add("colour", DataTypes.StringType)
            .add("shape", DataTypes.StringType)
            .add("label", DataTypes.DoubleType);
    return spark().createDataFrame(rows, schema);
  }

  private static Pipeline hashedText(MlpClassifier classifier) {
    return new Pipeline()
        .setStages(
            new PipelineStage[] {
              new Tokenizer().setInputCol("text").setOutputCol("words"),
              new HashingTF().setInputCol("words").setOutputCol("features"),
              classifier
            });
  }

  private static Pipeline oneHot(MlpClassifier classifier) {
    return new Pipeline()
        .setStages(
            new PipelineStage[] {
              new StringIndexer()
                  .setInputCols(new String[] {"colour", "shape"})
                  .setOutputCols(new String[] {"colourIndex", "shapeIndex"})
                  .setStringOrderType("alphabetAsc"),
              new OneHotEncoder()
                  .setInputCols(new String[] {"colourIndex", "shapeIndex"})
                  .setOutputCols(new String[] {"colourVector", "shapeVector"}),
              new VectorAssembler()
                  .setInputCols(new String[] {"colourVector", "shapeVector"})
                  .setOutputCol("features"),
              classifier
            });
  }

  private static double accuracy(Dataset<Row> predictions) {
    return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
  }

  private static MlpClassificationModel mlp(PipelineModel model) {
    return (MlpClassificationModel) model.stages()[model.stages().length - 1];
  }

  @Test
  void tokenizerHashingTfMlpTrainsSparseAndSavesAndLoads(@TempDir Path dir) throws IOException {
    MlpClassifier classifier =
        new MlpClassifier()
            .setLayers(HASHED, 16, 3)
            .setActivation("relu")
            .setInitializer("he")
            .setOptimizer("adam")
            .setStepSize(0.03)
            .setBatchSize(100)
            .setEpochs(4)
            .setSeed(3);
    Dataset<Row> train = documents(400, 1);
    Dataset<Row> test = documents(200, 2);
    PipelineModel model = hashedText(classifier).fit(train);

    assertEquals("sparse", mlp(model).summary().featureLayout(), "auto picks sparse");
    Dataset<Row> predicted = model.transform(test);
    double accuracy = accuracy(predicted);
    assertTrue(accuracy > 0.95, "test accuracy " + accuracy);

    model.write().overwrite().save(dir.toString());
    PipelineModel loaded = PipelineModel.load(dir.toString());
    assertArrayEquals(mlp(model).weights(), mlp(loaded).weights());
    assertEquals(
        predicted.select("probability").collectAsList(),
        loaded.transform(test).select("probability").collectAsList());
  }

  @Test
  void oneHotColumnsTrainSparseAndSaveAndLoad(@TempDir Path dir) throws IOException {
    MlpClassifier classifier = oneHotClassifier();
    Dataset<Row> train = categories(1000, 5);
    PipelineModel model = oneHot(classifier).fit(train);

    assertEquals("sparse", mlp(model).summary().featureLayout(), "2 of 38 features are non-zero");
    Dataset<Row> test = categories(500, 6);
    double accuracy = accuracy(model.transform(test));
    assertTrue(accuracy > 0.9, "test accuracy " + accuracy);

    model.write().overwrite().save(dir.toString());
    PipelineModel loaded = PipelineModel.load(dir.toString());
    assertEquals(
        model.transform(test).select("prediction").collectAsList(),
        loaded.transform(test).select("prediction").collectAsList());
  }

  @Test
  void sparseTrainingRepeatsBitForBitAndMatchesDenseToRounding() {
    Dataset<Row> train = categories(1000, 5);
    double[] sparse =
        mlp(oneHot(oneHotClassifier().setFeatureLayout("sparse")).fit(train)).weights();
    double[] again =
        mlp(oneHot(oneHotClassifier().setFeatureLayout("sparse")).fit(train)).weights();
    double[] dense = mlp(oneHot(oneHotClassifier().setFeatureLayout("dense")).fit(train)).weights();
    assertArrayEquals(sparse, again, "sparse runs repeat bit for bit");
    // 6 epochs of 10 steps: the two sum each step's products in another order; measured 4.4e-16
    // apart at the end, a rounding difference, where a wrong product would be off by far more
    assertClose(dense, sparse, 1e-12);
  }

  private static MlpClassifier oneHotClassifier() {
    return new MlpClassifier()
        .setLayers(2 * (CATEGORIES - 1), 16, 2)
        .setActivation("tanh")
        .setOptimizer("adam")
        .setStepSize(0.03)
        .setBatchSize(100)
        .setEpochs(6)
        .setSeed(7);
  }
}
