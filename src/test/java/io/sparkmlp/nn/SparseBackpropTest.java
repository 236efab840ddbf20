package io.sparkmlp.nn;

import static io.sparkmlp.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkmlp.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sparse first layer computes what the dense GEMM computes, from the same examples: the
 * outputs, the loss and every gradient entry, for every hidden activation with every output/loss
 * pair, in both precisions.
 */
class SparseBackpropTest {
  /**
   * Both passes add the same products in another order, so float64 agrees to a few ulps of the
   * largest term: 1e-12 of the gradient's largest entry leaves room for that and for nothing else.
   */
  private static final double FLOAT64_TOLERANCE = 1e-12;

  /** float32 sums of 30 products: see Float32BackpropTest for float's own tolerance. */
  private static final double FLOAT32_TOLERANCE = 1e-5;

  private static final int EXAMPLES = 30;
  private static final int INPUTS = 40;

  /** Dense inputs with about one feature in five non-zero, and an example with none. */
  private static double[] sparseLooking(SplittableRandom random) {
    double[] x = new double[INPUTS * EXAMPLES];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble() < 0.2 ? (float) random.nextDouble(-2, 2) : 0;
    }
    java.util.Arrays.fill(x, 3 * INPUTS, 4 * INPUTS, 0);
    return x;
  }

  /** The same block in compressed columns. */
  private static SparseInputs<double[]> compressed(double[] x) {
    int[] starts = new int[EXAMPLES + 1];
    List<Integer> indices = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int j = 0; j < EXAMPLES; j++) {
      for (int i = 0; i < INPUTS; i++) {
        if (x[j * INPUTS + i] != 0) {
          indices.add(i);
          values.add(x[j * INPUTS + i]);
        }
      }
      starts[j + 1] = indices.size();
    }
    return SparseInputs.of(
        INPUTS,
        EXAMPLES,
        starts,
        indices.stream().mapToInt(Integer::intValue).toArray(),
        values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static Topology topology(String activation, String output, String loss, int outputs) {
    return Topology.uniform(
        new int[] {INPUTS, 7, 5, outputs},
        Activation.byName(activation, 0.1),
        OutputLoss.of(output, loss));
  }

  private record Pass<A>(BatchResult result, A gradient, double[] outputs) {}

  private static <A> Pass<A> pass(
      Kernel<A> kernel, Topology topology, A parameters, Inputs<A> x, double[] y) {
    Workspace<A> ws = new Workspace<>(kernel, topology, EXAMPLES);
    A gradient = kernel.allocate(topology.parameterCount());
    BatchResult result =
        Backprop.accumulateGradient(
            topology,
            parameters,
            x,
            y,
            0,
            TestData.ones(EXAMPLES),
            0,
            ws,
            gradient,
            Dropout.Masks.NONE);
    return new Pass<>(result, gradient, ws.outputs().clone());
  }

  @ParameterizedTest(name = "{0} hidden, {1} + {2}")
  @MethodSource("io.sparkmlp.nn.GradientCheckTest#activationsAndOutputs")
  void float64SparseGradientEqualsDense(
      String activation, String output, String loss, int outputs) {
    Topology topology = topology(activation, output, loss, outputs);
    SplittableRandom random = new SplittableRandom(31);
    double[] parameters = GradientCheckTest.glorotWithRandomBiases(topology, random);
    double[] x = sparseLooking(random);
    double[] y = GradientCheckTest.targets(topology, random, EXAMPLES);

    Pass<double[]> dense =
        pass(Kernels.FLOAT64, topology, parameters, Matrix.of(x, 0, INPUTS, EXAMPLES), y);
    Pass<double[]> sparse = pass(Kernels.FLOAT64, topology, parameters, compressed(x), y);

    assertClose(dense.gradient(), sparse.gradient(), FLOAT64_TOLERANCE);
    assertClose(dense.outputs(), sparse.outputs(), FLOAT64_TOLERANCE);
    assertEquals(
        dense.result().lossSum(), sparse.result().lossSum(), 1e-12 * dense.result().lossSum());
    assertEquals(dense.result().correct(), sparse.result().correct());
  }

  @ParameterizedTest(name = "{0} hidden, {1} + {2}")
  @MethodSource("io.sparkmlp.nn.GradientCheckTest#activationsAndOutputs")
  void float32SparseGradientEqualsDense(
      String activation, String output, String loss, int outputs) {
    Topology topology = topology(activation, output, loss, outputs);
    SplittableRandom random = new SplittableRandom(37);
    float[] parameters =
        Kernels.FLOAT32.fromDouble(GradientCheckTest.glorotWithRandomBiases(topology, random));
    double[] x = sparseLooking(random);
    double[] y = GradientCheckTest.targets(topology, random, EXAMPLES);
    SparseInputs<double[]> wide = compressed(x);
    SparseInputs<float[]> narrow =
        SparseInputs.of(
            INPUTS,
            EXAMPLES,
            wide.starts(),
            wide.indices(),
            Kernels.FLOAT32.fromDouble(wide.values()));

    Pass<float[]> dense =
        pass(
            Kernels.FLOAT32,
            topology,
            parameters,
            Matrix.of(Kernels.FLOAT32.fromDouble(x), 0, INPUTS, EXAMPLES),
            y);
    Pass<float[]> sparse = pass(Kernels.FLOAT32, topology, parameters, narrow, y);

    double[] denseGradient = new double[topology.parameterCount()];
    double[] sparseGradient = new double[topology.parameterCount()];
    Kernels.FLOAT32.toDouble(dense.gradient(), 0, denseGradient, 0, denseGradient.length);
    Kernels.FLOAT32.toDouble(sparse.gradient(), 0, sparseGradient, 0, sparseGradient.length);
    assertClose(denseGradient, sparseGradient, FLOAT32_TOLERANCE);
    assertClose(dense.outputs(), sparse.outputs(), FLOAT32_TOLERANCE);
  }

  @Test
  void aViewOfColumnsAndAGatheredCopyMultiplyAsTheWhole() {
    Topology topology = topology("tanh", "softmax", "cross_entropy", 3);
    SplittableRandom random = new SplittableRandom(41);
    double[] parameters = GradientCheckTest.glorotWithRandomBiases(topology, random);
    SparseInputs<double[]> all = compressed(sparseLooking(random));
    Workspace<double[]> whole = Workspace.float64(topology, EXAMPLES);
    Backprop.forward(topology, parameters, all, whole);

    SparseBuffer<double[]> gathered = new SparseBuffer<>(Kernels.FLOAT64, INPUTS, 4);
    for (int j : new int[] {5, 3, 9}) {
      gathered.append(all, Kernels.FLOAT64, j);
    }
    Workspace<double[]> some = Workspace.float64(topology, EXAMPLES);
    Backprop.forward(topology, parameters, gathered.inputs(), some);
    Workspace<double[]> view = Workspace.float64(topology, EXAMPLES);
    Backprop.forward(topology, parameters, all.columns(3, 1), view);

    // the first layer is bit for bit the same per column; BLAS may sum the later layers of a
    // narrower block in another order
    int outputs = topology.outputs();
    double tolerance = 1e-14;
    assertClose(slice(whole.outputs(), 5, outputs), slice(some.outputs(), 0, outputs), tolerance);
    assertClose(slice(whole.outputs(), 3, outputs), slice(some.outputs(), 1, outputs), tolerance);
    assertClose(slice(whole.outputs(), 9, outputs), slice(some.outputs(), 2, outputs), tolerance);
    assertClose(slice(whole.outputs(), 3, outputs), slice(view.outputs(), 0, outputs), tolerance);
    gathered.append(all, Kernels.FLOAT64, 0);
    assertThrows(IllegalStateException.class, () -> gathered.append(all, Kernels.FLOAT64, 1));
  }

  @Test
  void aBlockOfTheWrongHeightIsRefused() {
    Topology topology = topology("relu", "identity", "squared_error", 1);
    SparseInputs<double[]> narrower =
        SparseInputs.of(INPUTS - 1, 1, new int[] {0, 0}, new int[0], new double[0]);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Backprop.forward(
                topology,
                new double[topology.parameterCount()],
                narrower,
                Workspace.float64(topology, 1)));
  }

  private static double[] slice(double[] columns, int j, int height) {
    return java.util.Arrays.copyOfRange(columns, j * height, (j + 1) * height);
  }
}
