package io.sparkmlp.testing;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Gaussian;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random examples that fit a topology, for tests that need data but not a particular problem. */
public final class TestData {
  private TestData() {}

  /**
   * {@code classes} Gaussian blobs (standard deviation 0.5) around centres drawn in [-2,
   * 2]^features: a separable classification problem of any size.
   */
  public static List<Example> blobs(int classes, int features, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] centres = new double[classes][features];
    for (double[] centre : centres) {
      for (int f = 0; f < features; f++) {
        centre[f] = random.nextDouble(-2, 2);
      }
    }
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int label = i % classes;
      double[] x = new double[features];
      for (int f = 0; f < features; f++) {
        x[f] = centres[label][f] + 0.5 * Gaussian.draw(random);
      }
      examples.add(Example.labeled(x, label));
    }
    return examples;
  }

  /** {@code n} weights of 1. */
  public static double[] ones(int n) {
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    return ones;
  }

  public static List<Example> random(Topology topology, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] features = new double[topology.inputs()];
      for (int f = 0; f < features.length; f++) {
        features[f] = random.nextDouble(-1, 1);
      }
      double[] target = new double[topology.targetRows()];
      for (int t = 0; t < target.length; t++) {
        target[t] =
            topology.task() == Task.CLASSIFICATION
                ? random.nextInt(topology.classes())
                : random.nextDouble(-1, 1);
      }
      examples.add(new Example(features, target));
    }
    return examples;
  }

  /**
   * {@code count} rows of four features uniform in [-1, 1) and three labels, 0 or 1: x1 > 0, x2 +
   * x3 > 0.5 and x1 x4 > 0 (not linear), about 1/2, 0.35 and 1/2 of them 1; each row is x1..x4 then
   * the labels.
   */
  public static List<double[]> threeLabels(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] x = new double[4];
      for (int f = 0; f < 4; f++) {
        x[f] = random.nextDouble(-1, 1);
      }
      rows.add(
          new double[] {
            x[0],
            x[1],
            x[2],
            x[3],
            x[0] > 0 ? 1 : 0,
            x[1] + x[2] > 0.5 ? 1 : 0,
            x[0] * x[3] > 0 ? 1 : 0
          });
    }
    return rows;
  }
}
