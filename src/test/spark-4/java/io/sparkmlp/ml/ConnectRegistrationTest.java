package io.sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.junit.jupiter.api.Test;

/**
 * The 4.x build registers its estimators and models where Spark Connect ML looks for them: Java's
 * ServiceLoader over {@code META-INF/services/org.apache.spark.ml.Estimator} and {@code
 * ...Transformer} (models for loading), which instantiates each with its public no-argument
 * constructor.
 */
class ConnectRegistrationTest {
  @Test
  void theServiceLoaderFindsTheEstimators() {
    List<Class<?>> found = found(ServiceLoader.load(Estimator.class));
    assertTrue(found.contains(MlpClassifier.class), found.toString());
    assertTrue(found.contains(MlpRegressor.class), found.toString());
    assertTrue(found.contains(MlpMultilabelClassifier.class), found.toString());
  }

  @Test
  void theServiceLoaderFindsTheModels() {
    List<Class<?>> found = found(ServiceLoader.load(Transformer.class));
    assertTrue(found.contains(MlpClassificationModel.class), found.toString());
    assertTrue(found.contains(MlpRegressionModel.class), found.toString());
    assertTrue(found.contains(MlpMultilabelModel.class), found.toString());
  }

  private static List<Class<?>> found(ServiceLoader<?> loader) {
    List<Class<?>> types = new java.util.ArrayList<>();
    loader.stream().forEach(provider -> types.add(provider.type()));
    return types;
  }
}
