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

  /** w &larr; w + v. */
  @Override
  double move(double previous, double velocity) {
    return velocity;
  }
}
