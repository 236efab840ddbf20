package io.sparkmlp.testing;

import com.holdenkarau.spark.testing.SharedJavaSparkContext;

/**
 * The 3.5 build's shared local context: spark-testing-base's, whose JUnit 4 hooks {@link SparkTest}
 * calls. (No spark-testing-base is served for Spark 4: the 4.x build has its own.)
 */
public abstract class SharedSpark extends SharedJavaSparkContext {
  void start() {
    runBefore();
  }

  static void stop() {
    runAfterClass();
  }
}
