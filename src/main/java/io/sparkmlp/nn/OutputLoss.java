package io.sparkmlp.nn;

import java.util.Arrays;
import java.util.Locale;

/**
 * The output layer's activation fused with its loss, so that the output delta dL/dz is always
 * {@code a - y} (softmax + cross-entropy, sigmoid + binary cross-entropy, identity + squared error;
 * K sigmoids with a binary cross-entropy each for multi-label).
 *
 * <p>Blocks are column-major: column j of an {@code outputs x n} block is example j. Targets are
 * {@link #targetRows} x n: one class index per example for classification, the target vector for
 * regression, one 0/1 per label for multi-label.
 */
public enum OutputLoss {
  /**
   * K-class softmax a_k = e^{z_k} / sum_j e^{z_j} with cross-entropy L = -log a_y, computed as
   * logsumexp(z) - z_y with the maximum subtracted first.
   */
  SOFTMAX_CROSS_ENTROPY("softmax", "cross_entropy", Task.CLASSIFICATION) {
    @Override
    String problemWithOutputs(int outputs) {
      return outputs >= 2
          ? null
          : "softmax needs at least 2 output units, got %s (use sigmoid for 1)".formatted(outputs);
    }

    @Override
    public double activateAndLoss(
        double[] z,
        double[] a,
        double[] y,
        int yOffset,
        double[] w,
        int wOffset,
        int outputs,
        int n) {
      double loss = 0;
      for (int j = 0; j < n; j++) {
        double logSumExp = softmaxColumn(z, a, j * outputs, outputs);
        loss += w[wOffset + j] * (logSumExp - z[j * outputs + (int) y[yOffset + j]]);
      }
      return loss;
    }

    @Override
    public void activate(double[] z, double[] a, int outputs, int n) {
      for (int j = 0; j < n; j++) {
        softmaxColumn(z, a, j * outputs, outputs);
      }
    }

    /** y holds class indices: delta = a - onehot(y). */
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
  },

  /**
   * One sigmoid unit a = P(class 1) with binary cross-entropy L = -y log a - (1-y) log(1-a),
   * computed as max(z, 0) - y z + log(1 + e^{-|z|}).
   */
  SIGMOID_CROSS_ENTROPY("sigmoid", "cross_entropy", Task.CLASSIFICATION) {
    @Override
    String problemWithOutputs(int outputs) {
      return outputs == 1
          ? null
          : "sigmoid output has exactly 1 unit (2 classes), got %s (use softmax for more classes)"
              .formatted(outputs);
    }

    @Override
    public double activateAndLoss(
        double[] z,
        double[] a,
        double[] y,
        int yOffset,
        double[] w,
        int wOffset,
        int outputs,
        int n) {
      return sigmoidsAndCrossEntropy(z, a, y, yOffset, w, wOffset, outputs, n);
    }

    @Override
    public void activate(double[] z, double[] a, int outputs, int n) {
      sigmoids(z, a, outputs * n);
    }

    /** Class 1 when P(class 1) >= 1/2. */
    @Override
    public int predictedClass(double[] a, int column, int outputs) {
      return a[column] >= 0.5 ? 1 : 0;
    }
  },

  /**
   * Multi-label: K independent sigmoid units a_k = P(label k), each with its binary cross-entropy,
   * L = sum_k max(z_k, 0) - y_k z_k + log(1 + e^{-|z_k|}).
   */
  SIGMOID_BINARY_CROSS_ENTROPY("sigmoid", "binary_cross_entropy", Task.MULTI_LABEL) {
    @Override
    String problemWithOutputs(int outputs) {
      return outputs >= 1 ? null : "need at least 1 output unit (one per label), got " + outputs;
    }

    @Override
    public int targetRows(int outputs) {
      return outputs;
    }

    @Override
    public double activateAndLoss(
        double[] z,
        double[] a,
        double[] y,
        int yOffset,
        double[] w,
        int wOffset,
        int outputs,
        int n) {
      return sigmoidsAndCrossEntropy(z, a, y, yOffset, w, wOffset, outputs, n);
    }

    @Override
    public void activate(double[] z, double[] a, int outputs, int n) {
      sigmoids(z, a, outputs * n);
    }

    /** The (example, label) pairs whose yes (P >= 1/2) or no matches the target. */
    @Override
    public long countCorrect(double[] a, double[] y, int yOffset, int outputs, int n) {
      long correct = 0;
      for (int i = 0; i < outputs * n; i++) {
        correct += labelPredicted(a[i]) == y[yOffset + i] ? 1 : 0;
      }
      return correct;
    }

    @Override
    public int predictedClass(double[] a, int column, int outputs) {
      throw new UnsupportedOperationException(
          "a multi-label output predicts a yes or no per label");
    }
  },

