package io.sparkmlp.nn;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

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
    Wire.write(
        array.length,
        Float.BYTES,
        out,
        (bytes, from, count) -> bytes.asFloatBuffer().put(array, from, count));
  }

  @Override
  public float[] read(ObjectInput in) throws IOException {
    float[] array = new float[in.readInt()];
    Wire.read(
        array.length,
        Float.BYTES,
        in,
        (bytes, from, count) -> bytes.asFloatBuffer().get(array, from, count));
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
  public void addScaled(
      int n, float[] scales, int scale, float[] x, int xOffset, float[] y, int yOffset) {
    Blas.JAVA.saxpy(n, scales[scale], x, xOffset, 1, y, yOffset, 1);
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
