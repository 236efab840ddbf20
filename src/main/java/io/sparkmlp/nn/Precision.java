package io.sparkmlp.nn;

/**
 * The floating-point type of a training step's arithmetic and of what it ships.
 *
 * <p>FLOAT64 computes everything in double. FLOAT32 is mixed precision: the driver keeps the
 * weights and the optimiser's state in double, and each step ships their float rounding to the
 * executors, runs the GEMMs in float (sgemm: about twice dgemm's rate) on features cached as float,
 * and sums and returns the gradient in float (half the bytes each way). See {@link Backprop32}.
 */
public enum Precision {
  FLOAT64,
  FLOAT32;

  /** The name the job files use: "float64" or "float32". */
  public String label() {
    return Names.label(this);
  }

  /**
   * @throws IllegalArgumentException naming the bad value and the valid ones
   */
  public static Precision byName(String name) {
    return Names.byLabel(Precision.class, name, "precision");
  }

  /** values rounded to float, elementwise. */
  public static float[] narrow(double[] values) {
    float[] narrowed = new float[values.length];
    narrow(values, 0, narrowed, 0, values.length);
    return narrowed;
  }

  /** to[toOffset + i] = (float) from[fromOffset + i] for i in [0, length); from is not modified. */
  public static void narrow(double[] from, int fromOffset, float[] to, int toOffset, int length) {
    for (int i = 0; i < length; i++) {
      to[toOffset + i] = (float) from[fromOffset + i];
    }
  }

  /** to[toOffset + i] = from[fromOffset + i] for i in [0, length); from is not modified. */
  public static void widen(float[] from, int fromOffset, double[] to, int toOffset, int length) {
    for (int i = 0; i < length; i++) {
      to[toOffset + i] = from[fromOffset + i];
    }
  }
}
