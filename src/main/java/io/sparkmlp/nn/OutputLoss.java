package io.sparkmlp.nn;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The output layer's activation fused with its loss, so that the output delta dL/dz is always
 * {@code a - y} (softmax + cross-entropy, sigmoid + binary cross-entropy, identity + squared
 * error).
 *
 * <p>Blocks are column-major: column j of an {@code outputs x n} block is example j. Targets are
 * {@link #targetRows} x n: one class index per example for classification, the target vector for
 * regression.
 */
public sealed interface OutputLoss extends Serializable
    permits OutputLoss.SoftmaxCrossEntropy,
        OutputLoss.SigmoidCrossEntropy,
        OutputLoss.IdentitySquaredError {

  /** The (output, loss) pairs {@link #of} accepts, as "output+loss". */
  List<String> VALID_PAIRS =
      List.of("softmax+cross_entropy", "sigmoid+cross_entropy", "identity+squared_error");

  String outputName();

  String lossName();

  Task task();

  /**
   * @throws IllegalArgumentException if this output cannot have {@code outputs} units
   */
  void checkOutputs(int outputs);

  /** Rows of the target block: 1 (a class index) for classification, outputs for regression. */
  int targetRows(int outputs);

  /**
   * a = output activation of z, both {@code outputs x n}; returns the loss summed over the n
   * examples, computed from z so that it never takes log(0). z and y are not modified.
   */
  double activateAndLoss(double[] z, double[] a, double[] y, int yOffset, int outputs, int n);

  /** a = output activation of z, both {@code outputs x n}; z is not modified. */
  void activate(double[] z, double[] a, int outputs, int n);

  /** delta = a - y, the gradient of the loss with respect to z; a and y are not modified. */
  void delta(double[] a, double[] y, int yOffset, int outputs, int n, double[] delta);

  /** Number of the n examples whose predicted class equals the target; 0 for regression. */
  default long countCorrect(double[] a, double[] y, int yOffset, int outputs, int n) {
    if (task() != Task.CLASSIFICATION) {
      return 0;
    }
    long correct = 0;
    for (int j = 0; j < n; j++) {
      if (predictedClass(a, j, outputs) == (int) y[yOffset + j]) {
        correct++;
      }
    }
    return correct;
  }

  /**
   * The class predicted for column j of the output block a ({@code outputs x n}).
   *
   * @throws UnsupportedOperationException for regression
   */
  int predictedClass(double[] a, int column, int outputs);

  /**
   * The fused output layer for an (output, loss) pair.
   *
   * @throws IllegalArgumentException naming the pair and listing the valid ones
   */
  static OutputLoss of(String output, String loss) {
    String pair = (output.trim() + "+" + loss.trim()).toLowerCase(Locale.ROOT);
    return switch (pair) {
      case "softmax+cross_entropy" -> new SoftmaxCrossEntropy();
      case "sigmoid+cross_entropy" -> new SigmoidCrossEntropy();
      case "identity+squared_error" -> new IdentitySquaredError();
      default ->
          throw new IllegalArgumentException(
              "output '"
                  + output
                  + "' with loss '"
                  + loss
                  + "' is not a valid pair (valid: "
                  + String.join(", ", VALID_PAIRS)
                  + ")");
    };
  }

  /**
   * K-class softmax a_k = e^{z_k} / sum_j e^{z_j} with cross-entropy L = -log a_y, computed as
   * logsumexp(z) - z_y with the maximum subtracted first.
   */
  record SoftmaxCrossEntropy() implements OutputLoss {
    @Override
    public String outputName() {
      return "softmax";
    }

    @Override
    public String lossName() {
      return "cross_entropy";
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public void checkOutputs(int outputs) {
      if (outputs < 2) {
        throw new IllegalArgumentException(
            "softmax needs at least 2 output units, got " + outputs + " (use sigmoid for 1)");
      }
    }

    @Override
    public int targetRows(int outputs) {
      return 1;
    }

    @Override
    public double activateAndLoss(
        double[] z, double[] a, double[] y, int yOffset, int outputs, int n) {
      double loss = 0;
      for (int j = 0; j < n; j++) {
        double logSumExp = softmaxColumn(z, a, j * outputs, outputs);
        loss += logSumExp - z[j * outputs + (int) y[yOffset + j]];
      }
      return loss;
    }

    @Override
    public void activate(double[] z, double[] a, int outputs, int n) {
      for (int j = 0; j < n; j++) {
        softmaxColumn(z, a, j * outputs, outputs);
      }
    }

    /** Writes the softmax of z[from, from + k) into a and returns logsumexp of that column. */
    private static double softmaxColumn(double[] z, double[] a, int from, int k) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = from; i < from + k; i++) {
        max = Math.max(max, z[i]);
      }
      double sum = 0;
      for (int i = from; i < from + k; i++) {
        a[i] = Math.exp(z[i] - max);
        sum += a[i];
      }
      for (int i = from; i < from + k; i++) {
        a[i] /= sum;
      }
      return max + Math.log(sum);
    }

    @Override
    public void delta(double[] a, double[] y, int yOffset, int outputs, int n, double[] delta) {
      System.arraycopy(a, 0, delta, 0, outputs * n);
      for (int j = 0; j < n; j++) {
        delta[j * outputs + (int) y[yOffset + j]] -= 1;
      }
    }

    /** The most probable class (the first of equals). */
    @Override
    public int predictedClass(double[] a, int column, int outputs) {
      int from = column * outputs;
      int best = 0;
      for (int i = 1; i < outputs; i++) {
        if (a[from + i] > a[from + best]) {
          best = i;
        }
      }
      return best;
    }
  }

  /**
   * One sigmoid unit a = P(class 1) with binary cross-entropy L = -y log a - (1-y) log(1-a),
   * computed as max(z, 0) - y z + log(1 + e^{-|z|}).
   */
  record SigmoidCrossEntropy() implements OutputLoss {
    @Override
    public String outputName() {
      return "sigmoid";
    }

    @Override
    public String lossName() {
      return "cross_entropy";
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public void checkOutputs(int outputs) {
      if (outputs != 1) {
        throw new IllegalArgumentException(
            "sigmoid output has exactly 1 unit (2 classes), got "
                + outputs
                + " (use softmax for more classes)");
      }
    }

    @Override
    public int targetRows(int outputs) {
      return 1;
    }

    @Override
    public double activateAndLoss(
        double[] z, double[] a, double[] y, int yOffset, int outputs, int n) {
      double loss = 0;
      for (int j = 0; j < n; j++) {
        a[j] = Activation.Sigmoid.sigmoid(z[j]);
        loss += Math.max(z[j], 0) - y[yOffset + j] * z[j] + Math.log1p(Math.exp(-Math.abs(z[j])));
      }
      return loss;
    }

    @Override
    public void activate(double[] z, double[] a, int outputs, int n) {
      for (int j = 0; j < n; j++) {
        a[j] = Activation.Sigmoid.sigmoid(z[j]);
      }
    }

    @Override
    public void delta(double[] a, double[] y, int yOffset, int outputs, int n, double[] delta) {
      for (int j = 0; j < n; j++) {
        delta[j] = a[j] - y[yOffset + j];
      }
    }

    /** Class 1 when P(class 1) >= 1/2. */
    @Override
    public int predictedClass(double[] a, int column, int outputs) {
      return a[column] >= 0.5 ? 1 : 0;
    }
  }

  /** Identity output a = z with squared error L = 1/2 ||a - y||^2 (the 1/2 makes dL/dz = a - y). */
  record IdentitySquaredError() implements OutputLoss {
    @Override
    public String outputName() {
      return "identity";
    }

    @Override
    public String lossName() {
      return "squared_error";
    }

    @Override
    public Task task() {
      return Task.REGRESSION;
    }

    @Override
    public void checkOutputs(int outputs) {
      if (outputs < 1) {
        throw new IllegalArgumentException("need at least 1 output unit, got " + outputs);
      }
    }

    @Override
    public int targetRows(int outputs) {
      return outputs;
    }

    @Override
    public double activateAndLoss(
        double[] z, double[] a, double[] y, int yOffset, int outputs, int n) {
      double loss = 0;
      for (int i = 0; i < outputs * n; i++) {
        a[i] = z[i];
        double error = z[i] - y[yOffset + i];
        loss += 0.5 * error * error;
      }
      return loss;
    }

    @Override
    public void activate(double[] z, double[] a, int outputs, int n) {
      System.arraycopy(z, 0, a, 0, outputs * n);
    }

    @Override
    public void delta(double[] a, double[] y, int yOffset, int outputs, int n, double[] delta) {
      for (int i = 0; i < outputs * n; i++) {
        delta[i] = a[i] - y[yOffset + i];
      }
    }

    @Override
    public int predictedClass(double[] a, int column, int outputs) {
      throw new UnsupportedOperationException("a regression output predicts values, not classes");
    }
  }
}
