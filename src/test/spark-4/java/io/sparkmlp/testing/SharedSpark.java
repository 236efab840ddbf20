package io.sparkmlp.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The 4.x build's shared local context, in place of spark-testing-base's (Maven Central serves no
 * spark-testing-base for Spark 4): one context per test class, made from {@link #conf()} before its
 * first test and stopped after its last, as spark-testing-base's SharedJavaSparkContext does.
 */
public abstract class SharedSpark {
  private static JavaSparkContext context;

  public abstract SparkConf conf();

  public SparkContext sc() {
    return context.sc();
  }

  public JavaSparkContext jsc() {
    return context;
  }

  void start() {
    if (context == null) {
      context = new JavaSparkContext(conf());
    }
  }

  static void stop() {
    if (context != null) {
      context.stop();
      context = null;
    }
  }
}
