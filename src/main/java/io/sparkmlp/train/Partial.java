package io.sparkmlp.train;

import java.io.Serializable;

/**
 * Sums over a set of examples: the gradient of the summed loss (null until the first example, so
 * empty partials cost nothing on the wire), the summed loss, the example count and the number
 * classified correctly.
 */
public final class Partial implements Serializable {
  private static final long serialVersionUID = 1L;

  double[] gradient;
  double lossSum;
  long count;
  long correct;

  public double[] gradient() {
    return gradient;
  }

  public double lossSum() {
    return lossSum;
  }

  public long count() {
    return count;
  }

  public long correct() {
    return correct;
  }

  /**
   * this += other, elementwise. IEEE addition is commutative, so a.plus(b) and b.plus(a) hold the
   * same bits; {@link GradientAggregate} relies on this. Returns this; other is not modified.
   */
  Partial plus(Partial other) {
    if (other.gradient != null) {
      if (gradient == null) {
        gradient = other.gradient.clone();
      } else {
        for (int i = 0; i < gradient.length; i++) {
          gradient[i] += other.gradient[i];
        }
      }
    }
    return plusTotals(other);
  }

  /** Adds other's loss sum, count and correct count, not its gradient; returns this. */
  Partial plusTotals(Partial other) {
    lossSum += other.lossSum;
    count += other.count;
    correct += other.correct;
    return this;
  }
}
