package io.sparkmlp.nn;

/**
 * Forward and backward passes over a whole block of n examples at once with BLAS level-3 calls.
 *
 * <p>Blocks are column-major with one example per column: the input block X is {@code inputs x n}
 * and A_0 = X. For weight layer l, with W_l and b_l views into the flat parameter array (see {@link
 * Topology}):
 *
 * <pre>
 *   forward:   Z_l = W_l A_{l-1} + b_l 1^T        A_l = f_l(Z_l)
 *   output:    Delta_L = A_L - Y                  (fused output + loss, see {@link OutputLoss})
 *   backward:  dW_l += Delta_l A_{l-1}^T          db_l += Delta_l 1
 *              Delta_{l-1} = (W_l^T Delta_l) .* f_{l-1}'(Z_{l-1})
 * </pre>
 *
 * The gradient is the sum over the block's examples, never the mean: sums add up exactly across
 * partitions, and the caller divides once by the true total.
 */
public final class Backprop {
  private Backprop() {}

  /**
   * Forward pass; afterwards {@link Workspace#outputs()} holds the output activations.
   *
   * @param x input block, {@code inputs x n} starting at xOffset; not modified
   * @param parameters flat parameters; not modified
   */
  public static void forward(
      Topology topology, double[] parameters, double[] x, int xOffset, int n, Workspace ws) {
    forwardHidden(topology, parameters, x, xOffset, n, ws);
    int last = topology.layerCount() - 1;
    topology
        .outputLoss()
        .activate(ws.preActivations[last], ws.activations[last], topology.outputs(), n);
  }

  /**
   * Forward pass and loss without gradient.
   *
   * @param y target block, {@code targetRows x n} starting at yOffset; not modified
   */
  public static BatchResult evaluate(
      Topology topology,
      double[] parameters,
      double[] x,
      int xOffset,
      double[] y,
      int yOffset,
      int n,
      Workspace ws) {
    double loss = forwardWithLoss(topology, parameters, x, xOffset, y, yOffset, n, ws);
    long correct =
        topology.outputLoss().countCorrect(ws.outputs(), y, yOffset, topology.outputs(), n);
    return new BatchResult(loss, correct);
  }

  /**
   * Forward and backward pass: {@code gradient += d(sum of the n examples' losses)/d(parameters)}.
   *
   * @param gradient flat array the size of parameters; modified (added to)
   * @return the loss summed over the block and the number classified correctly
   */
  public static BatchResult accumulateGradient(
      Topology topology,
      double[] parameters,
      double[] x,
      int xOffset,
      double[] y,
      int yOffset,
      int n,
      Workspace ws,
      double[] gradient) {
    BatchResult result = evaluate(topology, parameters, x, xOffset, y, yOffset, n, ws);
    if (n == 0) {
      return result;
    }
    int last = topology.layerCount() - 1;
    topology.outputLoss().delta(ws.outputs(), y, yOffset, topology.outputs(), n, ws.deltas[last]);
    for (int l = last; l >= 0; l--) {
      int in = topology.fanIn(l);
      int out = topology.fanOut(l);
      double[] delta = ws.deltas[l];
      double[] below = l == 0 ? x : ws.activations[l - 1];
      int belowOffset = l == 0 ? xOffset : 0;
      // dW_l += Delta_l (out x n) * A_{l-1}^T (n x in)
      Blas.BLAS.dgemm(
          "N",
          "T",
          out,
          in,
          n,
          1.0,
          delta,
          0,
          out,
          below,
          belowOffset,
          in,
          1.0,
          gradient,
          topology.weightOffset(l),
          out);
      // db_l += Delta_l * 1
      Blas.BLAS.dgemv(
          "N", out, n, 1.0, delta, 0, out, ws.ones, 0, 1, 1.0, gradient, topology.biasOffset(l), 1);
      if (l > 0) {
        double[] deltaBelow = ws.deltas[l - 1];
        // Delta_{l-1} = W_l^T (in x out) * Delta_l (out x n), then times f'(Z_{l-1})
        Blas.BLAS.dgemm(
            "T",
            "N",
            in,
            n,
            out,
            1.0,
            parameters,
            topology.weightOffset(l),
            out,
            delta,
            0,
            out,
            0.0,
            deltaBelow,
            0,
            in);
        topology
            .activation(l - 1)
            .multiplyByDerivative(
                ws.preActivations[l - 1], ws.activations[l - 1], deltaBelow, in * n);
      }
    }
    return result;
  }

  private static double forwardWithLoss(
      Topology topology,
      double[] parameters,
      double[] x,
      int xOffset,
      double[] y,
      int yOffset,
      int n,
      Workspace ws) {
    forwardHidden(topology, parameters, x, xOffset, n, ws);
    int last = topology.layerCount() - 1;
    return topology
        .outputLoss()
        .activateAndLoss(
            ws.preActivations[last], ws.activations[last], y, yOffset, topology.outputs(), n);
  }

  /** Z_l for every layer and A_l for the hidden ones. */
  private static void forwardHidden(
      Topology topology, double[] parameters, double[] x, int xOffset, int n, Workspace ws) {
    if (n > ws.capacity()) {
      throw new IllegalArgumentException(
          "block of " + n + " examples exceeds the workspace capacity " + ws.capacity());
    }
    for (int l = 0; l < topology.layerCount(); l++) {
      int in = topology.fanIn(l);
      int out = topology.fanOut(l);
      double[] z = ws.preActivations[l];
      int biasOffset = topology.biasOffset(l);
      for (int j = 0; j < n; j++) {
        System.arraycopy(parameters, biasOffset, z, j * out, out);
      }
      double[] below = l == 0 ? x : ws.activations[l - 1];
      int belowOffset = l == 0 ? xOffset : 0;
      if (n > 0) {
        // Z_l = W_l (out x in) * A_{l-1} (in x n) + Z_l, where Z_l holds b_l in every column
        Blas.BLAS.dgemm(
            "N",
            "N",
            out,
            n,
            in,
            1.0,
            parameters,
            topology.weightOffset(l),
            out,
            below,
            belowOffset,
            in,
            1.0,
            z,
            0,
            out);
      }
      if (l < topology.layerCount() - 1) {
        topology.activation(l).apply(z, ws.activations[l], out * n);
      }
    }
  }
}
