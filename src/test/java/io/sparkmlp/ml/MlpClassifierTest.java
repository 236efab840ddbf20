package io.sparkmlp.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sparkmlp.bench.Soak;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * MlpClassifier as a Spark ML citizen: on generated 3-class blobs (4 features), and in a pipeline
 * on the iris sample when the shared data folder is there.
 */
class MlpClassifierTest extends SparkTest {
  private static final Path IRIS =
      Path.of("../shared/data/spark-samples/sample_multiclass_classification_data.txt");
  private static final double IRIS_ACCURACY = 0.9;

  private static final StructType SCHEMA =
      new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);

  private Dataset<Row> blobs;

  @BeforeEach
  void makeBlobs() {
    List<Row> rows =
        TestData.blobs(3, 4, 150, 11).stream()
            .map(e -> RowFactory.create(e.features(), e.target()[0]))
            .toList();
    blobs = spark().createDataFrame(rows, SCHEMA).cache();
  }

  private Dataset<Row> iris() {
    assumeTrue(
        Files.exists(IRIS), "the iris sample is not in " + IRIS.toAbsolutePath() + ": skipped");
    return spark().read().format("libsvm").option("numFeatures", 4).load(IRIS.toString());
  }

  private static MlpClassifier classifier() {
    return new MlpClassifier()
        .setLayers(4, 8, 3)
        .setActivation("tanh")
        .setStepSize(0.1)
        .setBatchSize(16)
        .setEpochs(30)
        .setSeed(5);
  }

  @Test
  void copyKeepsTheUidAndOwnsEveryParam() {
    MlpClassifier original = classifier();
    MlpClassifier copy = original.copy(new ParamMap().put(original.param(Settings.EPOCHS).w(7)));
    assertEquals(original.uid(), copy.uid());
    assertEquals(7, copy.getOrDefault(copy.param(Settings.EPOCHS)));
    assertEquals(30, original.getOrDefault(original.param(Settings.EPOCHS)));
    for (Param<?> param : copy.params()) {
      assertEquals(copy.uid(), param.parent(), param.name());
    }
    assertTrue(copy.explainParams().contains("layers: units per layer"));
    assertEquals(new MlpClassifier("fixed").uid(), "fixed");
  }

  @Test
  void pipelineWithAssemblerScalerAndIndexerLearnsIris(@TempDir Path dir) throws Exception {
    Dataset<Row> table =
        iris()
            .withColumn("x", functions.vector_to_array(col("features"), "float64"))
            .select(
                element_at(col("x"), 1).as("sepal_length"),
                element_at(col("x"), 2).as("sepal_width"),
                element_at(col("x"), 3).as("petal_length"),
                element_at(col("x"), 4).as("petal_width"),
                when(col("label").equalTo(0), "setosa")
                    .when(col("label").equalTo(1), "versicolor")
                    .otherwise("virginica")
                    .as("species"));
    Pipeline pipeline =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new VectorAssembler()
                      .setInputCols(
                          new String[] {
                            "sepal_length", "sepal_width", "petal_length", "petal_width"
                          })
                      .setOutputCol("raw"),
                  new StandardScaler().setInputCol("raw").setOutputCol("features"),
                  new StringIndexer().setInputCol("species").setOutputCol("label"),
                  classifier()
                });
    PipelineModel fitted = pipeline.fit(table);
    Dataset<Row> predicted = fitted.transform(table);
    double accuracy =
        new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predicted);
    assertTrue(accuracy >= IRIS_ACCURACY, "accuracy " + accuracy);

    String path = dir.resolve("pipeline").toString();
    fitted.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(probabilities(predicted), probabilities(loaded.transform(table)));
  }

  @Test
  void aFeaturesVectorOfAnotherSizeIsRefusedNamingBothSizes() {
    MlpClassificationModel model = classifier().setEpochs(1).fit(blobs);
    for (double[] features : List.of(new double[5], new double[3])) {
      String expected =
          "a features vector of size %d, but the model's input layer has 4 units"
              .formatted(features.length);
      Vector vector = Vectors.dense(features);
      assertEquals(
          expected,
          assertThrows(IllegalArgumentException.class, () -> model.predict(vector)).getMessage());
      assertEquals(
          expected,
          assertThrows(IllegalArgumentException.class, () -> model.predictProbability(vector))
              .getMessage());
      Dataset<Row> wrong = spark().createDataFrame(List.of(RowFactory.create(vector, 0.0)), SCHEMA);
      Exception failed = assertThrows(Exception.class, () -> model.transform(wrong).collect());
      assertTrue(rootMessage(failed).endsWith(expected), rootMessage(failed));
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  @Test
  void predictAgreesWithTransformAndSaveLoadKeepsEveryBit(@TempDir Path dir) throws Exception {
    MlpClassificationModel model = classifier().fit(blobs);
    Dataset<Row> predicted = model.transform(blobs);
    for (Row row : predicted.select("features", "prediction", "probability").collectAsList()) {
      Vector features = row.getAs(0);
      assertEquals(row.getDouble(1), model.predict(features));
      // transform multiplies a chunk of rows, predict one row: the same sums, rounded in another
      // order by the BLAS kernel for another matrix shape
      assertArrayEquals(
          ((Vector) row.get(2)).toArray(), model.predictProbability(features).toArray(), 1e-12);
    }
    assertEquals(30, model.lossHistory().length);
    assertTrue(model.lossHistory()[29] < model.lossHistory()[0]);

    String path = dir.resolve("model").toString();
    model.write().save(path);
    MlpClassificationModel loaded = MlpClassificationModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertArrayEquals(model.weights(), loaded.weights());
    assertEquals(
        model.getOrDefault(model.param(Settings.EPOCHS)),
        loaded.getOrDefault(loaded.param(Settings.EPOCHS)));
    assertEquals(probabilities(predicted), probabilities(loaded.transform(blobs)));
    assertSummariesEqual(model.summary(), loaded.summary());
  }

  /** A fit's summary: per epoch, the figures the trainer measured; saved and loaded with it. */
  @Test
  void theSummaryTellsEachEpochAndTheKeptOne() {
    MlpClassificationModel model = classifier().setEpochs(5).fit(blobs);
    assertTrue(model.hasSummary());
    MlpTrainingSummary summary = model.summary();
    assertEquals("accuracy", summary.metric());
    assertArrayEquals(model.lossHistory(), summary.objectiveHistory());
    assertEquals(5, summary.metricHistory().length);
    assertTrue(summary.metricHistory()[4] > summary.metricHistory()[0], "accuracy grows");
    assertTrue(Arrays.stream(summary.metricHistory()).allMatch(a -> a >= 0 && a <= 1));
    assertEquals(0, summary.validationLossHistory().length, "no validation rows");
    assertEquals(5, summary.keptEpoch());
    assertEquals(5 * 10, summary.totalIterations(), "150 rows in batches of 16: 10 steps");
    assertFalse(summary.stoppedEarly());

    // a min delta larger than any loss: only epoch 1 counts as an improvement
    MlpTrainingSummary stopped =
        classifier()
            .setValidationFraction(0.2)
            .setEarlyStoppingPatience(2)
            .setEarlyStoppingMinDelta(100)
            .fit(blobs)
            .summary();
    assertEquals(3, stopped.validationLossHistory().length);
    assertEquals(3, stopped.validationMetricHistory().length);
    assertEquals(1, stopped.keptEpoch());
    assertTrue(stopped.stoppedEarly());
  }

  static void assertSummariesEqual(MlpTrainingSummary expected, MlpTrainingSummary actual) {
    assertEquals(expected.metric(), actual.metric());
    assertArrayEquals(expected.objectiveHistory(), actual.objectiveHistory());
    assertArrayEquals(expected.metricHistory(), actual.metricHistory());
    assertArrayEquals(expected.validationLossHistory(), actual.validationLossHistory());
    assertArrayEquals(expected.validationMetricHistory(), actual.validationMetricHistory());
    assertEquals(expected.keptEpoch(), actual.keptEpoch());
    assertEquals(expected.totalIterations(), actual.totalIterations());
    assertEquals(expected.stoppedEarly(), actual.stoppedEarly());
    assertArrayEquals(expected.labelAccuracy(), actual.labelAccuracy());
  }

  @Test
  void loadingAnotherClassIsRefusedByName(@TempDir Path dir) throws Exception {
    String path = dir.resolve("estimator").toString();
    classifier().write().save(path);
    MlpClassifier estimator = MlpClassifier.load(path);
    assertEquals(30, estimator.getOrDefault(estimator.param(Settings.EPOCHS)));
    Exception error = assertThrows(Exception.class, () -> MlpClassificationModel.load(path));
    assertTrue(
        error.getMessage().contains("Expected class name io.sparkmlp.ml.MlpClassificationModel"),
        error.getMessage());
  }

  @Test
  void weightCountNotMatchingTheLayersIsRefused(@TempDir Path dir) throws Exception {
    String path =
        savedWithWeights(dir, org.apache.spark.sql.functions.slice(col("weights"), 1, 10));
    Exception error = assertThrows(Exception.class, () -> MlpClassificationModel.load(path));
    assertEquals(
        "cannot load the model at "
            + path
            + ": 10 weights do not fit layers [4, 8, 3], which need 67",
        error.getMessage());
  }

  @Test
  void nanWeightIsRefused(@TempDir Path dir) throws Exception {
    String path =
        savedWithWeights(
            dir,
            org.apache.spark.sql.functions.concat(
                org.apache.spark.sql.functions.array(
                    org.apache.spark.sql.functions.lit(Double.NaN)),
                org.apache.spark.sql.functions.slice(col("weights"), 2, 66)));
    Exception error = assertThrows(Exception.class, () -> MlpClassificationModel.load(path));
    assertEquals("cannot load the model at " + path + ": weight 0 is NaN", error.getMessage());
  }

  /** A saved model whose weights column is replaced by {@code weights}; returns its path. */
  private String savedWithWeights(Path dir, Column weights) throws Exception {
    String path = dir.resolve("model").toString();
    classifier().setEpochs(1).fit(blobs).write().save(path);
    String dataPath = path + "/data";
    Dataset<Row> saved = spark().read().parquet(dataPath);
    String altered = dir.resolve("altered").toString();
    saved.withColumn("weights", weights).write().parquet(altered);
    org.apache.commons.io.FileUtils.deleteDirectory(new java.io.File(dataPath));
    org.apache.commons.io.FileUtils.moveDirectory(
        new java.io.File(altered), new java.io.File(dataPath));
    return path;
  }

  @Test
  void crossValidatorPicksAModel() {
    MlpClassifier mlp = classifier().setEpochs(5);
    CrossValidator validator =
        new CrossValidator()
            .setEstimator(mlp)
            .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
            .setEstimatorParamMaps(
                new ParamGridBuilder()
                    .addGrid(mlp.doubleParam(Settings.LEARNING_RATE), new double[] {0.01, 0.1})
                    .addGrid(mlp.intParam(Settings.BATCH_SIZE), new int[] {16, 64})
                    .build())
            .setNumFolds(2)
            .setSeed(3);
    CrossValidatorModel chosen = validator.fit(blobs);
    assertEquals(4, chosen.avgMetrics().length);
    assertInstanceOf(MlpClassificationModel.class, chosen.bestModel());
  }

  /**
   * Four fits at once in one SparkContext (CrossValidator's parallelism): each sub-model has the
   * bits of the same fit alone, and no cached rows or broadcast weights are left behind.
   */
  @Test
  void concurrentFitsAreTheFitsAloneAndLeaveNothingBehind() {
    MlpClassifier mlp = classifier().setEpochs(2);
    ParamMap[] grid =
        new ParamGridBuilder()
            .addGrid(mlp.doubleParam(Settings.LEARNING_RATE), new double[] {0.05, 0.1})
            .addGrid(mlp.intParam(Settings.BATCH_SIZE), new int[] {8, 32})
            .build();
    blobs.count(); // its own cache, built now, is not a fit's
    int cachedBefore = jsc().getPersistentRDDs().size();
    int broadcastsBefore = Soak.settledBroadcastBlocks();
    CrossValidatorModel validated =
        new CrossValidator()
            .setEstimator(mlp)
            .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
            .setEstimatorParamMaps(grid)
            .setNumFolds(2)
            .setSeed(3)
            .setParallelism(4)
            .setCollectSubModels(true)
            .fit(blobs);
    Tuple2<RDD<Row>, RDD<Row>>[] folds =
        MLUtils.kFold(blobs.rdd(), 2, 3L, ClassTag$.MODULE$.apply(Row.class));
    for (int fold = 0; fold < folds.length; fold++) {
      Dataset<Row> training = spark().createDataFrame(folds[fold]._1(), blobs.schema());
      for (int m = 0; m < grid.length; m++) {
        double[] alone = ((MlpClassificationModel) mlp.fit(training, grid[m])).weights();
        assertArrayEquals(
            alone,
            ((MlpClassificationModel) validated.subModels()[fold][m]).weights(),
            "fold " + fold + ", " + grid[m]);
      }
    }
    assertEquals(cachedBefore, jsc().getPersistentRDDs().size(), "cached RDDs left behind");
    int broadcastsAfter = Soak.settledBroadcastBlocks();
    assertTrue(
        broadcastsAfter <= broadcastsBefore,
        "broadcast blocks still referenced: " + broadcastsBefore + " before, " + broadcastsAfter);
  }

  /**
   * weightCol: weights of 1 or 2 (a power of two scales exactly, and the mean divides by the weight
   * sum) fit the bits of no weights; other weights fit another model; a negative weight or a text
   * column is refused by name.
   */
  @Test
  void uniformWeightsFitTheBitsOfNoWeightsAndBadWeightsAreNamed() {
    double[] plain = classifier().setEpochs(3).fit(blobs).weights();
    for (double weight : new double[] {1, 2}) {
      Dataset<Row> weighted = blobs.withColumn("w", lit(weight));
      assertArrayEquals(
          plain,
          classifier().setEpochs(3).setWeightCol("w").fit(weighted).weights(),
          "weights of " + weight);
    }
    Dataset<Row> skewed = blobs.withColumn("w", when(col("label").equalTo(0), 5).otherwise(1));
    assertFalse(
        Arrays.equals(plain, classifier().setEpochs(3).setWeightCol("w").fit(skewed).weights()));

    Dataset<Row> negative = blobs.withColumn("w", when(col("label").equalTo(2), -1).otherwise(1));
    Exception error =
        assertThrows(Exception.class, () -> classifier().setWeightCol("w").fit(negative));
    assertTrue(
        error.getMessage().contains("weight -1.0 in column 'w' must be finite and >= 0"),
        error.getMessage());
    Exception text =
        assertThrows(
            Exception.class,
            () -> classifier().setWeightCol("w").fit(blobs.withColumn("w", lit("heavy"))));
    assertEquals("weight column 'w' must be numeric, not string", text.getMessage());
  }

  /**
   * initialWeights, as MLPC's: a step of lr 1e-300 leaves a fit where it starts, so the model is
   * the given weights; another start fits another model; a vector of another size is refused.
   */
  @Test
  void initialWeightsAreWhereTheFitStarts() {
    double[] trained = classifier().setEpochs(3).fit(blobs).weights();
    double[] kept =
        classifier()
            .setEpochs(1)
            .setStepSize(1e-300)
            .setInitialWeights(Vectors.dense(trained))
            .fit(blobs)
            .weights();
    assertArrayEquals(trained, kept, 1e-250);
    double[] fresh = classifier().setEpochs(1).setStepSize(1e-300).fit(blobs).weights();
    assertFalse(Arrays.equals(fresh, kept));

    Exception error =
        assertThrows(
            IllegalArgumentException.class,
            () -> classifier().setInitialWeights(Vectors.dense(1, 2, 3)).fit(blobs));
    assertEquals(
        "initialWeights: 3 values, but the network 4-8-3 tanh, softmax+cross_entropy has 67"
            + " parameters",
        error.getMessage());
  }

  /**
   * Dropout changes the fit, repeats bit for bit, and leaves the predictions to the whole network:
   * a model predicts the same whatever rate it was fitted with, given its weights.
   */
  @Test
  void dropoutChangesTheFitRepeatsAndIsNamedWhenItsRatesDoNotFit() {
    MlpClassificationModel dropped = classifier().setDropout(0.3).fit(blobs);
    assertArrayEquals(dropped.weights(), classifier().setDropout(0.3).fit(blobs).weights());
    assertFalse(Arrays.equals(dropped.weights(), classifier().fit(blobs).weights()));
    MlpClassificationModel sameWeights =
        classifier()
            .setEpochs(1)
            .setStepSize(1e-300)
            .setInitialWeights(Vectors.dense(dropped.weights()))
            .fit(blobs);
    assertEquals(
        probabilities(dropped.transform(blobs)), probabilities(sameWeights.transform(blobs)));

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> classifier().setDropout(0.1, 0.2).fit(blobs));
    assertTrue(
        error
            .getMessage()
            .endsWith(
                " Param dropout: give one rate for all hidden layers or one per hidden layer"
                    + " (1), got 2"),
        error.getMessage());
  }

  /**
   * initialWeights has MLPC's layout too (per layer W, out x in column-major, then b): MLPC's
   * fitted weights, given to a network of sigmoid units, predict MLPC's probabilities.
   */
  @Test
  void mlpcWeightsAreInitialWeightsInTheSameLayout() {
    MultilayerPerceptronClassificationModel mlpc =
        new MultilayerPerceptronClassifier()
            .setLayers(new int[] {4, 8, 3})
            .setMaxIter(20)
            .setSeed(3)
            .fit(blobs);
    MlpClassificationModel ours =
        classifier()
            .setActivation("sigmoid")
            .setEpochs(1)
            .setStepSize(1e-300)
            .setInitialWeights(mlpc.weights())
            .fit(blobs);
    List<Row> theirs = mlpc.transform(blobs).select("probability").collectAsList();
    List<Row> mine = ours.transform(blobs).select("probability").collectAsList();
    for (int i = 0; i < theirs.size(); i++) {
      assertArrayEquals(
          ((Vector) theirs.get(i).get(0)).toArray(),
          ((Vector) mine.get(i).get(0)).toArray(),
          1e-12);
    }
  }

  @Test
  void labelOutsideTheClassesIsNamed() {
    Dataset<Row> shifted = blobs.withColumn("label", col("label").plus(1));
    Exception error = assertThrows(Exception.class, () -> classifier().fit(shifted));
    assertTrue(
        error.getMessage().contains("label 3.0 is not a class in [0, 3)"), error.getMessage());
  }

  @Test
  void earlyStoppingWatchesTheRowsTheIndicatorColumnMarks() {
    Dataset<Row> marked = blobs.withColumn("is_validation", randomlyTrue(0.25));
    // a min delta larger than any loss: only epoch 1 counts as an improvement
    MlpClassificationModel model =
        classifier()
            .setValidationIndicatorCol("is_validation")
            .setEarlyStoppingPatience(2)
            .setEarlyStoppingMinDelta(100)
            .fit(marked);
    assertEquals(3, model.lossHistory().length, "epoch 1, then 2 epochs of patience");

    MlpClassificationModel bySplit =
        classifier()
            .setValidationFraction(0.2)
            .setEarlyStoppingPatience(1)
            .setEarlyStoppingMinDelta(100)
            .fit(blobs);
    assertEquals(2, bySplit.lossHistory().length);
  }

  @Test
  void earlyStoppingWithoutValidationRowsOrWithABadIndicatorIsRefused() {
    IllegalArgumentException noValidation =
        assertThrows(
            IllegalArgumentException.class,
            () -> classifier().setEarlyStoppingPatience(2).fit(blobs));
    assertTrue(
        noValidation.getMessage().contains("set validationFraction or validationIndicatorCol"),
        noValidation.getMessage());

    IllegalArgumentException notBoolean =
        assertThrows(
            IllegalArgumentException.class,
            () -> classifier().setValidationIndicatorCol("label").fit(blobs));
    assertEquals(
        "validationIndicatorCol 'label' must be boolean, not double", notBoolean.getMessage());
  }

  /** A boolean column, true for about {@code share} of the rows, seeded. */
  private static Column randomlyTrue(double share) {
    return rand(3).lt(share);
  }

  @Test
  void aFitIsTheSameOnAnyPartitioningOfTheSameRows() {
    List<Row> rows = blobs.collectAsList();
    MlpClassifier classifier = classifier().setEpochs(3).setValidationFraction(0.2);
    double[] onOne = null;
    for (int partitions : new int[] {1, 3, 4}) {
      Dataset<Row> spread = spark().createDataFrame(jsc().parallelize(rows, partitions), SCHEMA);
      MlpClassificationModel model = classifier.fit(spread);
      if (onOne == null) {
        onOne = model.weights();
      } else {
        assertArrayEquals(onOne, model.weights(), partitions + " partitions");
      }
    }
  }

  private static List<Row> probabilities(Dataset<Row> predicted) {
    return predicted.select("probability", "prediction").collectAsList();
  }
}
