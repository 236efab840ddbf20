package io.sparkmlp.nn;

/**
 * The two kernels. They live here, not as constants of {@link Kernel}: an interface with default
 * methods is initialized with each class that implements it, so constants of Kernel that named its
 * implementations would read null in a JVM whose first use of a kernel is a deserialized one (an
 * executor's).
 */
public final class Kernels {
  public static final Kernel<double[]> FLOAT64 = Float64Kernel.INSTANCE;
  public static final Kernel<float[]> FLOAT32 = Float32Kernel.INSTANCE;

  private Kernels() {}
}
