package io.sparkmlp.optim;

import io.sparkmlp.nn.Interval;
import io.sparkmlp.nn.Topology;
import java.util.List;

/**
 * LARS, You, Gitman and Ginsburg (2017), "Large Batch Training of Convolutional Networks",
 * Algorithm 1: momentum SGD whose rate is scaled per layer by a trust ratio, so that each weight
 * matrix moves by about eta times its own norm whatever its gradient's size. For layer l's weights,
 * with global rate lr (the schedule's) and trust coefficient eta:
 *
 * <pre>
 *   local = eta ||w|| / (||g|| + lambda ||w||)          (1 if either norm is 0)
 *   v &larr; mu v + lr local (g + lambda w)
 *   w &larr; w - v
 * </pre>
 *
 * Biases take plain momentum SGD, v &larr; mu v + lr g, without decay or ratio.
 */
final class Lars implements Optimizer {
  /** Valid trust coefficients eta. */
  static final Interval TRUST = Interval.POSITIVE;

  private final double momentum;
  private final double trust;
  private final double decay;
  private final Topology topology;
  private final WeightLayers layers;
  private double[] velocity;

  Lars(double momentum, double trust, double decay, Topology topology) {
    this.momentum = Optimizers.MOMENTUM.require("momentum", momentum);
    this.trust = TRUST.require("trust coefficient", trust);
    this.decay = DecoupledWeightDecay.DECAY.require("weight decay", decay);
    this.topology = topology;
    this.layers = new WeightLayers(topology);
  }

  @Override
  public void initialize(int parameterCount) {
    velocity = new double[parameterCount];
  }

  @Override
  public void step(double[] parameters, double[] gradient, double learningRate) {
    OptimizerState.requireSize(velocity, parameters);
    for (int l = 0; l < layers.count(); l++) {
      double weightNorm = layers.norm(parameters, l);
      double gradientNorm = layers.norm(gradient, l);
      double local =
          weightNorm > 0 && gradientNorm > 0
              ? trust * weightNorm / (gradientNorm + decay * weightNorm)
              : 1;
      for (int i = layers.from(l); i < layers.to(l); i++) {
        velocity[i] =
            momentum * velocity[i] + learningRate * local * (gradient[i] + decay * parameters[i]);
        parameters[i] -= velocity[i];
      }
      for (int i = layers.to(l); i < layers.biasesTo(l); i++) {
        velocity[i] = momentum * velocity[i] + learningRate * gradient[i];
        parameters[i] -= velocity[i];
      }
    }
  }

  @Override
  public Lars copy() {
    Lars copy = new Lars(momentum, trust, decay, topology);
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
    return "lars(momentum=%s, trust=%s, weight_decay=%s)".formatted(momentum, trust, decay);
  }
}
