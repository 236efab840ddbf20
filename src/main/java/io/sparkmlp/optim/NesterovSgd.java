package io.sparkmlp.optim;

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
public final class NesterovSgd extends VelocityOptimizer {
  /**
   * @param momentum mu in [0, 1)
   */
  public NesterovSgd(double momentum) {
    super(momentum);
  }

  @Override
  String name() {
    return "nesterov";
  }

  @Override
  NesterovSgd withMomentum(double mu) {
    return new NesterovSgd(mu);
  }

  /** w &larr; w - mu v + (1 + mu) v'. */
  @Override
  double move(double previous, double velocity) {
    return -momentum * previous + (1 + momentum) * velocity;
  }
}
