package io.sparkmlp.nn;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The BLAS in use: netlib's pick of native (JNIBLAS), VectorBLAS, Java11BLAS or F2jBLAS, in that
 * order of preference, made once per JVM.
 */
public final class Blas {
  static final BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();

  private Blas() {}

  /** Simple class name of the implementation, e.g. "JNIBLAS" or "VectorBLAS". */
  public static String implementationName() {
    return BLAS.getClass().getSimpleName();
  }
}
