package io.sparkmlp.bench;

import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.train.ShippedArray;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The floor under a synchronous step: broadcast an array of the model's size and type, let every
 * partition return an array of that size through treeAggregate, destroy the broadcast. No
 * arithmetic. Open one, then {@link #time} it between the epochs it is compared with, so both see
 * the same JIT warmth and the same load on the machine.
 */
final class BareStep implements AutoCloseable {
  /** How the Spark UI names its jobs (they carry no {@code Phase}, so no listener counts them). */
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
    return time(precision.kernel(), rounds);
  }

  @Override
  public void close() {
    parts.unpersist(false);
  }

  /**
   * Ships an array of zeros out and a copy of it back from every partition, rounds times, each way
   * as a step ships its parameters and gradient ({@link ShippedArray}).
   */
  private <A> double[] time(Kernel<A> kernel, int rounds) {
    int length = size; // a local, so that the closures do not capture this
    ShippedArray<A> weights = new ShippedArray<>(kernel, kernel.allocate(length));
    Function2<ShippedArray<A>, ShippedArray<A>, ShippedArray<A>> add =
        (a, b) -> {
          if (a == null || b == null) {
            return a == null ? b : a;
          }
          kernel.add(a.array(), b.array());
          return a;
        };
    double[] millis = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      Broadcast<ShippedArray<A>> broadcast = jsc.broadcast(weights);
      ShippedArray<A> sum =
          parts.treeAggregate(
              null,
              (acc, part) ->
                  add.call(
                      acc,
                      new ShippedArray<>(kernel, kernel.copyOf(broadcast.value().array(), length))),
              add,
              depth);
      broadcast.destroy();
      millis[r] = (System.nanoTime() - start) / 1e6;
      if (kernel.length(sum.array()) != length) {
        throw new IllegalStateException(
            "bare step returned " + kernel.length(sum.array()) + " values");
      }
    }
    return millis;
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
