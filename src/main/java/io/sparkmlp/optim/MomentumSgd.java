package io.sparkmlp.optim;

import java.util.List;

/**
 * Stochastic gradient descent with classical (heavy-ball) momentum, Polyak (1964), "Some methods of
 * speeding up the convergence of iteration methods":
 *
 * <pre>
 *   v &larr; mu v - lr g
 *   w &larr; w + v
 * </pre>
 *
 * With mu = 0 this is plain SGD, w &larr; w - lr g.
 */
public final class MomentumSgd implements Optimizer {
  private final double momentum;
  private double[] velocity;

  /**
   * @param momentum mu in [0, 1)
   */
  public MomentumSgd(double momentum) {
    this.momentum = OptimizerState.requireMomentum(momentum);
  }

  public double momentum() {
    return momentum;
  }

  @Override
  public void initialize(int parameterCount) {
    velocity = new double[parameterCount];
  }

  @Override
  public void step(double[] parameters, double[] gradient, double learningRate) {
    OptimizerState.requireSize(velocity, parameters);
    for (int i = 0; i < parameters.length; i++) {
      velocity[i] = momentum * velocity[i] - learningRate * gradient[i];
      parameters[i] += velocity[i];
    }
  }

  @Override
  public MomentumSgd copy() {
    MomentumSgd copy = new MomentumSgd(momentum);
    copy.velocity = velocity == null ? null : velocity.clone();
    return copy;
  }

  @Override
  public OptimizerSnapshot snapshot() {
    return new OptimizerSnapshot(List.of(velocity.clone()), 0);
  }

  @Override
  public void restore(OptimizerSnapshot snapshot, int parameterCount) {
    velocity = snapshot.require(describe(), 1, parameterCount).get(0);
  }

  @Override
  public String describe() {
    return "sgd(momentum=" + momentum + ")";
  }
}
