package io.sparkmlp.nn;

/**
 * Forward and backward passes over a whole block of n examples at once with BLAS level-3 calls, in
 * the precision of the workspace's {@link Kernel}.
 *
 * <p>Blocks are column-major with one example per column: the input block X is {@code inputs x n},
 * dense or sparse ({@link Inputs}), and A_0 = X. For weight layer l, with W_l and b_l views into
 * the flat parameter array (see {@link Topology}):
 *
 * <pre>
 *   forward:   Z_l = W_l A_{l-1} + b_l 1^T        A_l = f_l(Z_l)
 *   output:    Delta_L = (A_L - Y) diag(w)        (fused output + loss, see {@link OutputLoss})
 *   backward:  dW_l += Delta_l A_{l-1}^T          db_l += Delta_l 1
 *              Delta_{l-1} = (W_l^T Delta_l) .* f_{l-1}'(Z_{l-1})
 * </pre>
 *
 * where w holds the examples' weights: the loss is sum_j w_j L_j, so each example's delta is scaled
 * by its weight (a weight of 1 changes no bit). The output layer, its loss and the correct count
 * are computed in double whatever the kernel, so the loss sum keeps double's accuracy. The gradient
 * is the weighted sum over the block's examples, never the mean: sums add up exactly across
 * partitions, and the caller divides once by the true total weight.
 */
public final class Backprop {
  private Backprop() {}

  /**
   * Forward pass; afterwards {@link Workspace#outputs()} holds the output activations.
   *
   * @param x input block, {@code inputs x n}; not modified
   * @param parameters flat parameters; not modified
   */
  public static <A> void forward(Topology topology, A parameters, Inputs<A> x, Workspace<A> ws) {
    int n = x.width();
    forwardHidden(topology, parameters, x, ws, Dropout.Masks.NONE);
    Workspace.Layer<A> output = outputLayer(topology, n, ws);
    topology.outputLoss().activate(output.wideZ(), output.wideA(), topology.outputs(), n);
  }

  /**
   * Forward pass and loss without gradient.
   *
   * @param y target block, {@code targetRows x n} starting at yOffset; not modified
   * @param w the n examples' weights, from wOffset; not modified
   */
  public static <A> BatchResult evaluate(
      Topology topology,
      A parameters,
      Inputs<A> x,
      double[] y,
      int yOffset,
      double[] w,
      int wOffset,
      Workspace<A> ws) {
    forwardHidden(topology, parameters, x, ws, Dropout.Masks.NONE);
    return outputAndLoss(topology, y, yOffset, w, wOffset, x.width(), ws);
  }

  /**
   * Forward and backward pass: {@code gradient += d(sum of the n examples' weighted
   * losses)/d(parameters)}, with the hidden units that {@code masks} drops left out of both passes.
   *
   * <p>Inverted dropout scales hidden layer l's activations by its mask M_l (0 or 1 / (1 - p)): the
   * forward pass uses A_l .* M_l, and the backward pass multiplies Delta_l by f'(Z_l) .* M_l, with
   * f' taken from the unmasked A_l = f(Z_l), which it computes again.
   *
   * @param gradient flat array the size of parameters; modified (added to)
   * @return the weighted loss summed over the block, the number classified correctly and the weight
   *     sum
   */
  public static <A> BatchResult accumulateGradient(
      Topology topology,
      A parameters,
      Inputs<A> x,
      double[] y,
      int yOffset,
      double[] w,
      int wOffset,
      Workspace<A> ws,
      A gradient,
      Dropout.Masks masks) {
    int n = x.width();
    forwardHidden(topology, parameters, x, ws, masks);
    BatchResult result = outputAndLoss(topology, y, yOffset, w, wOffset, n, ws);
    if (n == 0) {
      return result;
    }
    Kernel<A> kernel = ws.kernel();
    int last = topology.layerCount() - 1;
    int outputs = topology.outputs();
    Workspace.Layer<A> output = ws.layer(last);
    double[] outputDelta = output.wideDelta();
    topology.outputLoss().delta(output.wideA(), y, yOffset, outputs, n, outputDelta);
    for (int j = 0; j < n; j++) {
      double weight = w[wOffset + j];
      for (int i = j * outputs; i < (j + 1) * outputs; i++) {
        outputDelta[i] *= weight;
      }
    }
    kernel.fromDouble(output.wideDelta(), 0, output.delta(), 0, topology.outputs() * n);
    for (int l = last; l >= 0; l--) {
      int in = topology.fanIn(l);
      int out = topology.fanOut(l);
      Matrix<A> delta = Matrix.of(ws.layer(l).delta(), 0, out, n);
      Inputs<A> below = l == 0 ? x : Matrix.of(ws.activations(l - 1), 0, in, n);
      // dW_l += Delta_l A_{l-1}^T
      below.addOuterProduct(kernel, delta, weights(topology, gradient, l));
      // db_l += Delta_l 1
      kernel.gemv(1, delta, ws.ones(), 1, gradient, topology.biasOffset(l));
      if (l > 0) {
        Workspace.Layer<A> lower = ws.layer(l - 1);
        // Delta_{l-1} = W_l^T Delta_l, then times f'(Z_{l-1})
        kernel.gemm(
            1, weights(topology, parameters, l).t(), delta, 0, Matrix.of(lower.delta(), 0, in, n));
        if (masks.drops(l - 1)) {
          kernel.activate(topology.activation(l - 1), lower, in * n);
          kernel.multiplyByDerivative(topology.activation(l - 1), lower, in * n);
          kernel.multiply(lower.delta(), ws.mask(l - 1), in * n);
        } else {
          kernel.multiplyByDerivative(topology.activation(l - 1), lower, in * n);
        }
      }
    }
    return result;
  }

