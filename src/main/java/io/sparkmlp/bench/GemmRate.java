package io.sparkmlp.bench;

import dev.ludovic.netlib.blas.BLAS;
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
  static double gflops(Topology topology, int n, int threads, double seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Double>> rates = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        rates.add(pool.submit(() -> oneThread(topology, n, seconds)));
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

  private static double oneThread(Topology topology, int n, double seconds) {
    BLAS blas = BLAS.getInstance();
    int layers = topology.layerCount();
    double[][] weights = new double[layers][];
    double[][] below = new double[layers][];
    double[][] above = new double[layers][];
    double[][] gradient = new double[layers][];
    for (int l = 0; l < layers; l++) {
      int in = topology.fanIn(l);
      int out = topology.fanOut(l);
      weights[l] = filled(out * in);
      below[l] = filled(in * n);
      above[l] = filled(out * n);
      gradient[l] = new double[out * in];
    }
    runChunk(blas, topology, n, weights, below, above, gradient); // warm-up
    long rounds = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end || rounds < 3) {
      runChunk(blas, topology, n, weights, below, above, gradient);
      rounds++;
    }
    return flops(topology, n) * rounds / ((System.nanoTime() - start) / 1e9) / 1e9;
  }

  private static void runChunk(
      BLAS blas,
      Topology topology,
      int n,
      double[][] weights,
      double[][] below,
      double[][] above,
      double[][] gradient) {
    for (int l = 0; l < topology.layerCount(); l++) {
      int in = topology.fanIn(l);
      int out = topology.fanOut(l);
      blas.dgemm("N", "N", out, n, in, 1, weights[l], out, below[l], in, 0, above[l], out);
      blas.dgemm("N", "T", out, in, n, 1, above[l], out, below[l], in, 1, gradient[l], out);
      if (l > 0) {
        blas.dgemm("T", "N", in, n, out, 1, weights[l], out, above[l], out, 0, below[l], in);
      }
    }
  }

  private static double[] filled(int length) {
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = ((i * 2654435761L) % 1000) / 1000.0 - 0.5;
    }
    return values;
  }
}
