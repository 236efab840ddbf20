package io.sparkmlp.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/** How the initial weights are drawn. Biases start at 0, or at a small positive value for ReLUs. */
public enum Initializer {
  /** The lecture's rule: uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)]. */
  UNIFORM {
    @Override
    double draw(SplittableRandom random, int fanIn, int fanOut) {
      double limit = 1 / Math.sqrt(fanIn);
      return random.nextDouble(-limit, limit);
    }
  },
  /**
   * Glorot and Bengio (2010), "Understanding the difficulty of training deep feedforward neural
   * networks": uniform in [-sqrt(6/(fan_in+fan_out)), +sqrt(6/(fan_in+fan_out))].
   */
  GLOROT {
    @Override
    double draw(SplittableRandom random, int fanIn, int fanOut) {
      double limit = Math.sqrt(6.0 / (fanIn + fanOut));
      return random.nextDouble(-limit, limit);
    }
  },
  /**
   * He et al. (2015), "Delving deep into rectifiers": normal with mean 0 and variance 2/fan_in,
   * which keeps the variance of ReLU activations constant from layer to layer.
   */
  HE {
    @Override
    double draw(SplittableRandom random, int fanIn, int fanOut) {
      return Gaussian.draw(random) * Math.sqrt(2.0 / fanIn);
    }
  };

  /**
   * Default initial bias of ReLU and leaky-ReLU units: positive, so they start in the active
   * region.
   */
  public static final double DEFAULT_RECTIFIER_BIAS = 0.01;

  abstract double draw(SplittableRandom random, int fanIn, int fanOut);

  /**
   * A new flat parameter array for {@code topology}: weights drawn by this rule from {@code seed},
   * biases 0 except {@code rectifierBias} in ReLU and leaky-ReLU hidden layers.
   */
  public double[] initialize(Topology topology, long seed, double rectifierBias) {
    double[] parameters = new double[topology.parameterCount()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 0; l < topology.layerCount(); l++) {
      int from = topology.weightOffset(l);
      for (int i = from; i < from + topology.weightCount(l); i++) {
        parameters[i] = draw(random, topology.fanIn(l), topology.fanOut(l));
      }
      boolean hiddenRectifier =
          l < topology.layerCount() - 1 && topology.activation(l).isRectifier();
      int biasFrom = topology.biasOffset(l);
      Arrays.fill(
          parameters, biasFrom, biasFrom + topology.fanOut(l), hiddenRectifier ? rectifierBias : 0);
    }
    return parameters;
  }

  /** Lower-case name as written in conf files. */
  public String label() {
    return Names.label(this);
  }

  /**
   * @throws IllegalArgumentException naming the bad value and the valid names
   */
  public static Initializer byName(String name) {
    return Names.byLabel(Initializer.class, name, "initializer");
  }
}
