package io.sparkmlp.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backprop's gradient of J = (1/n) sum of losses + R(W) against central finite differences, for
 * every hidden activation with every output/loss pair, L1 and L2 on, in double precision.
 */
class GradientCheckTest {
  private static final double MAX_RELATIVE_ERROR = 1e-6;

  /**
   * Step of the fourth-order central difference (f(-2h) - 8f(-h) + 8f(h) - f(2h)) / 12h: its
   * truncation error is O(h^4) ~ 1e-16 and its rounding error about eps/h ~ 1e-12.
   */
  private static final double STEP = 1e-4;

  /**
   * Entries smaller than this are compared absolutely (to MAX_RELATIVE_ERROR * floor = 1e-12): a
   * ReLU unit that is dead on all but one example, whose z lies within 2h of the kink at 0, has
   * analytic gradient 0 and a stencil value of about 1e-13.
   */
  private static final double MAGNITUDE_FLOOR = 1e-6;

  private static final int EXAMPLES = 7;
  private static final Regularization REGULARIZATION = new Regularization(1e-3, 1e-2);

  static Stream<Arguments> activationsAndOutputs() {
    List<Arguments> cases = new ArrayList<>();
    for (String activation : Activation.NAMES) {
      cases.add(Arguments.of(activation, "softmax", "cross_entropy", 3));
      cases.add(Arguments.of(activation, "sigmoid", "cross_entropy", 1));
      cases.add(Arguments.of(activation, "identity", "squared_error", 2));
      cases.add(Arguments.of(activation, "sigmoid", "binary_cross_entropy", 3));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} hidden, {1} + {2}")
  @MethodSource("activationsAndOutputs")
  void backpropMatchesFiniteDifferences(
      String activation, String output, String loss, int outputs) {
    Topology topology =
        Topology.uniform(
            new int[] {4, 5, 3, outputs},
            Activation.byName(activation, 0.1),
            OutputLoss.of(output, loss));
    SplittableRandom random = new SplittableRandom(17);
    double[] parameters = glorotWithRandomBiases(topology, random);
    double[] x = new double[4 * EXAMPLES];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-2, 2);
    }
    double[] y = targets(topology, random, EXAMPLES);

    Workspace<double[]> ws = Workspace.float64(topology, EXAMPLES);
    double[] analytic = new double[parameters.length];
    Backprop.accumulateGradient(
        topology,
        parameters,
        Matrix.of(x, 0, topology.inputs(), EXAMPLES),
        y,
        0,
        TestData.ones(EXAMPLES),
        0,
        ws,
        analytic,
        Dropout.Masks.NONE);
    for (int i = 0; i < analytic.length; i++) {
      analytic[i] /= EXAMPLES;
    }
    REGULARIZATION.addGradient(topology, parameters, analytic);

    double worst = 0;
    int worstIndex = -1;
    for (int i = 0; i < parameters.length; i++) {
      double numeric =
          (objectiveShifted(topology, parameters, i, -2 * STEP, x, y, ws)
                  - 8 * objectiveShifted(topology, parameters, i, -STEP, x, y, ws)
                  + 8 * objectiveShifted(topology, parameters, i, STEP, x, y, ws)
                  - objectiveShifted(topology, parameters, i, 2 * STEP, x, y, ws))
              / (12 * STEP);
      double error =
          Math.abs(analytic[i] - numeric)
              / Math.max(Math.abs(analytic[i]) + Math.abs(numeric), MAGNITUDE_FLOOR);
      if (error > worst) {
        worst = error;
        worstIndex = i;
      }
    }
    double finalWorst = worst;
    int finalIndex = worstIndex;
    assertTrue(
        worst < MAX_RELATIVE_ERROR,
        () -> "max relative error " + finalWorst + " at parameter " + finalIndex);
  }

  /** J with parameter i moved by shift; parameters are restored before returning. */
  private static double objectiveShifted(
      Topology topology,
      double[] parameters,
      int i,
      double shift,
      double[] x,
      double[] y,
      Workspace<double[]> ws) {
    double saved = parameters[i];
    parameters[i] = saved + shift;
    BatchResult result =
        Backprop.evaluate(
            topology,
            parameters,
            Matrix.of(x, 0, topology.inputs(), EXAMPLES),
            y,
            0,
            TestData.ones(EXAMPLES),
            0,
            ws);
    double objective = result.lossSum() / EXAMPLES + REGULARIZATION.penalty(topology, parameters);
    parameters[i] = saved;
    return objective;
  }

  /** Glorot weights and biases in [-0.3, 0.3), so that no unit starts at a special point. */
  static double[] glorotWithRandomBiases(Topology topology, SplittableRandom random) {
    double[] parameters = Initializer.GLOROT.initialize(topology, 5, 0.05);
    for (int l = 0; l < topology.layerCount(); l++) {
      for (int i = 0; i < topology.fanOut(l); i++) {
        parameters[topology.biasOffset(l) + i] = random.nextDouble(-0.3, 0.3);
      }
    }
    return parameters;
  }

  /**
   * Random targets for {@code examples} examples: class indices, 0/1 per label, or values in [-1,
   * 1).
   */
  static double[] targets(Topology topology, SplittableRandom random, int examples) {
    double[] y = new double[topology.targetRows() * examples];
    for (int i = 0; i < y.length; i++) {
      y[i] =
          switch (topology.task()) {
            case CLASSIFICATION -> random.nextInt(topology.classes());
            case MULTI_LABEL -> random.nextInt(2);
            case REGRESSION -> random.nextDouble(-1, 1);
          };
    }
    return y;
  }
}
