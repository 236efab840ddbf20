package io.sparkmlp.optim;

import io.sparkmlp.nn.Interval;
import java.util.List;

/**
 * Adam, Kingma and Ba (2015), "Adam: A Method for Stochastic Optimization": per-parameter steps
 * from bias-corrected moving averages of the gradient and of its square. At step t = 1, 2, ...
 *
 * <pre>
 *   m &larr; beta1 m + (1 - beta1) g          v &larr; beta2 v + (1 - beta2) g^2
 *   w &larr; w - lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 */
public final class Adam implements Optimizer {
  /** Valid decays of the two moving averages. */
  public static final Interval BETA = Interval.UNIT_OPEN;

  public static final Interval EPSILON = Interval.POSITIVE;

  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-8;

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private double[] mean;
  private double[] meanSquare;
  private long steps;

  /**
   * @param beta1 decay of the gradient average, in [0, 1)
   * @param beta2 decay of the squared-gradient average, in [0, 1)
   * @param epsilon added to the root mean square, &gt; 0
   */
  public Adam(double beta1, double beta2, double epsilon) {
    this.beta1 = BETA.require("beta1", beta1);
    this.beta2 = BETA.require("beta2", beta2);
    this.epsilon = EPSILON.require("epsilon", epsilon);
  }

  @Override
  public void initialize(int parameterCount) {
    mean = new double[parameterCount];
    meanSquare = new double[parameterCount];
    steps = 0;
  }

  @Override
  public void step(double[] parameters, double[] gradient, double learningRate) {
    OptimizerState.requireSize(mean, parameters);
    steps++;
    double meanCorrection = 1 - Math.pow(beta1, steps);
    double squareCorrection = 1 - Math.pow(beta2, steps);
    for (int i = 0; i < parameters.length; i++) {
      mean[i] = beta1 * mean[i] + (1 - beta1) * gradient[i];
      meanSquare[i] = beta2 * meanSquare[i] + (1 - beta2) * gradient[i] * gradient[i];
      parameters[i] -=
          learningRate
              * (mean[i] / meanCorrection)
              / (Math.sqrt(meanSquare[i] / squareCorrection) + epsilon);
    }
  }

  @Override
  public Adam copy() {
    Adam copy = new Adam(beta1, beta2, epsilon);
    copy.mean = mean == null ? null : mean.clone();
    copy.meanSquare = meanSquare == null ? null : meanSquare.clone();
    copy.steps = steps;
    return copy;
  }

  @Override
  public OptimizerSnapshot snapshot() {
    return new OptimizerSnapshot(List.of(mean.clone(), meanSquare.clone()), steps);
  }

  @Override
  public void restore(OptimizerSnapshot snapshot, int parameterCount) {
    List<double[]> arrays = snapshot.require(describe(), 2, parameterCount);
    mean = arrays.get(0);
    meanSquare = arrays.get(1);
    steps = snapshot.steps();
  }

  @Override
  public String describe() {
    return "adam(beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
  }
}
