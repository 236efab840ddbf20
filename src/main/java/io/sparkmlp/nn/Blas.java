package io.sparkmlp.nn;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The BLAS in use: netlib's pick of native (JNIBLAS), VectorBLAS, Java11BLAS or F2jBLAS, in that
 * order of preference, made once per JVM.
 */
public final class Blas {
  static final BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();

  /**
   * netlib's Java BLAS (VectorBLAS where the JVM has the Vector API, else Java11BLAS or F2jBLAS),
   * for the short level-1 calls of the sparse first layer: an axpy of a few hundred entries costs
   * less in Java than its JNI call into the native BLAS, and VectorBLAS's is about twice as fast as
   * a plain Java loop (measured for 256 floats, see performance.md).
   */
  static final BLAS JAVA = dev.ludovic.netlib.blas.JavaBLAS.getInstance();

  private Blas() {}

  /** Simple class name of the implementation, e.g. "JNIBLAS" or "VectorBLAS". */
  public static String implementationName() {
    return BLAS.getClass().getSimpleName();
  }
}
