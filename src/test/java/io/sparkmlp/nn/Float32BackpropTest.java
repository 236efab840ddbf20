package io.sparkmlp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.testing.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float32 pass computes the float64 pass's loss, correct count and gradient up to float's
 * rounding, for every hidden activation with every output/loss pair.
 */
class Float32BackpropTest {
  /**
   * float's epsilon is 6e-8: a sum of {@link #EXAMPLES} products of rounded operands stays well
   * within 1e-5 of the largest gradient entry, while a wrong term (a missed derivative, a bias left
   * out) is off by far more.
   */
  private static final double RELATIVE_TOLERANCE = 1e-5;

  private static final int EXAMPLES = 40;
  private static final int INPUTS = 9;

  @ParameterizedTest(name = "{0} hidden, {1} + {2}")
  @MethodSource("io.sparkmlp.nn.GradientCheckTest#activationsAndOutputs")
  void float32GradientMatchesFloat64(String activation, String output, String loss, int outputs) {
    Topology topology =
        Topology.uniform(
            new int[] {INPUTS, 7, 5, outputs},
            Activation.byName(activation, 0.1),
            OutputLoss.of(output, loss));
    SplittableRandom random = new SplittableRandom(23);
    double[] parameters = GradientCheckTest.glorotWithRandomBiases(topology, random);
    // inputs that are exact in float, so both passes see the same examples
    double[] x = new double[INPUTS * EXAMPLES];
    float[] x32 = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      x32[i] = (float) random.nextDouble(-2, 2);
      x[i] = x32[i];
    }
    double[] y = GradientCheckTest.targets(topology, random, EXAMPLES);
    float[] parameters32 = Kernels.FLOAT32.fromDouble(parameters);
    double[] rounded = new double[parameters.length];
    for (int i = 0; i < rounded.length; i++) {
      rounded[i] = parameters32[i];
    }

    double[] expected = new double[parameters.length];
    BatchResult wide =
        Backprop.accumulateGradient(
            topology,
            rounded,
            Matrix.of(x, 0, topology.inputs(), EXAMPLES),
            y,
            0,
            TestData.ones(EXAMPLES),
            0,
            Workspace.float64(topology, 64),
            expected,
            Dropout.Masks.NONE);
    float[] actual = new float[parameters.length];
    Workspace<float[]> ws = new Workspace<>(Kernels.FLOAT32, topology, 64);
    System.arraycopy(x32, 0, ws.inputs(), 0, x32.length);
    System.arraycopy(y, 0, ws.targets(), 0, y.length);
    BatchResult narrow =
        Backprop.accumulateGradient(
            topology,
            parameters32,
            Matrix.of(ws.inputs(), 0, topology.inputs(), EXAMPLES),
            ws.targets(),
            0,
            TestData.ones(EXAMPLES),
            0,
            ws,
            actual,
            Dropout.Masks.NONE);

    assertEquals(wide.correct(), narrow.correct());
    assertEquals(wide.lossSum(), narrow.lossSum(), RELATIVE_TOLERANCE * wide.lossSum());
    double largest = 0;
    for (double g : expected) {
      largest = Math.max(largest, Math.abs(g));
    }
    for (int i = 0; i < expected.length; i++) {
      double relative = Math.abs(actual[i] - expected[i]) / largest;
      assertTrue(
          relative <= RELATIVE_TOLERANCE,
          "parameter " + i + ": float32 " + actual[i] + ", float64 " + expected[i]);
    }
  }

  @ParameterizedTest(name = "{0} examples")
  @ValueSource(ints = {0, 1})
  void blocksOfNoneOrOneExampleWork(int n) {
    Topology topology =
        Topology.uniform(
            new int[] {3, 4, 2}, new Activation.Relu(), OutputLoss.of("softmax", "cross_entropy"));
    float[] parameters = Kernels.FLOAT32.fromDouble(Initializer.HE.initialize(topology, 1, 0.01));
    Workspace<float[]> ws = new Workspace<>(Kernels.FLOAT32, topology, 1);
    float[] gradient = new float[parameters.length];
    BatchResult result =
        Backprop.accumulateGradient(
            topology,
            parameters,
            Matrix.of(ws.inputs(), 0, topology.inputs(), n),
            ws.targets(),
            0,
            TestData.ones(1),
            0,
            ws,
            gradient,
            Dropout.Masks.NONE);
    assertEquals(n == 0, result.lossSum() == 0, "loss " + result.lossSum());
  }

  @Test
  void refusesMoreExamplesThanTheWorkspaceHolds() {
    Topology topology =
        Topology.uniform(
            new int[] {3, 2}, new Activation.Tanh(), OutputLoss.of("softmax", "cross_entropy"));
    Workspace<float[]> ws = new Workspace<>(Kernels.FLOAT32, topology, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Backprop.accumulateGradient(
                    topology,
                    new float[topology.parameterCount()],
                    Matrix.of(ws.inputs(), 0, topology.inputs(), 5),
                    ws.targets(),
                    0,
                    TestData.ones(5),
                    0,
                    ws,
                    new float[topology.parameterCount()],
                    Dropout.Masks.NONE));
    assertTrue(e.getMessage().contains("5 examples"), e.getMessage());
  }
}