  /** Identity output a = z with squared error L = 1/2 ||a - y||^2 (the 1/2 makes dL/dz = a - y). */
  IDENTITY_SQUARED_ERROR("identity", "squared_error", Task.REGRESSION) {
    @Override
    String problemWithOutputs(int outputs) {
      return outputs >= 1 ? null : "need at least 1 output unit, got " + outputs;
    }

    @Override
    public int targetRows(int outputs) {
      return outputs;
    }

    @Override
    public double activateAndLoss(
        double[] z,
        double[] a,
        double[] y,
        int yOffset,
        double[] w,
        int wOffset,
        int outputs,
        int n) {
      double loss = 0;
      for (int i = 0; i < outputs * n; i++) {
        a[i] = z[i];
        double error = z[i] - y[yOffset + i];
        loss += w[wOffset + i / outputs] * (0.5 * error * error);
      }
      return loss;
    }

    @Override
    public void activate(double[] z, double[] a, int outputs, int n) {
      System.arraycopy(z, 0, a, 0, outputs * n);
    }

    @Override
    public int predictedClass(double[] a, int column, int outputs) {
      throw new UnsupportedOperationException("a regression output predicts values, not classes");
    }
  };

  private final String outputName;
  private final String lossName;
  private final Task task;

  OutputLoss(String outputName, String lossName, Task task) {
    this.outputName = outputName;
    this.lossName = lossName;
    this.task = task;
  }

  public String outputName() {
    return outputName;
  }

  public String lossName() {
    return lossName;
  }

  /** What is wrong with {@code outputs} units of this output, or null if nothing is. */
  abstract String problemWithOutputs(int outputs);

  /**
   * @throws IllegalArgumentException if this output cannot have {@code outputs} units
   */
  public void checkOutputs(int outputs) {
    String problem = problemWithOutputs(outputs);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Classification or regression. */
  public Task task() {
    return task;
  }

  /** Rows of the target block: 1 (a class index) for classification, outputs for regression. */
  public int targetRows(int outputs) {
    return 1;
  }

  /**
   * a = output activation of z, both {@code outputs x n}; returns the loss summed over the n
   * examples, each times its weight {@code w[wOffset + j]}, computed from z so that it never takes
   * log(0). z, y and w are not modified.
   */
  public abstract double activateAndLoss(
      double[] z, double[] a, double[] y, int yOffset, double[] w, int wOffset, int outputs, int n);

  /** a = output activation of z, both {@code outputs x n}; z is not modified. */
  public abstract void activate(double[] z, double[] a, int outputs, int n);

  /**
   * delta = a - y, the gradient of the loss with respect to z, with y as the targets hold it (the
   * target values, or 0/1); a and y are not modified.
   */
  public void delta(double[] a, double[] y, int yOffset, int outputs, int n, double[] delta) {
    for (int i = 0; i < outputs * n; i++) {
      delta[i] = a[i] - y[yOffset + i];
    }
  }

  /**
   * Number of the n examples whose predicted class equals the target (for multi-label, of the
   * (example, label) pairs predicted right); 0 for regression.
   */
  public long countCorrect(double[] a, double[] y, int yOffset, int outputs, int n) {
    if (task != Task.CLASSIFICATION) {
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
  public abstract int predictedClass(double[] a, int column, int outputs);

  /**
   * The fused output layer for an (output, loss) pair, in any case.
   *
   * @throws IllegalArgumentException naming the pair and listing the valid ones
   */
  public static OutputLoss of(String output, String loss) {
    for (OutputLoss pair : values()) {
      if (pair.outputName.equals(lowerCase(output)) && pair.lossName.equals(lowerCase(loss))) {
        return pair;
      }
    }
    throw new IllegalArgumentException(
        "output '%s' with loss '%s' is not a valid pair (valid: %s)"
            .formatted(
                output,
                loss,
                String.join(", ", Arrays.stream(values()).map(OutputLoss::pairName).toList())));
  }

  /** E.g. "softmax+cross_entropy". */
  public String pairName() {
    return outputName + "+" + lossName;
  }

  /**
   * a = sigmoid(z) entrywise over {@code outputs x n}; returns the sum over the entries of the
   * binary cross-entropy max(z, 0) - y z + log(1 + e^{-|z|}), each times its example's weight.
   */
  private static double sigmoidsAndCrossEntropy(
      double[] z,
      double[] a,
      double[] y,
      int yOffset,
      double[] w,
      int wOffset,
      int outputs,
      int n) {
    double loss = 0;
    for (int i = 0; i < outputs * n; i++) {
      a[i] = Activation.Sigmoid.sigmoid(z[i]);
      loss +=
          w[wOffset + i / outputs]
              * (Math.max(z[i], 0) - y[yOffset + i] * z[i] + Math.log1p(Math.exp(-Math.abs(z[i]))));
    }
    return loss;
  }

  private static void sigmoids(double[] z, double[] a, int length) {
    for (int i = 0; i < length; i++) {
      a[i] = Activation.Sigmoid.sigmoid(z[i]);
    }
  }

  /** A label's yes (1) or no (0) from its probability a: yes when a >= 1/2. */
  public static double labelPredicted(double a) {
    return a >= 0.5 ? 1 : 0;
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

  private static String lowerCase(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }
}
