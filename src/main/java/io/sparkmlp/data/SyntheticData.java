package io.sparkmlp.data;

import io.sparkmlp.nn.Gaussian;
import io.sparkmlp.nn.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small datasets generated from a seed: the lecture's 2-D two-class toy problems, which no linear
 * classifier separates, and a 1-D regression curve.
 */
public enum SyntheticData {
  /**
   * XOR quadrants: x uniform in [-1, 1]^2 outside a band of half-width {@link #XOR_MARGIN} around
   * the axes; class 1 when x1 and x2 have the same sign. Any line gets at most about 2/3 right.
   */
  XOR(2) {
    @Override
    Example draw(SplittableRandom random) {
      double x1 = awayFromAxis(random);
      double x2 = awayFromAxis(random);
      return Example.labeled(new double[] {x1, x2}, x1 * x2 > 0 ? 1 : 0);
    }
  },
  /**
   * Two concentric rings: class 0 at radius about 0.5, class 1 at radius about 1, both with
   * Gaussian radial noise of {@link #RING_NOISE}. Linear classifiers score about 50%.
   */
  RINGS(2) {
    @Override
    Example draw(SplittableRandom random) {
      int label = random.nextInt(2);
      double radius = (label == 0 ? 0.5 : 1.0) + RING_NOISE * Gaussian.draw(random);
      double angle = random.nextDouble(0, 2 * Math.PI);
      return Example.labeled(
          new double[] {radius * Math.cos(angle), radius * Math.sin(angle)}, label);
    }
  },
  /** y = sin(x) for x uniform in [-3, 3], without noise. */
  SINE(1) {
    @Override
    Example draw(SplittableRandom random) {
      double x = random.nextDouble(-3, 3);
      return new Example(new double[] {x}, new double[] {Math.sin(x)});
    }
  };

  static final double XOR_MARGIN = 0.05;
  static final double RING_NOISE = 0.08;

  private final int inputs;

  SyntheticData(int inputs) {
    this.inputs = inputs;
  }

  abstract Example draw(SplittableRandom random);

  public int inputs() {
    return inputs;
  }

  /** {@code count} examples drawn from {@code seed}; the same seed gives the same list. */
  public List<Example> generate(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Example> examples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      examples.add(draw(random));
    }
    return examples;
  }

  public String label() {
    return Names.label(this);
  }

  /**
   * @throws IllegalArgumentException naming the bad value and the valid names
   */
  public static SyntheticData byName(String name) {
    return Names.byLabel(SyntheticData.class, name, "synthetic dataset");
  }

  private static double awayFromAxis(SplittableRandom random) {
    double magnitude = random.nextDouble(XOR_MARGIN, 1);
    return random.nextBoolean() ? magnitude : -magnitude;
  }
}
