package io.sparkmlp.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The floor under a synchronous step: broadcast an array of the model's size, let every partition
 * return an array of that size through treeAggregate, destroy the broadcast. No arithmetic.
 */
final class BareStep {
  private BareStep() {}

  /** Median milliseconds of {@code rounds} bare steps, after as many warm-up rounds. */
  static double medianMillis(
      JavaSparkContext jsc, int size, int partitions, int rounds, int depth) {
    JavaRDD<Integer> parts =
        jsc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions).cache();
    parts.count();
    double[] weights = new double[size];
    double[] millis = new double[rounds];
    for (int r = -rounds; r < rounds; r++) {
      long start = System.nanoTime();
      Broadcast<double[]> broadcast = jsc.broadcast(weights);
      double[] sum =
          parts.treeAggregate(
              new double[0],
              (acc, part) -> add(acc, broadcast.value().clone()),
              BareStep::add,
              depth);
      broadcast.destroy();
      if (r >= 0) {
        millis[r] = (System.nanoTime() - start) / 1e6;
      }
      if (sum.length != size) {
        throw new IllegalStateException("bare step returned " + sum.length + " values");
      }
    }
    parts.unpersist(false);
    return median(millis);
  }

  /** a + b, elementwise; an empty array is zero. Returns a (or b when a is empty). */
  private static double[] add(double[] a, double[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
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
