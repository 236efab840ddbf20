package io.sparkmlp.ml;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * Where Spark 3.5's and Spark 4's ML APIs differ, for the 4.x build: Spark ML's metadata helpers
 * take the SparkSession (their SparkContext variants are deprecated in 4.x, and the only ones in
 * 3.5). The 3.5 build has its own copy of this class.
 */
final class SparkCompat {
  private SparkCompat() {}

  static void saveMetadata(Params instance, String path, MLWriter writer) {
    DefaultParamsWriter.saveMetadata(instance, path, writer.sparkSession());
  }

  static DefaultParamsReader.Metadata loadMetadata(
      String path, MLReader<?> reader, String className) {
    return DefaultParamsReader.loadMetadata(path, reader.sparkSession(), className);
  }
}
