package io.sparkmlp.bench;

import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark MLlib's MultilayerPerceptronClassifier with its default L-BFGS solver. It reports no
 * iterate before the end of a fit, so accuracy "as training goes" is measured by fits with growing
 * maxIter, each from the same seeded initial weights: the time to a target is the wall time of the
 * first such fit that reaches it (the same fit with an iteration cap).
 */
final class MlpcRun {
  /** One fit: its iteration cap, wall seconds and test accuracy. */
  record Fit(int maxIter, double seconds, double accuracy) {}

  private final int[] layers;
  private final long seed;

  MlpcRun(int[] layers, long seed) {
    this.layers = layers;
    this.seed = seed;
  }

  Fit fit(Dataset<Row> train, Dataset<Row> test, int maxIter) {
    long start = System.nanoTime();
    MultilayerPerceptronClassificationModel model =
        new MultilayerPerceptronClassifier()
            .setLayers(layers)
            .setBlockSize(128)
            .setSeed(seed)
            .setMaxIter(maxIter)
            .fit(train);
    double seconds = (System.nanoTime() - start) / 1e9;
    double accuracy =
        new MulticlassClassificationEvaluator()
            .setMetricName("accuracy")
            .evaluate(model.transform(test));
    return new Fit(maxIter, seconds, accuracy);
  }
}
