package io.sparkmlp.bench;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.SplitMix;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;

/**
 * Text-like rows, seeded and generated where they are used: each row is a document of one of {@code
 * classes} classes, its words drawn until {@code nonZeros} distinct hashed features are set, each
 * feature's value the count of its words (as HashingTF counts terms).
 *
 * <p>Words follow Zipf's law over a vocabulary of {@link #VOCABULARY} words (the word of rank r has
 * weight 1/r). Half of a document's words come from a distribution all classes share, half from its
 * class's own, which ranks the vocabulary from a class-specific offset: class c's most frequent
 * words are rare in the other classes. A word's feature is its hash modulo {@code features}.
 */
record ZipfText(int features, int nonZeros, int classes) implements java.io.Serializable {
  static final int VOCABULARY = 100_000;

  /** Rows [0, count) of the dataset of {@code seed}, in {@code partitions} partitions. */
  JavaRDD<Example> rows(JavaSparkContext jsc, long seed, int count, int partitions) {
    int per = (count + partitions - 1) / partitions;
    return jsc.parallelize(Arrays.asList(new Integer[partitions]), partitions)
        .mapPartitionsWithIndex(
            (partition, ignored) -> {
              double[] cumulative = zipfCumulative();
              int from = partition * per;
              int to = Math.min(count, from + per);
              return IntStream.range(from, to)
                  .mapToObj(row -> row(seed, row, cumulative))
                  .iterator();
            },
            true);
  }

  /** Rows [0, count) of the dataset of {@code seed}, here. */
  List<Example> local(long seed, int count) {
    double[] cumulative = zipfCumulative();
    return IntStream.range(0, count).mapToObj(row -> row(seed, row, cumulative)).toList();
  }

  private Example row(long seed, int row, double[] cumulative) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + row);
    int label = random.nextInt(classes);
    TreeMap<Integer, Double> counts = new TreeMap<>();
    while (counts.size() < nonZeros) {
      int rank = rank(cumulative, random.nextDouble());
      int word = random.nextBoolean() ? rank : (rank + label * (VOCABULARY / classes)) % VOCABULARY;
      counts.merge(feature(word), 1.0, Double::sum);
    }
    int[] indices = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
    double[] values = counts.values().stream().mapToDouble(Double::doubleValue).toArray();
    return new Example(Vectors.sparse(features, indices, values), new double[] {label}, 1);
  }

  /** The 0-based rank whose cumulative Zipf weight first exceeds u. */
  private static int rank(double[] cumulative, double u) {
    int found = Arrays.binarySearch(cumulative, u * cumulative[VOCABULARY - 1]);
    return Math.min(VOCABULARY - 1, found >= 0 ? found : -found - 1);
  }

  private static double[] zipfCumulative() {
    double[] cumulative = new double[VOCABULARY];
    double sum = 0;
    for (int r = 0; r < VOCABULARY; r++) {
      sum += 1.0 / (r + 1);
      cumulative[r] = sum;
    }
    return cumulative;
  }

  /** The word's hashed feature: SplitMix64's finalizer of it, modulo the feature count. */
  private int feature(int word) {
    return (int) Long.remainderUnsigned(SplitMix.mix(word), features);
  }
}
