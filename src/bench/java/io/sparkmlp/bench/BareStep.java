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
 * arithmetic. Open one, then {@link #time} it between the epochs it is compared with, so both see
 * the same JIT warmth and the same load on the machine.
 */
final class BareStep implements AutoCloseable {
  /**
   * The description its jobs run under, so that the bench's listeners do not count them as steps.
   */
  private static final String JOB_DESCRIPTION = "spark-mlp bench bare step";

  private final JavaSparkContext jsc;
  private final JavaRDD<Integer> parts;
  private final int size;
  private final Precision precision;
  private final int depth;

  private BareStep(
      JavaSparkContext jsc, JavaRDD<Integer> parts, int size, Precision precision, int depth) {
    this.jsc = jsc;
    this.parts = parts;
    this.size = size;
    this.precision = precision;
    this.depth = depth;
  }

  /** A bare step over {@code partitions} cached one-element partitions. Close it to unpersist. */
  static BareStep open(
      JavaSparkContext jsc, int size, Precision precision, int partitions, int depth) {
    JavaRDD<Integer> parts =
        jsc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions).cache();
    parts.count();
    return new BareStep(jsc, parts, size, precision, depth);
  }

  /** Milliseconds of each of {@code rounds} bare steps. */
  double[] time(int rounds) {
    jsc.setJobDescription(JOB_DESCRIPTION);
    return precision == Precision.FLOAT32
        ? time(new float[size], float[]::clone, BareStep::add, rounds)
        : time(new double[size], double[]::clone, BareStep::add, rounds);
  }

  @Override
  public void close() {
    parts.unpersist(false);
  }

  /** Ships {@code weights} out and a copy of it back from every partition, {@code rounds} times. */
  private <W> double[] time(W weights, Function<W, W> copy, Function2<W, W, W> add, int rounds) {
    double[] millis = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      Broadcast<W> broadcast = jsc.broadcast(weights);
      W sum =
          parts.treeAggregate(
              null, (acc, part) -> add.call(acc, copy.call(broadcast.value())), add, depth);
      broadcast.destroy();
      millis[r] = (System.nanoTime() - start) / 1e6;
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
