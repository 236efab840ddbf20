package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Kernels;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import org.junit.jupiter.api.Test;

/** The driver's update, without Spark: exact mean, clipping, and the divergence guard. */
class WeightUpdateTest {
  /** 1 input, 1 output: a weight and a bias. */
  private static final Topology LINE =
      Topology.uniform(
          new int[] {1, 1}, new Activation.Identity(), OutputLoss.of("identity", "squared_error"));

  private static final double LEARNING_RATE = 0.5;
  private static final double EXACT = 0;

  @Test
  void aGradientAboveTheClipNormIsRescaledToItBeforeTheStep() {
    TrainingConfig config = config().with(Settings.CLIP_NORM, 1.0);
    TrainingState state = TrainingState.initial(config);
    double[] before = state.parameters.clone();
    // summed over 2 examples: the mean gradient is (3, 4), norm 5, clipped to (0.6, 0.8)
    new WeightUpdate(config, 1, 1).apply(state, sums(2, 6, 8));

    // SGD with momentum from zero velocity: the first step is -lr * g
    assertArrayEquals(
        new double[] {before[0] - LEARNING_RATE * 0.6, before[1] - LEARNING_RATE * 0.8},
        state.parameters,
        1e-15);
    assertEquals(1, state.steps);
    assertEquals(1, state.gradientSteps);
    assertEquals(3, state.gradientNormSums[0], EXACT, "the weights' norm, unclipped, no bias");
  }

  @Test
  void aGradientBelowTheClipNormIsLeftAlone() {
    TrainingConfig config = config().with(Settings.CLIP_NORM, 10.0);
    TrainingState state = TrainingState.initial(config);
    double[] before = state.parameters.clone();
    new WeightUpdate(config, 1, 1).apply(state, sums(2, 6, 8));

    assertArrayEquals(
        new double[] {before[0] - LEARNING_RATE * 3, before[1] - LEARNING_RATE * 4},
        state.parameters,
        1e-15);
  }

  @Test
  void aNonFiniteLossOrGradientIsRefusedAndTheWeightsStay() {
    TrainingConfig config = config();
    TrainingState state = TrainingState.initial(config);
    double[] before = state.parameters.clone();
    WeightUpdate update = new WeightUpdate(config, 1, 2);

    Partial<double[]> nanLoss = sums(1, 1, 1);
    nanLoss.lossSum = Double.NaN;
    WeightUpdate.DivergedException loss =
        assertThrows(WeightUpdate.DivergedException.class, () -> update.apply(state, nanLoss));
    assertEquals("loss is NaN", loss.getMessage());

    WeightUpdate.DivergedException gradient =
        assertThrows(
            WeightUpdate.DivergedException.class,
            () -> update.apply(state, sums(1, Double.POSITIVE_INFINITY, 1)));
    assertEquals("the gradient's norm is Infinity", gradient.getMessage());
    assertArrayEquals(before, state.parameters);
  }

  @Test
  void aStepWithoutExamplesCountsButChangesNothing() {
    TrainingConfig config = config();
    TrainingState state = TrainingState.initial(config);
    double[] before = state.parameters.clone();
    new WeightUpdate(config, 1, 1).apply(state, new Partial<>());

    assertEquals(1, state.steps);
    assertEquals(0, state.gradientSteps);
    assertArrayEquals(before, state.parameters);
  }

  private static TrainingConfig config() {
    return TrainingConfig.defaults(LINE).with(Settings.LEARNING_RATE, LEARNING_RATE);
  }

  /** Sums over {@code count} examples of weight 1 with gradient sum (weight, bias) and loss 1. */
  private static Partial<double[]> sums(int count, double weight, double bias) {
    Partial<double[]> sums = new Partial<>(Kernels.FLOAT64, LINE.parameterCount());
    sums.gradient[LINE.weightOffset(0)] = weight;
    sums.gradient[LINE.biasOffset(0)] = bias;
    sums.lossSum = 1;
    sums.count = count;
    sums.weightSum = count;
    return sums;
  }
}
