package io.sparkmlp.optim;

import java.util.List;

/**
 * What the two momentum methods share: the momentum mu and one velocity array of state, created,
 * copied, checkpointed and restored alike. Subclasses differ only in how a step uses them.
 */
abstract class VelocityOptimizer implements Optimizer {
  protected final double momentum;
  protected double[] velocity;

  /**
   * @param momentum mu in [0, 1)
   */
  VelocityOptimizer(double momentum) {
    this.momentum = Optimizers.MOMENTUM.require("momentum", momentum);
  }

  /** The name {@link Optimizers#create} knows this optimiser by. */
  abstract String name();

  /** A fresh optimiser of the same kind with momentum mu and no state. */
  abstract VelocityOptimizer withMomentum(double mu);

  /**
   * How far a weight moves when its velocity goes from {@code previous} to {@code velocity} = mu
   * previous - lr g.
   */
  abstract double move(double previous, double velocity);

  @Override
  public void step(double[] parameters, double[] gradient, double learningRate) {
    OptimizerState.requireSize(velocity, parameters);
    for (int i = 0; i < parameters.length; i++) {
      double previous = velocity[i];
      velocity[i] = momentum * previous - learningRate * gradient[i];
      parameters[i] += move(previous, velocity[i]);
    }
  }

  @Override
  public void initialize(int parameterCount) {
    velocity = new double[parameterCount];
  }

  @Override
  public VelocityOptimizer copy() {
    VelocityOptimizer copy = withMomentum(momentum);
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
    return name() + "(momentum=" + momentum + ")";
  }
}
