package io.sparkmlp.optim;

import java.util.List;

/**
 * SGD with Nesterov momentum: the gradient is taken at the point momentum is about to carry the
 * weights to. Sutskever, Martens, Dahl and Hinton (2013), "On the importance of initialization and
 * momentum in deep learning", in the form of Bengio, Boulanger-Lewandowski and Pascanu (2013),
 * "Advances in optimizing recurrent networks", which needs the gradient at w only:
 *
 * <pre>
 *   v' = mu v - lr g
 *   w &larr; w - mu v + (1 + mu) v'
 * </pre>
 */
public final class NesterovSgd implements Optimizer {
  private final double momentum;
  private double[] velocity;

  /**
   * @param momentum mu in [0, 1)
   */
  public NesterovSgd(double momentum) {
    this.momentum = OptimizerState.requireMomentum(momentum);
  }

  @Override
  public void initialize(int parameterCount) {
    velocity = new double[parameterCount];
  }

  @Override
  public void step(double[] parameters, double[] gradient, double learningRate) {
    OptimizerState.requireSize(velocity, parameters);
    for (int i = 0; i < parameters.length; i++) {
      double previous = velocity[i];
      velocity[i] = momentum * previous - learningRate * gradient[i];
      parameters[i] += -momentum * previous + (1 + momentum) * velocity[i];
    }
  }

  @Override
  public NesterovSgd copy() {
    NesterovSgd copy = new NesterovSgd(momentum);
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
    return "nesterov(momentum=" + momentum + ")";
  }
}
