package io.sparkmlp.train;

import io.sparkmlp.nn.BatchResult;
import io.sparkmlp.nn.Kernel;
import java.io.Serializable;

/**
 * Sums over a set of examples: the gradient of the summed loss, in its kernel's precision (null
 * until the first example, so empty partials cost nothing on the wire), the summed loss, the
 * example count and the number classified correctly.
 *
 * @param <A> the gradient's array type
 */
public final class Partial<A> implements Serializable {
  private static final long serialVersionUID = 1L;

  private Kernel<A> kernel;
  A gradient;
  double lossSum;
  long count;
  long correct;

  /** Sums without a gradient: of a forward pass. */
  Partial() {}

  /** Sums with a zero gradient of {@code length} entries. */
  Partial(Kernel<A> kernel, int length) {
    this.kernel = kernel;
    this.gradient = kernel.allocate(length);
  }

  /**
   * mean = gradient sum / count, into the caller's array so that the driver's step allocates
   * nothing.
   *
   * @param mean modified: every entry overwritten; the size of the parameters
   * @throws IllegalStateException if no example was summed
   */
  public void meanGradient(double[] mean) {
    if (count == 0) {
      throw new IllegalStateException("no example was summed, so there is no mean gradient");
    }
    kernel.scaleToDouble(gradient, 1.0 / count, mean);
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

  /** Adds a pass over n examples: its loss sum and correct count (its gradient is already in). */
  void add(BatchResult result, int n) {
    lossSum += result.lossSum();
    correct += result.correct();
    count += n;
  }

  /**
   * this += other, elementwise. IEEE addition is commutative, so a.plus(b) and b.plus(a) hold the
   * same bits; {@link GradientAggregate} relies on this. Returns this; other is not modified.
   */
  Partial<A> plus(Partial<A> other) {
    if (other.gradient != null) {
      if (gradient == null) {
        kernel = other.kernel;
        gradient = kernel.copyOf(other.gradient, kernel.length(other.gradient));
      } else {
        kernel.add(gradient, other.gradient);
      }
    }
    return plusTotals(other);
  }

  /** Adds other's loss sum, count and correct count, not its gradient; returns this. */
  Partial<A> plusTotals(Partial<?> other) {
    lossSum += other.lossSum;
    count += other.count;
    correct += other.correct;
    return this;
  }
}
