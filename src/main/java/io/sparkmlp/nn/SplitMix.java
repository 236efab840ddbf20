package io.sparkmlp.nn;

/**
 * SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijection of 64-bit values whose outputs
 * for neighbouring inputs look unrelated, so a random choice can be a pure function of its
 * coordinates (seed, epoch, step, example, unit) instead of a generator's position.
 */
public final class SplitMix {
  private SplitMix() {}

  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The top 53 bits of {@code bits} as a uniform double in [0, 1). */
  public static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }
}
