package io.sparkmlp.data;

import static io.sparkmlp.nn.SplitMix.mix;
import static io.sparkmlp.nn.SplitMix.unit;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;

/**
 * A seeded random split of rows that depends on each row's position in the data only, not on how
 * the rows are partitioned: the row at position i is taken when a hash of (seed, i) falls below the
 * fraction. (Spark's randomSplit draws from one generator per partition, so another partitioning of
 * the same file moves other rows.)
 *
 * @param kept the rows not taken, in their order
 * @param taken about {@code fraction} of the rows, in their order
 */
public record RowSplit(JavaRDD<Example> kept, JavaRDD<Example> taken) {
  /**
   * @param seed a different seed for each split of one run (a test and a validation split)
   */
  public static RowSplit of(JavaRDD<Example> rows, double fraction, long seed) {
    long mixed = mix(seed);
    JavaPairRDD<Example, Long> positioned = rows.zipWithIndex();
    return new RowSplit(
        positioned.filter(row -> !taken(mixed, row._2(), fraction)).keys(),
        positioned.filter(row -> taken(mixed, row._2(), fraction)).keys());
  }

  private static boolean taken(long mixedSeed, long position, double fraction) {
    return unit(mix(mixedSeed + position)) < fraction;
  }
}
