package io.sparkmlp.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One shared local Spark context per test class under JUnit 5 (from {@link #conf()}, which a class
 * may override, e.g. to allow task retries), stopped after its last test. {@link SharedSpark} is
 * spark-testing-base's in the 3.5 build and our own in the 4.x build.
 */
public abstract class SparkTest extends SharedSpark {
  @BeforeEach
  void startSpark() {
    start();
  }

  @AfterAll
  static void stopSpark() {
    stop();
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
