package io.sparkmlp.bench;

import io.sparkmlp.nn.Precision;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The floor under a synchronous step: broadcast an array of the model's size and type, let every
 * partition return an array of that size through treeAggregate, destroy the broadcast. No
 * arithmetic.
 */
final class BareStep {
  private BareStep() {}

  /** Median milliseconds of {@code rounds} bare steps, after as many warm-up rounds. */
  static double medianMillis(
      JavaSparkContext jsc, int size, Precision precision, int partitions, int rounds, int depth) {
    JavaRDD<Integer> parts =
        jsc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions).cache();
    parts.count();
    try {
      return precision == Precision.FLOAT32
          ? median(time(jsc, parts, new float[size], float[]::clone, BareStep::add, rounds, depth))
          : median(
              time(jsc, parts, new double[size], double[]::clone, BareStep::add, rounds, depth));
    } finally {
      parts.unpersist(false);
    }
  }

  /**
   * Milliseconds of each of {@code rounds} steps that ship {@code weights} out and a copy of it
   * back from every partition, after as many warm-up steps.
   */
  private static <W> double[] time(
      JavaSparkContext jsc,
      JavaRDD<Integer> parts,
      W weights,
      Function<W, W> copy,
      Function2<W, W, W> add,
      int rounds,
      int depth) {
    double[] millis = new double[rounds];
    for (int r = -rounds; r < rounds; r++) {
      long start = System.nanoTime();
      Broadcast<W> broadcast = jsc.broadcast(weights);
      W sum =
          parts.treeAggregate(
              null, (acc, part) -> add.call(acc, copy.call(broadcast.value())), add, depth);
      broadcast.destroy();
      if (r >= 0) {
        millis[r] = (System.nanoTime() - start) / 1e6;
      }
      if (Array.getLength(sum) != Array.getLength(weights)) {
        throw new IllegalStateException("bare step returned " + Array.getLength(sum) + " values");
      }
    }
    return millis;
  }

  /** a + b, elementwise; null is zero. Returns a (or b when a is null). */
  private static double[] add(double[] a, double[] b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /** a + b, elementwise; null is zero. Returns a (or b when a is null). */
  private static float[] add(float[] a, float[] b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double median(List<Double> values) {
    return median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