  /**
   * The output layer's activations, the weighted loss sum, the correct count and the weight sum of
   * the forward pass ws holds.
   */
  private static <A> BatchResult outputAndLoss(
      Topology topology, double[] y, int yOffset, double[] w, int wOffset, int n, Workspace<A> ws) {
    Workspace.Layer<A> output = outputLayer(topology, n, ws);
    OutputLoss outputLoss = topology.outputLoss();
    double loss =
        outputLoss.activateAndLoss(
            output.wideZ(), output.wideA(), y, yOffset, w, wOffset, topology.outputs(), n);
    long correct = outputLoss.countCorrect(output.wideA(), y, yOffset, topology.outputs(), n);
    double weightSum = 0;
    for (int j = 0; j < n; j++) {
      weightSum += w[wOffset + j];
    }
    return new BatchResult(loss, correct, weightSum);
  }

  /** Z_l for every layer and A_l for the hidden ones, times their masks where masks drop units. */
  private static <A> void forwardHidden(
      Topology topology, A parameters, Inputs<A> x, Workspace<A> ws, Dropout.Masks masks) {
    int n = x.width();
    if (x.height() != topology.inputs()) {
      throw new IllegalArgumentException(
          "an input block of " + x.height() + " features for " + topology.inputs() + " inputs");
    }
    if (n > ws.capacity()) {
      throw new IllegalArgumentException(
          "block of " + n + " examples exceeds the workspace capacity " + ws.capacity());
    }
    if (n == 0) {
      return;
    }
    Kernel<A> kernel = ws.kernel();
    for (int l = 0; l < topology.layerCount(); l++) {
      int in = topology.fanIn(l);
      int out = topology.fanOut(l);
      Workspace.Layer<A> layer = ws.layer(l);
      for (int j = 0; j < n; j++) {
        System.arraycopy(parameters, topology.biasOffset(l), layer.z(), j * out, out);
      }
      Inputs<A> below = l == 0 ? x : Matrix.of(ws.activations(l - 1), 0, in, n);
      // Z_l = W_l A_{l-1} + Z_l, where Z_l holds b_l in every column
      below.multiplyInto(kernel, weights(topology, parameters, l), Matrix.of(layer.z(), 0, out, n));
      if (l < topology.layerCount() - 1) {
        kernel.activate(topology.activation(l), layer, out * n);
        if (masks.drops(l)) {
          masks.fill(l, out, n, ws.mask(l));
          kernel.multiply(layer.a(), ws.mask(l), out * n);
        }
      }
    }
  }

  /** The output layer, its pre-activations copied into its double buffer. */
  private static <A> Workspace.Layer<A> outputLayer(Topology topology, int n, Workspace<A> ws) {
    Workspace.Layer<A> output = ws.layer(topology.layerCount() - 1);
    ws.kernel().toDouble(output.z(), 0, output.wideZ(), 0, topology.outputs() * n);
    return output;
  }

  /** W_l, {@code fanOut x fanIn}, as stored in a flat array laid out like the parameters. */
  private static <A> Matrix<A> weights(Topology topology, A flat, int l) {
    return Matrix.of(flat, topology.weightOffset(l), topology.fanOut(l), topology.fanIn(l));
  }
}
