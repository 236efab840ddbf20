package io.sparkmlp.nn;

import java.io.Serializable;

/**
 * L1 and L2 penalties on the weights, never on the biases: R(W) = l1 * sum|w| + l2/2 * sum w^2, so
 * dR/dw = l1 * sign(w) + l2 * w.
 */
public record Regularization(double l1, double l2) implements Serializable {
  /** Valid strengths of either penalty. */
  public static final Interval STRENGTH = Interval.NON_NEGATIVE;

  public static final Regularization NONE = new Regularization(0, 0);

  public Regularization {
    STRENGTH.require("L1 strength", l1);
    STRENGTH.require("L2 strength", l2);
  }

  public boolean isNone() {
    return l1 == 0 && l2 == 0;
  }

  /** R(W) over the weight entries of {@code parameters}; parameters are not modified. */
  public double penalty(Topology topology, double[] parameters) {
    double absSum = 0;
    double squareSum = 0;
    for (int l = 0; l < topology.layerCount(); l++) {
      int from = topology.weightOffset(l);
      for (int i = from; i < from + topology.weightCount(l); i++) {
        absSum += Math.abs(parameters[i]);
        squareSum += parameters[i] * parameters[i];
      }
    }
    return l1 * absSum + 0.5 * l2 * squareSum;
  }

  /** gradient += dR/dw on weight entries; bias entries of gradient are left as they are. */
  public void addGradient(Topology topology, double[] parameters, double[] gradient) {
    if (isNone()) {
      return;
    }
    for (int l = 0; l < topology.layerCount(); l++) {
      int from = topology.weightOffset(l);
      for (int i = from; i < from + topology.weightCount(l); i++) {
        gradient[i] += l1 * Math.signum(parameters[i]) + l2 * parameters[i];
      }
    }
  }
}
