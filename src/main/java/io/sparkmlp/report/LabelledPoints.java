package io.sparkmlp.report;

import java.util.Arrays;

/**
 * 2-D points with a class each, grouped by class for plotting.
 *
 * @param x first coordinate of each point
 * @param y second coordinate of each point
 * @param labels the class of each point, in [0, classes)
 */
public record LabelledPoints(double[] x, double[] y, int[] labels, int classes) {
  public LabelledPoints {
    if (x.length != y.length || x.length != labels.length) {
      throw new IllegalArgumentException(
          "x, y and labels differ in length: " + x.length + ", " + y.length + ", " + labels.length);
    }
  }

  public long count(int label) {
    return Arrays.stream(labels).filter(l -> l == label).count();
  }

  double[] xs(int label) {
    return select(x, label);
  }

  double[] ys(int label) {
    return select(y, label);
  }

  private double[] select(double[] values, int label) {
    double[] selected = new double[(int) count(label)];
    int next = 0;
    for (int i = 0; i < values.length; i++) {
      if (labels[i] == label) {
        selected[next++] = values[i];
      }
    }
    return selected;
  }
}
