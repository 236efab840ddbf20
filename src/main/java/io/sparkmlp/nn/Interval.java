package io.sparkmlp.nn;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A range of valid values for a setting, stated once where its math lives (Adam's betas, a
 * momentum, a decay factor) and read by the settings schema for its messages and docs.
 *
 * @param low lower bound, or -infinity
 * @param lowIncluded whether low itself is valid
 * @param high upper bound, or +infinity
 * @param highIncluded whether high itself is valid
 */
public record Interval(double low, boolean lowIncluded, double high, boolean highIncluded)
    implements Serializable {
  /** Every finite value. */
  public static final Interval FINITE =
      new Interval(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

  /** Values &gt; 0. */
  public static final Interval POSITIVE = above(0);

  /** Values &gt;= 0. */
  public static final Interval NON_NEGATIVE = atLeast(0);

  /** [0, 1): a decay rate or a fraction that must leave something. */
  public static final Interval UNIT_OPEN = new Interval(0, true, 1, false);

  public static Interval atLeast(double low) {
    return new Interval(low, true, Double.POSITIVE_INFINITY, false);
  }

  public static Interval above(double low) {
    return new Interval(low, false, Double.POSITIVE_INFINITY, false);
  }

  /** True for a finite value inside the interval. */
  public boolean contains(double value) {
    return Double.isFinite(value)
        && (lowIncluded ? value >= low : value > low)
        && (highIncluded ? value <= high : value < high);
  }

  /**
   * The value if it is valid.
   *
   * @throws IllegalArgumentException "{name} must be {this}, got {value}"
   */
  public double require(String name, double value) {
    if (!contains(value)) {
      throw new IllegalArgumentException(name + " must be " + this + ", got " + value);
    }
    return value;
  }

  /** E.g. "&gt; 0", "&gt;= 1", "in [0, 1)", "a finite number". */
  @Override
  public String toString() {
    boolean bounded = high < Double.POSITIVE_INFINITY;
    if (low == Double.NEGATIVE_INFINITY) {
      return bounded ? (highIncluded ? "<= " : "< ") + text(high) : "a finite number";
    }
    if (!bounded) {
      return (lowIncluded ? ">= " : "> ") + text(low);
    }
    return "in "
        + (lowIncluded ? "[" : "(")
        + text(low)
        + ", "
        + text(high)
        + (highIncluded ? "]" : ")");
  }

  /** A bound as people write it: 1 rather than 1.0. */
  private static String text(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }
}
