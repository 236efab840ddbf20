package io.sparkmlp.ml;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * Where Spark 3.5's and Spark 4's ML APIs differ, for the 3.5 build: Spark ML's metadata helpers
 * take the SparkContext (4.x gained SparkSession variants and deprecated these). The 4.x build has
 * its own copy of this class.
 */
final class SparkCompat {
  private SparkCompat() {}

  static void saveMetadata(Params instance, String path, MLWriter writer) {
    DefaultParamsWriter.saveMetadata(instance, path, writer.sc(), Option.empty(), Option.empty());
  }

  static DefaultParamsReader.Metadata loadMetadata(
      String path, MLReader<?> reader, String className) {
    return DefaultParamsReader.loadMetadata(path, reader.sc(), className);
  }
}
