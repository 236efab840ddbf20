package io.sparkmlp.nn;

import java.util.SplittableRandom;

/** Standard normal draws that depend on the generator's seed alone. */
public final class Gaussian {
  private Gaussian() {}

  /** Box-Muller: sqrt(-2 ln u) cos(2 pi v) for u in (0, 1] and v in [0, 1). */
  public static double draw(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
