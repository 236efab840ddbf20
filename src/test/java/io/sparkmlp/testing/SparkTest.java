package io.sparkmlp.testing;

import com.holdenkarau.spark.testing.SharedJavaSparkContext;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * spark-testing-base's shared local context under JUnit 5: its JUnit 4 hooks are called here, so
 * each test class gets one context (from {@link #conf()}, which a class may override, e.g. to allow
 * task retries) and stops it after its last test.
 */
public abstract class SparkTest extends SharedJavaSparkContext {
  @BeforeEach
  void startSpark() {
    runBefore();
  }

  @AfterAll
  static void stopSpark() {
    runAfterClass();
  }

  /** A SparkSession on this class's context. */
  protected SparkSession spark() {
    return SparkSession.builder().sparkContext(sc()).getOrCreate();
  }

  /** The master of this class's context; local[2] unless overridden. */
  protected String master() {
    return "local[2]";
  }

  @Override
  public SparkConf conf() {
    return new SparkConf()
        .setMaster(master())
        .setAppName(getClass().getSimpleName())
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
  }
}
