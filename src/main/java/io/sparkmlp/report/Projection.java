package io.sparkmlp.report;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Points of any dimension drawn in a plane: as they are when they have two coordinates, else on
 * their first two principal components (the eigenvectors of the covariance matrix with the largest
 * eigenvalues, from LAPACK's dsyev).
 */
public final class Projection {
  private Projection() {}

  /**
   * @param points n x d, row-major: point i is points[i * d .. i * d + d); not modified
   * @return {x, y}, each of length n
   */
  public static double[][] toPlane(double[] points, int n, int d) {
    double[] x = new double[n];
    double[] y = new double[n];
    if (d <= 2) {
      for (int i = 0; i < n; i++) {
        x[i] = points[i * d];
        y[i] = d == 2 ? points[i * d + 1] : 0;
      }
      return new double[][] {x, y};
    }
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        mean[k] += points[i * d + k] / n;
      }
    }
    // covariance C = 1/n sum (p - mean)(p - mean)^T, column-major d x d (symmetric)
    double[] covariance = new double[d * d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        double da = points[i * d + a] - mean[a];
        for (int b = 0; b < d; b++) {
          covariance[b * d + a] += da * (points[i * d + b] - mean[b]) / n;
        }
      }
    }
    double[] eigenvalues = new double[d];
    double[] work = new double[Math.max(1, 3 * d)];
    intW info = new intW(0);
    // on return covariance holds the eigenvectors as columns, eigenvalues in ascending order
    LAPACK.getInstance().dsyev("V", "U", d, covariance, d, eigenvalues, work, work.length, info);
    if (info.val != 0) {
      throw new IllegalStateException("LAPACK dsyev failed with info = " + info.val);
    }
    int first = (d - 1) * d;
    int second = (d - 2) * d;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        double centred = points[i * d + k] - mean[k];
        x[i] += centred * covariance[first + k];
        y[i] += centred * covariance[second + k];
      }
    }
    return new double[][] {x, y};
  }
}
