package io.sparkmlp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.testing.TestData;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inverted dropout: masks drawn as pure functions of their coordinates, at the rate asked, scaled
 * by 1 / (1 - p); backprop's gradient with the masks fixed against finite differences.
 */
class DropoutTest {
  private static final int EXAMPLES = 9;
  private static final long[] KEYS = {3, 1L << 32, 7, 42, 5, (3L << 32) | 9, 11, 13, 17};

  @Test
  void masksDropAboutTheRateAndScaleTheKeptUnitsByOneOverTheKeepProbability() {
    int units = 200;
    int examples = 1000;
    long[] keys = new long[examples];
    Arrays.setAll(keys, j -> j);
    double[] mask = new double[units * examples];
    Dropout.of(new double[] {0.3}, 1, 5).masks(2, 7, keys).fill(0, units, examples, mask);

    long dropped = Arrays.stream(mask).filter(m -> m == 0).count();
    assertEquals(0.3, dropped / (double) mask.length, 0.005, "share of dropped units");
    assertTrue(Arrays.stream(mask).allMatch(m -> m == 0 || m == 1 / 0.7), "kept units: 1 / 0.7");
  }

  @Test
  void anExamplesMaskDependsOnItsKeyNotOnItsPlaceInTheChunk() {
    Dropout dropout = Dropout.of(new double[] {0.5}, 1, 5);
    long[] reversed = KEYS.clone();
    for (int j = 0; j < reversed.length; j++) {
      reversed[j] = KEYS[KEYS.length - 1 - j];
    }
    int units = 16;
    double[] forward = new double[units * EXAMPLES];
    double[] backward = new double[units * EXAMPLES];
    dropout.masks(1, 2, KEYS).fill(0, units, EXAMPLES, forward);
    dropout.masks(1, 2, reversed).fill(0, units, EXAMPLES, backward);
    for (int j = 0; j < EXAMPLES; j++) {
      assertArrayEquals(
          Arrays.copyOfRange(forward, j * units, (j + 1) * units),
          Arrays.copyOfRange(backward, (EXAMPLES - 1 - j) * units, (EXAMPLES - j) * units));
    }
  }

  @Test
  void masksRepeatForTheSameSeedEpochAndStepAndDifferOtherwise() {
    int units = 64;
    double[] reference = mask(5, 1, 2);
    assertArrayEquals(reference, mask(5, 1, 2));
    assertFalse(Arrays.equals(reference, mask(6, 1, 2)), "another seed");
    assertFalse(Arrays.equals(reference, mask(5, 2, 2)), "another epoch");
    assertFalse(Arrays.equals(reference, mask(5, 1, 3)), "another step");
    double[] secondLayer = new double[units * EXAMPLES];
    Dropout.of(new double[] {0.5}, 2, 5).masks(1, 2, KEYS).fill(1, units, EXAMPLES, secondLayer);
    assertFalse(Arrays.equals(reference, secondLayer), "another layer");
  }

  private static double[] mask(long seed, int epoch, int step) {
    double[] mask = new double[64 * EXAMPLES];
    Dropout.of(new double[] {0.5}, 2, seed).masks(epoch, step, KEYS).fill(0, 64, EXAMPLES, mask);
    return mask;
  }

  @Test
  void oneRateServesEveryHiddenLayerOrEachGetsItsOwn() {
    Dropout.Masks all = Dropout.of(new double[] {0.5}, 3, 1).masks(0, 0, KEYS);
    assertTrue(all.drops(0) && all.drops(1) && all.drops(2));
    Dropout.Masks each = Dropout.of(new double[] {0, 0.2}, 2, 1).masks(0, 0, KEYS);
    assertFalse(each.drops(0));
    assertTrue(each.drops(1));
    assertTrue(Dropout.of(new double[] {0, 0}, 2, 1).isOff());
    assertTrue(Dropout.of(new double[] {0}, 0, 1).isOff(), "a network without hidden layers");

    IllegalArgumentException count =
        assertThrows(
            IllegalArgumentException.class, () -> Dropout.of(new double[] {0.1, 0.2}, 3, 1));
    assertEquals(
        "give one rate for all hidden layers or one per hidden layer (3), got 2",
        count.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dropout.of(new double[] {0.5}, 0, 1));
  }

