package io.sparkmlp.nn;

import java.io.Serializable;

/**
 * The input block X of a pass, {@code height x width} with one example per column, as the first
 * weight layer multiplies it: dense (a {@link Matrix}) or sparse ({@link SparseInputs}). The rest
 * of the network sees only the first layer's output, so only these two products depend on how X is
 * stored.
 *
 * @param <A> double[] or float[]
 */
public sealed interface Inputs<A> extends Serializable permits Matrix, SparseInputs {
  /** The number of features: rows of X. */
  int height();

  /** The number of examples: columns of X. */
  int width();

  /** Examples [first, first + count) of this block, stored in the same place. */
  Inputs<A> columns(int first, int count);

  /**
   * Z += W X, for the first layer's weights W ({@code out x height}) and Z ({@code out x width}).
   */
  void multiplyInto(Kernel<A> kernel, Matrix<A> w, Matrix<A> z);

  /** G += Delta X^T, for Delta ({@code out x width}) and G ({@code out x height}). */
  void addOuterProduct(Kernel<A> kernel, Matrix<A> delta, Matrix<A> g);
}
