package io.sparkmlp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.testing.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Instance weights in one block: an example of integer weight k counts as k copies of it, and a
 * weight of 0 drops its row. (That weights of 1 change no bit is checked on whole runs:
 * FileDataTest, MlpClassifierTest and the reference weights.)
 */
class WeightedBackpropTest {
  private static final int EXAMPLES = 9;
  private static final double RELATIVE = 1e-12;

  @ParameterizedTest(name = "{0}+{1}")
  @CsvSource({
    "softmax, cross_entropy, 3",
    "sigmoid, cross_entropy, 1",
    "identity, squared_error, 2"
  })
  void integerWeightsGiveTheGradientOfRepeatedRows(String output, String loss, int outputs) {
    Topology topology =
        Topology.uniform(
            new int[] {4, 5, outputs}, new Activation.Tanh(), OutputLoss.of(output, loss));
    SplittableRandom random = new SplittableRandom(5);
    double[] parameters = GradientCheckTest.glorotWithRandomBiases(topology, random);
    double[] x = inputs(random);
    double[] y = GradientCheckTest.targets(topology, random, EXAMPLES);
    double[] w = {0, 1, 2, 3, 1, 0, 4, 2, 1};

    int repeated = 0;
    for (double weight : w) {
      repeated += (int) weight;
    }
    int rows = topology.targetRows();
    double[] xRepeated = new double[4 * repeated];
    double[] yRepeated = new double[rows * repeated];
    int copy = 0;
    for (int j = 0; j < EXAMPLES; j++) {
      for (int k = 0; k < w[j]; k++, copy++) {
        System.arraycopy(x, 4 * j, xRepeated, 4 * copy, 4);
        System.arraycopy(y, rows * j, yRepeated, rows * copy, rows);
      }
    }

    double[] weighted = new double[parameters.length];
    BatchResult one =
        Backprop.accumulateGradient(
            topology,
            parameters,
            Matrix.of(x, 0, topology.inputs(), EXAMPLES),
            y,
            0,
            w,
            0,
            Workspace.float64(topology, EXAMPLES),
            weighted,
            Dropout.Masks.NONE);
    double[] copies = new double[parameters.length];
    BatchResult many =
        Backprop.accumulateGradient(
            topology,
            parameters,
            Matrix.of(xRepeated, 0, topology.inputs(), repeated),
            yRepeated,
            0,
            TestData.ones(repeated),
            0,
            Workspace.float64(topology, repeated),
            copies,
            Dropout.Masks.NONE);

    assertEquals(repeated, one.weightSum());
    assertEquals(many.lossSum(), one.lossSum(), RELATIVE * many.lossSum());
    double largest = 0;
    for (double g : copies) {
      largest = Math.max(largest, Math.abs(g));
    }
    assertTrue(largest > 0);
    for (int i = 0; i < copies.length; i++) {
      assertEquals(copies[i], weighted[i], RELATIVE * largest, "parameter " + i);
    }
  }

  @ParameterizedTest(name = "{0}+{1}")
  @CsvSource({
    "softmax, cross_entropy, 3",
    "sigmoid, cross_entropy, 1",
    "identity, squared_error, 2"
  })
  void weightZeroDropsTheRowAndWeightsSumToTheCount(String output, String loss, int outputs) {
    Topology topology =
        Topology.uniform(
            new int[] {4, 5, outputs}, new Activation.Relu(), OutputLoss.of(output, loss));
    SplittableRandom random = new SplittableRandom(6);
    double[] parameters = GradientCheckTest.glorotWithRandomBiases(topology, random);
    double[] x = inputs(random);
    double[] y = GradientCheckTest.targets(topology, random, EXAMPLES);
    Workspace<double[]> ws = Workspace.float64(topology, EXAMPLES);

    double[] ones = new double[parameters.length];
    BatchResult unweighted =
        Backprop.accumulateGradient(
            topology,
            parameters,
            Matrix.of(x, 0, topology.inputs(), EXAMPLES),
            y,
            0,
            TestData.ones(EXAMPLES),
            0,
            ws,
            ones,
            Dropout.Masks.NONE);
    double[] firstOnly = new double[parameters.length];
    double[] w = new double[EXAMPLES];
    w[0] = 1;
    Backprop.accumulateGradient(
        topology,
        parameters,
        Matrix.of(x, 0, topology.inputs(), EXAMPLES),
        y,
        0,
        w,
        0,
        ws,
        firstOnly,
        Dropout.Masks.NONE);
    double[] single = new double[parameters.length];
    BatchResult first =
        Backprop.accumulateGradient(
            topology,
            parameters,
            Matrix.of(x, 0, topology.inputs(), 1),
            y,
            0,
            TestData.ones(1),
            0,
            ws,
            single,
            Dropout.Masks.NONE);

    assertEquals(EXAMPLES, unweighted.weightSum());
    assertArrayEquals(single, firstOnly, 1e-15);
    assertEquals(1, first.weightSum());
  }

  /** Four inputs per example, uniform in [-2, 2). */
  private static double[] inputs(SplittableRandom random) {
    double[] x = new double[4 * EXAMPLES];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-2, 2);
    }
    return x;
  }
}
