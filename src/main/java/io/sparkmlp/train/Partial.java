package io.sparkmlp.train;

import io.sparkmlp.nn.BatchResult;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Precision;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/**
 * Sums over a set of examples: the gradient of the summed weighted loss, in its kernel's precision
 * (null until the first example, so empty partials cost nothing on the wire), the summed weighted
 * loss, the sum of the weights, the example count and the number classified correctly.
 *
 * @param <A> the gradient's array type
 */
public final class Partial<A> implements Externalizable {
  private static final long serialVersionUID = 1L;

  private static final int NO_GRADIENT = -1;

  private Kernel<A> kernel;
  A gradient;
  double lossSum;
  double weightSum;
  long count;
  long correct;

  /** Sums without a gradient: of a forward pass; also for deserialization. */
  public Partial() {}

  /** Sums with a zero gradient of {@code length} entries. */
  Partial(Kernel<A> kernel, int length) {
    this.kernel = kernel;
    this.gradient = kernel.allocate(length);
  }

  /**
   * mean = gradient sum / weight sum (the weighted mean; with every weight 1, the sum / count),
   * into the caller's array so that the driver's step allocates nothing. Examples that all weigh 0
   * have a mean gradient of 0.
   *
   * @param mean modified: every entry overwritten; the size of the parameters
   * @throws IllegalStateException if no example was summed
   */
  public void meanGradient(double[] mean) {
    if (count == 0) {
      throw new IllegalStateException("no example was summed, so there is no mean gradient");
    }
    kernel.scaleToDouble(gradient, weightSum == 0 ? 0 : 1.0 / weightSum, mean);
  }

  public double lossSum() {
    return lossSum;
  }

  /** The weights of the examples summed; their count when every weight is 1. */
  public double weightSum() {
    return weightSum;
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
    weightSum += result.weightSum();
    correct += result.correct();
    count += n;
  }

  /**
   * The sums, then the gradient in bulk ({@link Kernel#write}), read back as primitives only. Kryo
   * (Spark's serializer when a user configures it, e.g. for treeAggregate's shuffle) ignores {@link
   * Externalizable} and writes every field as it is.
   */
  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeDouble(lossSum);
    out.writeDouble(weightSum);
    out.writeLong(count);
    out.writeLong(correct);
    out.writeByte(gradient == null ? NO_GRADIENT : kernel.precision().ordinal());
    if (gradient != null) {
      kernel.write(gradient, out);
    }
  }

  @Override
  @SuppressWarnings("unchecked") // writeExternal wrote a gradient of this kernel's type
  public void readExternal(ObjectInput in) throws IOException {
    lossSum = in.readDouble();
    weightSum = in.readDouble();
    count = in.readLong();
    correct = in.readLong();
    int precision = in.readByte();
    if (precision != NO_GRADIENT) {
      kernel = (Kernel<A>) Precision.values()[precision].kernel();
      gradient = kernel.read(in);
    }
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

  /** Adds other's loss and weight sums, count and correct count, not its gradient; returns this. */
  Partial<A> plusTotals(Partial<?> other) {
    lossSum += other.lossSum;
    weightSum += other.weightSum;
    count += other.count;
    correct += other.correct;
    return this;
  }
}
