package io.sparkmlp.train;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Checks the gradient that comes out of the distributed aggregation against finite differences of
 * the training objective J = (mean loss over a minibatch) + R(W), on a seeded sample of parameters
 * of each layer, at the configured initial weights and the first minibatch of epoch 1.
 *
 * <p>The difference quotient is the fourth-order central stencil
 *
 * <pre>
 *   dJ/dθ ≈ (-J(θ+2h) + 8 J(θ+h) - 8 J(θ-h) + J(θ-2h)) / (12 h)
 * </pre>
 *
 * whose truncation error is O(h^4 f^(5)) and whose rounding error is about 1e-16 J / h. For
 * networks of smooth units h = 1e-3 keeps both near 1e-13; a kink (ReLU, |z|) within 2h of some
 * example's z breaks the Taylor expansion, so networks with kinks use h = 1e-4, trading a 10 times
 * larger rounding error for 10 times fewer kinks crossed. Each J is one Spark job over the same
 * minibatch.
 */
public final class GradientCheck {
  /** Step of the stencil for networks whose hidden units are all smooth. */
  public static final double SMOOTH_STEP = 1e-3;

  /** Step of the stencil for networks with a kinked hidden unit. */
  public static final double KINKED_STEP = 1e-4;

  /**
   * Denominators of the relative error are at least this: below it, entries are compared in
   * absolute terms, since the finite difference of an almost-zero gradient is rounding noise.
   */
  public static final double SCALE_FLOOR = 1e-6;

  /**
   * One layer's result.
   *
   * @param layer 0-based weight layer
   * @param checked parameters compared (weights and biases)
   * @param maxRelativeError the largest |analytic - numeric| / max(|analytic|, |numeric|, floor)
   */
  public record LayerError(
      int layer, int checked, double maxRelativeError, double maxAbsoluteGradient) {}

  private GradientCheck() {}

  /**
   * @param perLayer weights and as many biases (at most) to check per layer
   */
  public static List<LayerError> run(
      TrainingData<double[]> data, TrainingConfig config, int perLayer) {
    Topology topology = config.topology();
    double[] parameters = TrainingState.initial(config).parameters;
    MinibatchPlan plan =
        new MinibatchPlan(
            config.get(Settings.SEED),
            data.count(),
            config.get(Settings.BATCH_SIZE),
            data.sharding().shards());
    Partial<double[]> sums = firstMinibatch(data, config, plan, parameters);
    double[] analytic = new double[parameters.length];
    sums.meanGradient(analytic);
    config.regularization().addGradient(topology, parameters, analytic);

    SplittableRandom random = new SplittableRandom(config.get(Settings.SEED));
    List<LayerError> errors = new ArrayList<>();
    for (int l = 0; l < topology.layerCount(); l++) {
      List<Integer> sample = new ArrayList<>();
      sample(random, topology.weightOffset(l), topology.weightCount(l), perLayer, sample);
      sample(random, topology.biasOffset(l), topology.fanOut(l), perLayer, sample);
      double worst =
          maxRelativeError(
              analytic,
              weights -> objective(data, config, plan, weights),
              parameters,
              sample,
              step(topology));
      double largest = sample.stream().mapToDouble(i -> Math.abs(analytic[i])).max().orElse(0);
      errors.add(new LayerError(l, sample.size(), worst, largest));
    }
    return errors;
  }

  /** Up to {@code count} distinct indices from [from, from + size), in a seeded order. */
  private static void sample(
      SplittableRandom random, int from, int size, int count, List<Integer> into) {
    int[] indices = new int[size];
    for (int i = 0; i < size; i++) {
      indices[i] = from + i;
    }
    int taken = Math.min(count, size);
    for (int i = 0; i < taken; i++) { // the first steps of a Fisher-Yates shuffle
      int j = i + random.nextInt(size - i);
      int swap = indices[i];
      indices[i] = indices[j];
      indices[j] = swap;
      into.add(indices[i]);
    }
  }

  /**
   * The largest relative error, over {@code indices}, between {@code analytic} and the fourth-order
   * difference quotient of {@code objective} at {@code parameters}. parameters is perturbed one
   * entry at a time and restored.
   */
  static double maxRelativeError(
      double[] analytic,
      ToDoubleFunction<double[]> objective,
      double[] parameters,
      List<Integer> indices,
      double step) {
    double worst = 0;
    for (int index : indices) {
      double numeric = numericDerivative(objective, parameters, index, step);
      double scale = Math.max(SCALE_FLOOR, Math.max(Math.abs(analytic[index]), Math.abs(numeric)));
      worst = Math.max(worst, Math.abs(analytic[index] - numeric) / scale);
    }
    return worst;
  }

  /** The stencil's h for this network: see the class comment. */
  public static double step(Topology topology) {
    return topology.hiddenActivations().stream().anyMatch(Activation::hasKink)
        ? KINKED_STEP
        : SMOOTH_STEP;
  }

  private static double numericDerivative(
      ToDoubleFunction<double[]> objective, double[] parameters, int index, double step) {
    double original = parameters[index];
    double[] coefficients = {1, -8, 8, -1};
    double[] offsets = {-2, -1, 1, 2};
    double sum = 0;
    for (int k = 0; k < 4; k++) {
      parameters[index] = original + offsets[k] * step;
      sum += coefficients[k] * objective.applyAsDouble(parameters);
    }
    parameters[index] = original;
    return sum / (12 * step);
  }

  private static double objective(
      TrainingData<double[]> data, TrainingConfig config, MinibatchPlan plan, double[] parameters) {
    Topology topology = config.topology();
    Partial<double[]> sums = firstMinibatch(data, config, plan, parameters);
    return sums.lossSum() / sums.weightSum()
        + config.regularization().penalty(topology, parameters);
  }

  /**
   * The sums of the first minibatch, in float64: the check is of the math, not of float's rounding.
   * With dropout, every evaluation draws that step's masks, so the loss is one fixed function of
   * the parameters, the one whose gradient backprop computes.
   */
  private static Partial<double[]> firstMinibatch(
      TrainingData<double[]> data, TrainingConfig config, MinibatchPlan plan, double[] parameters) {
    return DistributedGradient.sum(
        data,
        config.topology(),
        parameters,
        plan,
        config.dropout(),
        0,
        0,
        TaskProbe.NONE,
        config.get(Settings.TREE_DEPTH));
  }
}
