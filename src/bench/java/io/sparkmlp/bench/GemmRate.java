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
 * The BLAS rate on the GEMM shapes of one gradient chunk, timed alone: for each layer the forward
 * product W A (out x n x in), the weight gradient Delta A^T (out x in x n) and, above the first
 * layer, the backward product W^T Delta (in x n x out); the same calls Backprop makes.
 */
final class GemmRate {
  private GemmRate() {}

  /** FLOPs of one chunk of n examples: 2 m n k per product. */
  static double flops(Topology topology, int n) {
    double flops = 0;
    for (int l = 0; l < topology.layerCount(); l++) {
      double product = 2.0 * topology.fanIn(l) * topology.fanOut(l) * n;
      flops += l == 0 ? 2 * product : 3 * product;
    }
    return flops;
  }

  /** GFLOP/s of {@code threads} threads each running the chunk's products, summed. */
  static double gflops(Topology topology, int n, Precision precision, int threads, double seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Double>> rates = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Runnable chunk = new Chunk<>(precision.kernel(), topology, n);
        rates.add(pool.submit(() -> oneThread(topology, n, chunk, seconds)));
      }
      double total = 0;
      for (Future<Double> rate : rates) {
        total += rate.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private static double oneThread(Topology topology, int n, Runnable chunk, double seconds) {
    chunk.run(); // warm-up
    long rounds = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end || rounds < 3) {
      chunk.run();
      rounds++;
    }
    return flops(topology, n) * rounds / ((System.nanoTime() - start) / 1e9) / 1e9;
  }

  /** The chunk's products in one kernel's precision. */
  private static final class Chunk<A> implements Runnable {
    private final Kernel<A> kernel;
    private final List<Matrix<A>> weights = new ArrayList<>();
    private final List<Matrix<A>> below = new ArrayList<>();
    private final List<Matrix<A>> above = new ArrayList<>();
    private final List<Matrix<A>> gradient = new ArrayList<>();

    Chunk(Kernel<A> kernel, Topology topology, int n) {
      this.kernel = kernel;
      for (int l = 0; l < topology.layerCount(); l++) {
        int in = topology.fanIn(l);
        int out = topology.fanOut(l);
        weights.add(Matrix.of(filled(kernel, out * in), 0, out, in));
        below.add(Matrix.of(filled(kernel, in * n), 0, in, n));
        above.add(Matrix.of(filled(kernel, out * n), 0, out, n));
        gradient.add(Matrix.of(kernel.allocate(out * in), 0, out, in));
      }
    }

    @Override
    public void run() {
      for (int l = 0; l < weights.size(); l++) {
        kernel.gemm(1, weights.get(l), below.get(l), 0, above.get(l));
        kernel.gemm(1, above.get(l), below.get(l).t(), 1, gradient.get(l));
        if (l > 0) {
          kernel.gemm(1, weights.get(l).t(), above.get(l), 0, below.get(l));
        }
      }
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
