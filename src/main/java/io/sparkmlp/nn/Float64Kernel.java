package io.sparkmlp.nn;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.ByteBuffer;

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
    out.writeInt(array.length);
    ByteBuffer bytes = Wire.buffer(Math.min(array.length, Wire.CHUNK) * Double.BYTES);
    for (int from = 0; from < array.length; from += Wire.CHUNK) {
      int count = Math.min(Wire.CHUNK, array.length - from);
      bytes.clear();
      bytes.asDoubleBuffer().put(array, from, count);
      out.write(bytes.array(), 0, count * Double.BYTES);
    }
  }

  @Override
  public double[] read(ObjectInput in) throws IOException {
    double[] array = new double[in.readInt()];
    ByteBuffer bytes = Wire.buffer(Math.min(array.length, Wire.CHUNK) * Double.BYTES);
    for (int from = 0; from < array.length; from += Wire.CHUNK) {
      int count = Math.min(Wire.CHUNK, array.length - from);
      in.readFully(bytes.array(), 0, count * Double.BYTES);
      bytes.clear();
      bytes.asDoubleBuffer().get(array, from, count);
    }
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
    int height = c.rows();
    for (int j = 0; j < s.width(); j++) {
      for (int p = s.start(j); p < s.start(j + 1); p++) {
        // C[:, j] += s_ij A[:, i]
        Blas.JAVA.daxpy(
            height,
            s.values()[p],
            a.data(),
            a.offset() + s.indices()[p] * a.rows(),
            1,
            c.data(),
            c.offset() + j * height,
            1);
      }
    }
  }

  @Override
  public void addTimesSparseTransposed(
      Matrix<double[]> a, SparseInputs<double[]> s, Matrix<double[]> c) {
    int height = c.rows();
    for (int j = 0; j < s.width(); j++) {
      for (int p = s.start(j); p < s.start(j + 1); p++) {
        // C[:, i] += s_ij A[:, j]
        Blas.JAVA.daxpy(
            height,
            s.values()[p],
            a.data(),
            a.offset() + j * a.rows(),
            1,
            c.data(),
            c.offset() + s.indices()[p] * height,
            1);
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