  @Test
  void ratesMustLeaveSomethingToKeep() {
    assertNull(Dropout.problemWithRates(new double[] {0, 0.99}));
    assertEquals(
        "each rate must be in [0, 1), got 1.0", Dropout.problemWithRates(new double[] {0.5, 1}));
    assertNotNull(Dropout.problemWithRates(new double[] {-0.1}));
    assertNotNull(Dropout.problemWithRates(new double[0]));
  }

  @Test
  void rateZeroGivesTheBitsOfNoDropout() {
    Topology topology = network("tanh", "softmax", "cross_entropy", 3);
    SplittableRandom random = new SplittableRandom(3);
    double[] parameters = GradientCheckTest.glorotWithRandomBiases(topology, random);
    double[] x = inputs(random);
    double[] y = GradientCheckTest.targets(topology, random, EXAMPLES);
    Dropout.Masks zero = Dropout.of(new double[] {0}, 2, 8).masks(0, 0, KEYS);
    assertArrayEquals(
        gradient(topology, parameters, x, y, Dropout.Masks.NONE),
        gradient(topology, parameters, x, y, zero));
  }

  @ParameterizedTest(name = "{0} hidden, {1} + {2}")
  @MethodSource("io.sparkmlp.nn.GradientCheckTest#activationsAndOutputs")
  void backpropWithFixedMasksMatchesFiniteDifferences(
      String activation, String output, String loss, int outputs) {
    Topology topology = network(activation, output, loss, outputs);
    SplittableRandom random = new SplittableRandom(17);
    double[] parameters = GradientCheckTest.glorotWithRandomBiases(topology, random);
    double[] x = inputs(random);
    double[] y = GradientCheckTest.targets(topology, random, EXAMPLES);
    Dropout.Masks masks = Dropout.of(new double[] {0.4, 0.3}, 2, 8).masks(1, 3, KEYS);
    double[] analytic = gradient(topology, parameters, x, y, masks);
    assertNotEquals(
        gradient(topology, parameters, x, y, Dropout.Masks.NONE),
        analytic,
        "the masks should change the gradient");

    double step = 1e-4;
    for (int i = 0; i < parameters.length; i++) {
      double saved = parameters[i];
      double[] f = new double[4];
      double[] shifts = {-2 * step, -step, step, 2 * step};
      for (int s = 0; s < 4; s++) {
        parameters[i] = saved + shifts[s];
        f[s] = loss(topology, parameters, x, y, masks);
      }
      parameters[i] = saved;
      double numeric = (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * step);
      // relative, or absolute to 1e-11 near 0: the stencil's rounding error is about
      // eps * |loss sum| / step, ~1e-12 here (a dead or dropped unit's exact 0 reads as that)
      double error =
          Math.abs(analytic[i] - numeric)
              / Math.max(Math.abs(analytic[i]) + Math.abs(numeric), 1e-5);
      int index = i;
      assertTrue(
          error < 1e-6,
          () -> "parameter " + index + ": backprop " + analytic[index] + ", numeric " + numeric);
    }
  }

  private static void assertNotEquals(double[] a, double[] b, String message) {
    assertFalse(Arrays.equals(a, b), message);
  }

  private static Topology network(String activation, String output, String loss, int outputs) {
    return Topology.uniform(
        new int[] {4, 8, 6, outputs},
        Activation.byName(activation, 0.1),
        OutputLoss.of(output, loss));
  }

  private static double[] inputs(SplittableRandom random) {
    double[] x = new double[4 * EXAMPLES];
    Arrays.setAll(x, i -> random.nextDouble(-2, 2));
    return x;
  }

  private static double[] gradient(
      Topology topology, double[] parameters, double[] x, double[] y, Dropout.Masks masks) {
    double[] gradient = new double[parameters.length];
    Backprop.accumulateGradient(
        topology,
        parameters,
        Matrix.of(x, 0, topology.inputs(), EXAMPLES),
        y,
        0,
        TestData.ones(EXAMPLES),
        0,
        Workspace.float64(topology, EXAMPLES),
        gradient,
        masks);
    return gradient;
  }

  /** The summed loss under the masks, whose gradient backprop computes. */
  private static double loss(
      Topology topology, double[] parameters, double[] x, double[] y, Dropout.Masks masks) {
    return Backprop.accumulateGradient(
            topology,
            parameters,
            Matrix.of(x, 0, topology.inputs(), EXAMPLES),
            y,
            0,
            TestData.ones(EXAMPLES),
            0,
            Workspace.float64(topology, EXAMPLES),
            new double[parameters.length],
            masks)
        .lossSum();
  }
}
