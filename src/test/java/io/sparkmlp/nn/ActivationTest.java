package io.sparkmlp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ActivationTest {
  @Test
  void reluPassesTheDeltaExactlyWhereZIsPositive() {
    double[] z = {-3, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1e-300, 2, 1e300};
    double[] a = new double[z.length];
    Activation relu = new Activation.Relu();
    relu.apply(z, a, z.length);
    double[] delta = {5, 5, 5, 5, -5, 5, -7, 5};
    relu.multiplyByDerivative(z, a, delta, z.length);
    assertArrayEquals(new double[] {0, 0, 0, 0, -5, 5, -7, 5}, delta);
  }

  @Test
  void reluOnFloatsPassesTheDeltaExactlyWhereZIsPositive() {
    float[] z = {-3, -Float.MIN_VALUE, -0f, 0f, Float.MIN_VALUE, 1e-30f, 2, 1e30f};
    float[] a = new float[z.length];
    Activation.Relu relu = new Activation.Relu();
    relu.apply(z, a, z.length);
    float[] delta = {5, 5, 5, 5, -5, 5, -7, 5};
    relu.multiplyByDerivative(a, delta, z.length);
    assertArrayEquals(new float[] {0, 0, 0, 0, -5, 5, -7, 5}, delta);
  }
}
