package io.sparkmlp.nn;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

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
  public void write(double[] array, ObjectOutput out) throws IOException {
    Wire.write(
        array.length,
        Double.BYTES,
        out,
        (bytes, from, count) -> bytes.asDoubleBuffer().put(array, from, count));
  }

  @Override
  public double[] read(ObjectInput in) throws IOException {
    double[] array = new double[in.readInt()];
    Wire.read(
        array.length,
        Double.BYTES,
        in,
        (bytes, from, count) -> bytes.asDoubleBuffer().get(array, from, count));
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
  public void addScaled(
      int n, double[] scales, int scale, double[] x, int xOffset, double[] y, int yOffset) {
    Blas.JAVA.daxpy(n, scales[scale], x, xOffset, 1, y, yOffset, 1);
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
