package io.sparkmlp.nn;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.ByteBuffer;

/**
 * {@link Kernel} with float32 GEMMs (mixed precision): sgemm on float operands, while the
 * activations other than ReLU, the output layer and its loss, and their derivative factors are
 * computed in double from the widened float products, with the same {@link Activation} and {@link
 * OutputLoss} code as float64, then rounded back to float. ReLU layers stay in float: max(0, z) and
 * the derivative's bit mask are exact there.
 */
enum Float32Kernel implements Kernel<float[]> {
  INSTANCE;

  @Override
  public Precision precision() {
    return Precision.FLOAT32;
  }

  @Override
  public float[] allocate(int length) {
    return new float[length];
  }

  @Override
  public float[] fromDouble(double[] values) {
    float[] narrowed = new float[values.length];
    fromDouble(values, 0, narrowed, 0, values.length);
    return narrowed;
  }

  @Override
  public void fromDouble(double[] from, int fromOffset, float[] to, int toOffset, int length) {
    for (int i = 0; i < length; i++) {
      to[toOffset + i] = (float) from[fromOffset + i];
    }
  }

  @Override
  public void toDouble(float[] from, int fromOffset, double[] to, int toOffset, int length) {
    for (int i = 0; i < length; i++) {
      to[toOffset + i] = from[fromOffset + i];
    }
  }

  @Override
  public void scaleToDouble(float[] from, double factor, double[] to) {
    for (int i = 0; i < to.length; i++) {
      to[i] = from[i] * factor;
    }
  }

  @Override
  public void add(float[] into, float[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  @Override
  public void multiply(float[] values, double[] factors, int length) {
    for (int i = 0; i < length; i++) {
      values[i] = (float) (values[i] * factors[i]);
    }
  }

  @Override
  public double[] wideBuffer(float[] array) {
    return new double[array.length];
  }

  @Override
  public void write(float[] array, ObjectOutput out) throws IOException {
    out.writeInt(array.length);
    ByteBuffer bytes = Wire.buffer(Math.min(array.length, Wire.CHUNK) * Float.BYTES);
    for (int from = 0; from < array.length; from += Wire.CHUNK) {
      int count = Math.min(Wire.CHUNK, array.length - from);
      bytes.clear();
      bytes.asFloatBuffer().put(array, from, count);
      out.write(bytes.array(), 0, count * Float.BYTES);
    }
  }

  @Override
  public float[] read(ObjectInput in) throws IOException {
    float[] array = new float[in.readInt()];
    ByteBuffer bytes = Wire.buffer(Math.min(array.length, Wire.CHUNK) * Float.BYTES);
    for (int from = 0; from < array.length; from += Wire.CHUNK) {
      int count = Math.min(Wire.CHUNK, array.length - from);
      in.readFully(bytes.array(), 0, count * Float.BYTES);
      bytes.clear();
      bytes.asFloatBuffer().get(array, from, count);
    }
    return array;
  }

  @Override
  public void gemm(
      double alpha, Matrix<float[]> a, Matrix<float[]> b, double beta, Matrix<float[]> c) {
    int k = Kernel.innerDimension(a, b, c);
    Blas.BLAS.sgemm(
        a.operation(),
        b.operation(),
        c.rows(),
        c.cols(),
        k,
        (float) alpha,
        a.data(),
        a.offset(),
        a.rows(),
        b.data(),
        b.offset(),
        b.rows(),
        (float) beta,
        c.data(),
        c.offset(),
        c.rows());
  }

  @Override
  public void gemv(
      double alpha, Matrix<float[]> a, float[] x, double beta, float[] y, int yOffset) {
    Blas.BLAS.sgemv(
        a.operation(),
        a.rows(),
        a.cols(),
        (float) alpha,
        a.data(),
        a.offset(),
        a.rows(),
        x,
        0,
        1,
        (float) beta,
        y,
        yOffset,
        1);
  }

  @Override
  public void addTimesSparse(Matrix<float[]> a, SparseInputs<float[]> s, Matrix<float[]> c) {
    int height = c.rows();
    for (int j = 0; j < s.width(); j++) {
      for (int p = s.start(j); p < s.start(j + 1); p++) {
        // C[:, j] += s_ij A[:, i]
        Blas.JAVA.saxpy(
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
      Matrix<float[]> a, SparseInputs<float[]> s, Matrix<float[]> c) {
    int height = c.rows();
    for (int j = 0; j < s.width(); j++) {
      for (int p = s.start(j); p < s.start(j + 1); p++) {
        // C[:, i] += s_ij A[:, j]
        Blas.JAVA.saxpy(
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
  public void activate(Activation f, Workspace.Layer<float[]> layer, int length) {
    if (f instanceof Activation.Relu relu) {
      relu.apply(layer.z(), layer.a(), length);
      return;
    }
    toDouble(layer.z(), 0, layer.wideZ(), 0, length);
    f.apply(layer.wideZ(), layer.wideA(), length);
    fromDouble(layer.wideA(), 0, layer.a(), 0, length);
  }

  @Override
  public void multiplyByDerivative(Activation f, Workspace.Layer<float[]> layer, int length) {
    if (f instanceof Activation.Relu relu) {
      relu.multiplyByDerivative(layer.a(), layer.delta(), length);
      return;
    }
    toDouble(layer.delta(), 0, layer.wideDelta(), 0, length);
    f.multiplyByDerivative(layer.wideZ(), layer.wideA(), layer.wideDelta(), length);
    fromDouble(layer.wideDelta(), 0, layer.delta(), 0, length);
  }
}
