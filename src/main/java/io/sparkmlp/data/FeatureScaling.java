package io.sparkmlp.data;

import io.sparkmlp.nn.Names;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;

/** Scaling of features fitted on the training rows and applied alike to the test rows. */
public enum FeatureScaling {
  NONE,
  /** x / max |x| over all training features: MNIST pixels / 255, inputs in [-1, 1]. */
  UNIT;

  /** The factor to multiply every feature by, from the training rows. */
  public double factor(JavaRDD<Example> train) {
    if (this == NONE) {
      return 1;
    }
    double maxAbs =
        train
            .map(
                example -> {
                  double max = 0;
                  for (double x : FeatureVectors.storedValues(example.features())) {
                    max = Math.max(max, Math.abs(x));
                  }
                  return max;
                })
            .reduce(Math::max);
    return maxAbs == 0 ? 1 : 1 / maxAbs;
  }

  public static JavaRDD<Example> apply(JavaRDD<Example> rows, double factor) {
    if (factor == 1) {
      return rows;
    }
    return rows.map(
        example -> {
          double[] scaled = FeatureVectors.storedValues(example.features()).clone();
          for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
          }
          return example.withFeatures(
              example.features() instanceof SparseVector sparse
                  ? new SparseVector(sparse.size(), sparse.indices(), scaled)
                  : new DenseVector(scaled));
        });
  }

  public String label() {
    return Names.label(this);
  }

  public static FeatureScaling byName(String name) {
    return Names.byLabel(FeatureScaling.class, name, "feature scaling");
  }
}
