package io.sparkmlp.optim;

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
public final class MomentumSgd extends VelocityOptimizer {
  /**
   * @param momentum mu in [0, 1)
   */
  public MomentumSgd(double momentum) {
    super(momentum);
  }

  @Override
  String name() {
    return "sgd";
  }

  @Override
  MomentumSgd withMomentum(double mu) {
    return new MomentumSgd(mu);
  }

  @Override
  public void step(double[] parameters, double[] gradient, double learningRate) {
    OptimizerState.requireSize(velocity, parameters);
    for (int i = 0; i < parameters.length; i++) {
      velocity[i] = momentum * velocity[i] - learningRate * gradient[i];
      parameters[i] += velocity[i];
    }
  }
}
