package io.sparkmlp.optim;

import io.sparkmlp.nn.Topology;
import java.util.List;

/**
 * LAMB, You et al. (2020), "Large Batch Optimization for Deep Learning: Training BERT in 76
 * minutes", Algorithm 2: Adam's direction with decoupled weight decay, scaled per layer so that
 * each weight matrix moves by lr times its own norm at most. At step t, for layer l's weights:
 *
 * <pre>
 *   m &larr; beta1 m + (1 - beta1) g            v &larr; beta2 v + (1 - beta2) g^2
 *   r = (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps) + lambda w
 *   w &larr; w - lr (||w|| / ||r||) r         (ratio 1 if either norm is 0)
 * </pre>
 *
 * Biases take the Adam direction without decay and without a trust ratio.
 */
final class Lamb implements Optimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double decay;
  private final Topology topology;
  private final WeightLayers layers;
  private double[] mean;
  private double[] meanSquare;
  private double[] direction;
  private long steps;

  Lamb(double beta1, double beta2, double epsilon, double decay, Topology topology) {
    this.beta1 = Adam.BETA.require("beta1", beta1);
    this.beta2 = Adam.BETA.require("beta2", beta2);
    this.epsilon = Adam.EPSILON.require("epsilon", epsilon);
    this.decay = DecoupledWeightDecay.DECAY.require("weight decay", decay);
    this.topology = topology;
    this.layers = new WeightLayers(topology);
  }

  @Override
  public void initialize(int parameterCount) {
    mean = new double[parameterCount];
    meanSquare = new double[parameterCount];
    direction = new double[parameterCount];
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
      direction[i] =
          (mean[i] / meanCorrection) / (Math.sqrt(meanSquare[i] / squareCorrection) + epsilon);
    }
    for (int l = 0; l < layers.count(); l++) {
      for (int i = layers.from(l); i < layers.to(l); i++) {
        direction[i] += decay * parameters[i];
      }
      double ratio = WeightLayers.trustRatio(layers.norm(parameters, l), layers.norm(direction, l));
      for (int i = layers.from(l); i < layers.to(l); i++) {
        parameters[i] -= learningRate * ratio * direction[i];
      }
      for (int i = layers.to(l); i < layers.biasesTo(l); i++) {
        parameters[i] -= learningRate * direction[i];
      }
    }
  }

  @Override
  public Lamb copy() {
    Lamb copy = new Lamb(beta1, beta2, epsilon, decay, topology);
    if (mean != null) {
      copy.initialize(mean.length);
      copy.mean = mean.clone();
      copy.meanSquare = meanSquare.clone();
    }
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
    initialize(parameterCount);
    mean = arrays.get(0);
    meanSquare = arrays.get(1);
    steps = snapshot.steps();
  }

  @Override
  public String describe() {
    return "lamb(beta1=%s, beta2=%s, epsilon=%s, weight_decay=%s)"
        .formatted(beta1, beta2, epsilon, decay);
  }
}
