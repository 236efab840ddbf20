package io.sparkmlp.nn;

/**
 * {@link Backprop}'s gradient pass with float32 GEMMs (mixed precision).
 *
 * <p>The weights, the input block and every GEMM operand and product are float; each product is
 * widened to double before the elementwise work, so activations, the fused output and loss, and the
 * derivative factors of the deltas are the same {@link Activation} and {@link OutputLoss} code as
 * in double, and the loss sum keeps double's accuracy. Per weight layer l:
 *
 * <pre>
 *   forward:   Z_l = W_l A_{l-1} + b_l 1^T               (sgemm)   A_l = f_l(Z_l)   (double)
 *   backward:  dW_l += Delta_l A_{l-1}^T   db_l += Delta_l 1    (sgemm, sgemv, float sums)
 *              Delta_{l-1} = (W_l^T Delta_l) .* f_{l-1}'(Z_{l-1})   (sgemm, then double)
 * </pre>
 *
 * The widening and narrowing copies cost about 4 x 256 x n element copies per hidden layer of 256
 * units, next to the 3 x 2 x 256 x in x n FLOPs of its GEMMs; ReLU layers skip them, since max(0,
 * z) and its derivative's mask are exact in float.
 */
public final class Backprop32 {
  private Backprop32() {}

  /**
   * Forward and backward pass: {@code gradient += d(sum of the n examples' losses)/d(parameters)},
   * summed in float.
   *
   * @param parameters flat float parameters; not modified
   * @param x input block, {@code inputs x n}; not modified
   * @param y target block, {@code targetRows x n}; not modified
   * @param gradient flat float array the size of parameters; modified (added to)
   * @return the loss summed over the block (in double) and the number classified correctly
   */
  public static BatchResult accumulateGradient(
      Topology topology,
      float[] parameters,
      float[] x,
      double[] y,
      int n,
      Workspace32 ws,
      float[] gradient) {
    if (n > ws.capacity()) {
      throw new IllegalArgumentException(
          "block of " + n + " examples exceeds the workspace capacity " + ws.capacity());
    }
    if (n == 0) {
      return new BatchResult(0, 0);
    }
    int last = topology.layerCount() - 1;
    Workspace wide = ws.wide;
    double loss = 0;
    for (int l = 0; l <= last; l++) {
      int in = topology.fanIn(l);
      int out = topology.fanOut(l);
      float[] z = ws.preActivations[l];
      for (int j = 0; j < n; j++) {
        System.arraycopy(parameters, topology.biasOffset(l), z, j * out, out);
      }
      // Z_l = W_l (out x in) * A_{l-1} (in x n) + Z_l, where Z_l holds b_l in every column
      Blas.BLAS.sgemm(
          "N",
          "N",
          out,
          n,
          in,
          1f,
          parameters,
          topology.weightOffset(l),
          out,
          below(ws, x, l),
          0,
          in,
          1f,
          z,
          0,
          out);
      if (l < last && topology.activation(l) instanceof Activation.Relu relu) {
        relu.apply(z, ws.activations[l], out * n);
        continue;
      }
      Precision.widen(z, 0, wide.preActivations[l], 0, out * n);
      if (l < last) {
        topology.activation(l).apply(wide.preActivations[l], wide.activations[l], out * n);
        Precision.narrow(wide.activations[l], 0, ws.activations[l], 0, out * n);
      } else {
        loss =
            topology
                .outputLoss()
                .activateAndLoss(wide.preActivations[l], wide.activations[l], y, 0, out, n);
      }
    }
    long correct = topology.outputLoss().countCorrect(wide.outputs(), y, 0, topology.outputs(), n);
    topology.outputLoss().delta(wide.outputs(), y, 0, topology.outputs(), n, wide.deltas[last]);
    Precision.narrow(wide.deltas[last], 0, ws.deltas[last], 0, topology.outputs() * n);
    for (int l = last; l >= 0; l--) {
      int in = topology.fanIn(l);
      int out = topology.fanOut(l);
      float[] delta = ws.deltas[l];
      // dW_l += Delta_l (out x n) * A_{l-1}^T (n x in)
      Blas.BLAS.sgemm(
          "N",
          "T",
          out,
          in,
          n,
          1f,
          delta,
          0,
          out,
          below(ws, x, l),
          0,
          in,
          1f,
          gradient,
          topology.weightOffset(l),
          out);
      // db_l += Delta_l * 1
      Blas.BLAS.sgemv(
          "N", out, n, 1f, delta, 0, out, ws.ones, 0, 1, 1f, gradient, topology.biasOffset(l), 1);
      if (l > 0) {
        float[] deltaBelow = ws.deltas[l - 1];
        // Delta_{l-1} = W_l^T (in x out) * Delta_l (out x n), then times f'(Z_{l-1})
        Blas.BLAS.sgemm(
            "T",
            "N",
            in,
            n,
            out,
            1f,
            parameters,
            topology.weightOffset(l),
            out,
            delta,
            0,
            out,
            0f,
            deltaBelow,
            0,
            in);
        if (topology.activation(l - 1) instanceof Activation.Relu relu) {
          relu.multiplyByDerivative(ws.activations[l - 1], deltaBelow, in * n);
          continue;
        }
        double[] wideDelta = wide.deltas[l - 1];
        Precision.widen(deltaBelow, 0, wideDelta, 0, in * n);
        topology
            .activation(l - 1)
            .multiplyByDerivative(
                wide.preActivations[l - 1], wide.activations[l - 1], wideDelta, in * n);
        Precision.narrow(wideDelta, 0, deltaBelow, 0, in * n);
      }
    }
    return new BatchResult(loss, correct);
  }

  /** A_{l-1} as a float block: the input for the first layer. */
  private static float[] below(Workspace32 ws, float[] x, int layer) {
    return layer == 0 ? x : ws.activations[layer - 1];
  }
}
