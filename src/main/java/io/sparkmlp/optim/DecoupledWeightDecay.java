package io.sparkmlp.optim;

import io.sparkmlp.nn.Interval;
import io.sparkmlp.nn.Topology;

/**
 * Decoupled weight decay, Loshchilov and Hutter (2019), "Decoupled Weight Decay Regularization"
 * (with Adam: AdamW): before the wrapped optimiser's step, every weight shrinks by the step's rate
 * times the decay, {@code w <- w - lr lambda w}, apart from the gradient and so apart from Adam's
 * per-parameter scaling (unlike an L2 penalty, whose gradient Adam rescales). Biases never decay.
 */
final class DecoupledWeightDecay implements Optimizer {
  /** Valid decays lambda. */
  static final Interval DECAY = Interval.NON_NEGATIVE;

  private final Optimizer inner;
  private final double decay;
  private final Topology topology;
  private final WeightLayers layers;

  DecoupledWeightDecay(Optimizer inner, double decay, Topology topology) {
    this.inner = inner;
    this.decay = DECAY.require("weight decay", decay);
    this.topology = topology;
    this.layers = new WeightLayers(topology);
  }

  @Override
  public void initialize(int parameterCount) {
    inner.initialize(parameterCount);
  }

  @Override
  public void step(double[] parameters, double[] gradient, double learningRate) {
    double shrink = 1 - learningRate * decay;
    for (int l = 0; l < layers.count(); l++) {
      for (int i = layers.from(l); i < layers.to(l); i++) {
        parameters[i] *= shrink;
      }
    }
    inner.step(parameters, gradient, learningRate);
  }

  @Override
  public Optimizer copy() {
    return new DecoupledWeightDecay(inner.copy(), decay, topology);
  }

  @Override
  public OptimizerSnapshot snapshot() {
    return inner.snapshot();
  }

  @Override
  public void restore(OptimizerSnapshot snapshot, int parameterCount) {
    inner.restore(snapshot, parameterCount);
  }

  @Override
  public String describe() {
    return inner.describe() + " with weight decay " + decay;
  }
}
