package io.sparkmlp.bench;

import dev.ludovic.netlib.blas.BLAS;
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
  private static final BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();

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
        Runnable chunk =
            precision == Precision.FLOAT32
                ? new FloatChunk(topology, n)
                : new DoubleChunk(topology, n);
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

  /** The chunk's products in double: dgemm. */
  private static final class DoubleChunk implements Runnable {
    private final Topology topology;
    private final int n;
    private final double[][] weights;
    private final double[][] below;
    private final double[][] above;
    private final double[][] gradient;

    DoubleChunk(Topology topology, int n) {
      this.topology = topology;
      this.n = n;
      int layers = topology.layerCount();
      weights = new double[layers][];
      below = new double[layers][];
      above = new double[layers][];
      gradient = new double[layers][];
      for (int l = 0; l < layers; l++) {
        int in = topology.fanIn(l);
        int out = topology.fanOut(l);
        weights[l] = filled(out * in);
        below[l] = filled(in * n);
        above[l] = filled(out * n);
        gradient[l] = new double[out * in];
      }
    }

    @Override
    public void run() {
      for (int l = 0; l < topology.layerCount(); l++) {
        int in = topology.fanIn(l);
        int out = topology.fanOut(l);
        BLAS.dgemm("N", "N", out, n, in, 1, weights[l], out, below[l], in, 0, above[l], out);
        BLAS.dgemm("N", "T", out, in, n, 1, above[l], out, below[l], in, 1, gradient[l], out);
        if (l > 0) {
          BLAS.dgemm("T", "N", in, n, out, 1, weights[l], out, above[l], out, 0, below[l], in);
        }
      }
    }
  }

  /** The chunk's products in float: sgemm. */
  private static final class FloatChunk implements Runnable {
    private final Topology topology;
    private final int n;
    private final float[][] weights;
    private final float[][] below;
    private final float[][] above;
    private final float[][] gradient;

    FloatChunk(Topology topology, int n) {
      this.topology = topology;
      this.n = n;
      int layers = topology.layerCount();
      weights = new float[layers][];
      below = new float[layers][];
      above = new float[layers][];
      gradient = new float[layers][];
      for (int l = 0; l < layers; l++) {
        int in = topology.fanIn(l);
        int out = topology.fanOut(l);
        weights[l] = Precision.narrow(filled(out * in));
        below[l] = Precision.narrow(filled(in * n));
        above[l] = Precision.narrow(filled(out * n));
        gradient[l] = new float[out * in];
      }
    }

    @Override
    public void run() {
      for (int l = 0; l < topology.layerCount(); l++) {
        int in = topology.fanIn(l);
        int out = topology.fanOut(l);
        BLAS.sgemm("N", "N", out, n, in, 1, weights[l], out, below[l], in, 0, above[l], out);
        BLAS.sgemm("N", "T", out, in, n, 1, above[l], out, below[l], in, 1, gradient[l], out);
        if (l > 0) {
          BLAS.sgemm("T", "N", in, n, out, 1, weights[l], out, above[l], out, 0, below[l], in);
        }
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
