package io.sparkmlp.nn;

/** {@link Kernel} in double: dgemm, and every element loop in double. */
enum Float64Kernel implements Kernel<double[]> {
  INSTANCE;

  @Override
  public Precision precision() {
    return Precision.FLOAT64;
  }

  @Override
  public double[] allocate(int length) {
    return new double[length];
  }

  @Override
  public double[] fromDouble(double[] values) {
    return values;
  }

  @Override
  public void fromDouble(double[] from, int fromOffset, double[] to, int toOffset, int length) {
    if (from != to || fromOffset != toOffset) {
      System.arraycopy(from, fromOffset, to, toOffset, length);
    }
  }

  @Override
  public void toDouble(double[] from, int fromOffset, double[] to, int toOffset, int length) {
    fromDouble(from, fromOffset, to, toOffset, length);
  }

  @Override
  public void scaleToDouble(double[] from, double factor, double[] to) {
    for (int i = 0; i < to.length; i++) {
      to[i] = from[i] * factor;
    }
  }

  @Override
  public void add(double[] into, double[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  @Override
  public void multiply(double[] values, double[] factors, int length) {
    for (int i = 0; i < length; i++) {
      values[i] *= factors[i];
    }
  }

  @Override
  public double[] wideBuffer(double[] array) {
    return array;
  }

  @Override
  public void gemm(
      double alpha, Matrix<double[]> a, Matrix<double[]> b, double beta, Matrix<double[]> c) {
    int k = Kernel.innerDimension(a, b, c);
    Blas.BLAS.dgemm(
        a.operation(),
        b.operation(),
        c.rows(),
        c.cols(),
        k,
        alpha,
        a.data(),
        a.offset(),
        a.rows(),
        b.data(),
        b.offset(),
        b.rows(),
        beta,
        c.data(),
        c.offset(),
        c.rows());
  }

  @Override
  public void gemv(
      double alpha, Matrix<double[]> a, double[] x, double beta, double[] y, int yOffset) {
    Blas.BLAS.dgemv(
        a.operation(),
        a.rows(),
        a.cols(),
        alpha,
        a.data(),
        a.offset(),
        a.rows(),
        x,
        0,
        1,
        beta,
        y,
        yOffset,
        1);
  }

  @Override
  public void addTimesSparse(Matrix<double[]> a, SparseInputs<double[]> s, Matrix<double[]> c) {
    double[] from = a.data();
    double[] to = c.data();
    double[] values = s.values();
    int height = c.rows();
    for (int j = 0; j < s.width(); j++) {
      int toStart = c.offset() + j * height;
      for (int p = s.start(j); p < s.start(j + 1); p++) {
        double x = values[p];
        int fromStart = a.offset() + s.indices()[p] * a.rows();
        for (int r = 0; r < height; r++) {
          to[toStart + r] += x * from[fromStart + r];
        }
      }
    }
  }

  @Override
  public void addTimesSparseTransposed(
      Matrix<double[]> a, SparseInputs<double[]> s, Matrix<double[]> c) {
    double[] from = a.data();
    double[] to = c.data();
    double[] values = s.values();
    int height = c.rows();
    for (int j = 0; j < s.width(); j++) {
      int fromStart = a.offset() + j * a.rows();
      for (int p = s.start(j); p < s.start(j + 1); p++) {
        double x = values[p];
        int toStart = c.offset() + s.indices()[p] * height;
        for (int r = 0; r < height; r++) {
          to[toStart + r] += x * from[fromStart + r];
        }
      }
    }
  }

  @Override
  public void activate(Activation f, Workspace.Layer<double[]> layer, int length) {
    f.apply(layer.z(), layer.a(), length);
  }

  @Override
  public void multiplyByDerivative(Activation f, Workspace.Layer<double[]> layer, int length) {
    f.multiplyByDerivative(layer.z(), layer.a(), layer.delta(), length);
  }
}
