package io.sparkmlp.train;

import java.io.Serializable;

/**
 * Sums over a set of examples: the gradient of the summed loss (null until the first example, so
 * empty partials cost nothing on the wire), the summed loss, the example count and the number
 * classified correctly. The gradient is summed in double by float64 steps and in float by float32
 * steps ({@code gradient32}); a partial holds one of the two.
 */
public final class Partial implements Serializable {
  private static final long serialVersionUID = 1L;

  double[] gradient;
  float[] gradient32;
  double lossSum;
  long count;
  long correct;

  /**
   * mean = gradient sum / count, whichever precision it was summed in, into the caller's array so
   * that the driver's step allocates nothing.
   *
   * @param mean modified: every entry overwritten; the size of the parameters
   * @throws IllegalStateException if no example was summed
   */
  public void meanGradient(double[] mean) {
    if (count == 0) {
      throw new IllegalStateException("no example was summed, so there is no mean gradient");
    }
    double inverseCount = 1.0 / count;
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (gradient32 != null ? gradient32[i] : gradient[i]) * inverseCount;
    }
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
    if (other.gradient32 != null) {
      if (gradient32 == null) {
        gradient32 = other.gradient32.clone();
      } else {
        for (int i = 0; i < gradient32.length; i++) {
          gradient32[i] += other.gradient32[i];
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
