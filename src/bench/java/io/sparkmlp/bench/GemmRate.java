package io.sparkmlp.bench;

import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The BLAS rate on the GEMM shapes of one gradient chunk, each shape timed alone: for each layer
 * the forward product W A (out x n x in), the weight gradient Delta A^T (out x in x n) and, above
 * the first layer, the backward product W^T Delta (in x n x out); the same calls Backprop makes.
 *
 * <p>Every thread first runs one product twice as wide as the chunk's first (the priming that
 * OpenBLAS's thread-local buffers may need before small products run at full speed), then each
 * shape's rate is the best of several rounds, so the floor is what the BLAS can do at its best: an
 * epoch that runs faster than it shows that the floor is wrong, not that the code is fast.
 */
final class GemmRate {
  private static final int ROUNDS = 5;

  private GemmRate() {}

  /**
   * The best rates of a chunk's shapes on {@code threads} threads at once, each thread's rate
   * summed.
   *
   * @param shapes per shape, e.g. "layer 1 forward 256x512x784", its best GFLOP/s
   * @param gflops the chunk's FLOPs over the sum of its shapes' best times: the rate of the floor
   */
  record Rates(List<String> shapes, List<Double> shapeGflops, double gflops) {}

  /** FLOPs of one chunk of n examples: 2 m n k per product. */
  static double flops(Topology topology, int n) {
    double flops = 0;
    for (int l = 0; l < topology.layerCount(); l++) {
      double product = 2.0 * topology.fanIn(l) * topology.fanOut(l) * n;
      flops += l == 0 ? 2 * product : 3 * product;
    }
    return flops;
  }

  /** Each shape primed and timed as the best of {@link #ROUNDS} rounds of {@code seconds} each. */
  static Rates measure(Topology topology, int n, Precision precision, int threads, double seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Chunk<?>> chunks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        chunks.add(new Chunk<>(precision.kernel(), topology, n));
      }
      List<Future<?>> primed = new ArrayList<>();
      for (Chunk<?> chunk : chunks) {
        primed.add(pool.submit(chunk::prime));
      }
      for (Future<?> done : primed) {
        done.get();
      }
      List<String> names = chunks.get(0).names();
      List<Double> rates = new ArrayList<>();
      double floorSeconds = 0;
      for (int s = 0; s < names.size(); s++) {
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
          List<Future<Double>> perThread = new ArrayList<>();
          int shape = s;
          for (Chunk<?> chunk : chunks) {
            perThread.add(pool.submit(() -> chunk.rate(shape, seconds / ROUNDS)));
          }
          double total = 0;
          for (Future<Double> rate : perThread) {
            total += rate.get();
          }
          best = Math.max(best, total);
        }
        rates.add(best);
        floorSeconds += chunks.get(0).flops(s) * threads / (best * 1e9);
      }
      return new Rates(names, rates, flops(topology, n) * threads / floorSeconds / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The chunk's products in one kernel's precision, each runnable alone. */
  private static final class Chunk<A> {
    private final List<String> names = new ArrayList<>();
    private final List<Double> flops = new ArrayList<>();
    private final List<Runnable> products = new ArrayList<>();
    private final Runnable primer;

    Chunk(Kernel<A> kernel, Topology topology, int n) {
      for (int l = 0; l < topology.layerCount(); l++) {
        int in = topology.fanIn(l);
        int out = topology.fanOut(l);
        Matrix<A> weights = Matrix.of(filled(kernel, out * in), 0, out, in);
        Matrix<A> below = Matrix.of(filled(kernel, in * n), 0, in, n);
        Matrix<A> above = Matrix.of(filled(kernel, out * n), 0, out, n);
        Matrix<A> gradient = Matrix.of(kernel.allocate(out * in), 0, out, in);
        add(
            "layer %d forward %dx%dx%d".formatted(l + 1, out, n, in),
            out,
            n,
            in,
            () -> kernel.gemm(1, weights, below, 0, above));
        add(
            "layer %d weight gradient %dx%dx%d".formatted(l + 1, out, in, n),
            out,
            in,
            n,
            () -> kernel.gemm(1, above, below.t(), 1, gradient));
        if (l > 0) {
          add(
              "layer %d backward %dx%dx%d".formatted(l + 1, in, n, out),
              in,
              n,
              out,
              () -> kernel.gemm(1, weights.t(), above, 0, below));
        }
      }
      int in = topology.fanIn(0);
      int out = topology.fanOut(0);
      Matrix<A> weights = Matrix.of(filled(kernel, out * in), 0, out, in);
      Matrix<A> wide = Matrix.of(filled(kernel, in * 2 * n), 0, in, 2 * n);
      Matrix<A> product = Matrix.of(kernel.allocate(out * 2 * n), 0, out, 2 * n);
      primer = () -> kernel.gemm(1, weights, wide, 0, product);
    }

    private void add(String name, int m, int n, int k, Runnable product) {
      names.add(name);
      flops.add(2.0 * m * n * k);
      products.add(product);
    }

    List<String> names() {
      return names;
    }

    double flops(int shape) {
      return flops.get(shape);
    }

    void prime() {
      primer.run();
    }

    /** GFLOP/s of shape run for about {@code seconds}, at least 3 times, after one untimed run. */
    double rate(int shape, double seconds) {
      Runnable product = products.get(shape);
      product.run();
      long runs = 0;
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      while (System.nanoTime() < end || runs < 3) {
        product.run();
        runs++;
      }
      return flops.get(shape) * runs / ((System.nanoTime() - start) / 1e9) / 1e9;
    }
  }

  private static <A> A filled(Kernel<A> kernel, int length) {
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = ((i * 2654435761L) % 1000) / 1000.0 - 0.5;
    }
    return kernel.fromDouble(values);
  }
}
