package io.sparkmlp.nn;

/**
 * The floating-point type of a training step's arithmetic and of what it ships.
 *
 * <p>FLOAT64 computes everything in double. FLOAT32 is mixed precision: the driver keeps the
 * weights and the optimiser's state in double, and each step ships their float rounding to the
 * executors, runs the GEMMs in float (sgemm: about twice dgemm's rate) on features cached as float,
 * and sums and returns the gradient in float (half the bytes each way). See {@link Kernel}.
 */
public enum Precision {
  FLOAT64(Double.MAX_VALUE),
  FLOAT32(Float.MAX_VALUE);

  private final double largest;

  Precision(double largest) {
    this.largest = largest;
  }

  /** Largest finite magnitude of the type. */
  public double largest() {
    return largest;
  }

  /** The name the job files use: "float64" or "float32". */
  public String label() {
    return Names.label(this);
  }

  /** The arithmetic of this precision. */
  public Kernel<?> kernel() {
    return this == FLOAT64 ? Kernels.FLOAT64 : Kernels.FLOAT32;
  }

  /**
   * @throws IllegalArgumentException naming the bad value and the valid ones
   */
  public static Precision byName(String name) {
    return Names.byLabel(Precision.class, name, "precision");
  }
}
