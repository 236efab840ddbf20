package io.sparkmlp.nn;

import static io.sparkmlp.nn.SplitMix.mix;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Inverted dropout (Srivastava et al. 2014) of the hidden layers during training: in every step
 * each hidden unit of each example is dropped (its activation set to 0) with probability p, its
 * layer's rate, or kept and divided by 1 - p, so a layer's expected output is unchanged and
 * prediction uses the whole network as it is.
 *
 * <p>Whether unit u of hidden layer l is kept for an example is a pure function of (seed, epoch,
 * step, the example's key, l, u), hashed with {@link SplitMix}: a retried task, a resumed run and
 * the same seed draw the same masks, and no generator state travels with the tasks.
 */
public final class Dropout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Valid rates: 1 would drop every unit. */
  public static final Interval RATE = Interval.UNIT_OPEN;

  /** No dropout. */
  public static final Dropout OFF = new Dropout(new double[0], 0);

  /** Weyl increment of SplitMix64: spaces the inputs of the per-layer and per-unit hashes. */
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;

  private final double[] rates;
  private final long seed;

  private Dropout(double[] rates, long seed) {
    this.rates = rates;
    this.seed = seed;
  }

  /**
   * Dropout with one rate for every hidden layer ({@code given} of length 1) or one per hidden
   * layer, its masks drawn from {@code seed}.
   *
   * @throws IllegalArgumentException for another number of rates, or a rate above 0 in a network
   *     without hidden layers
   */
  public static Dropout of(double[] given, int hiddenLayers, long seed) {
    String problem = problemWithRates(given);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    double[] rates = given;
    if (given.length == 1) {
      rates = new double[hiddenLayers];
      Arrays.fill(rates, given[0]);
      if (hiddenLayers == 0 && given[0] > 0) {
        throw new IllegalArgumentException(
            "the network has no hidden layer to drop units from, so the rate must be 0");
      }
    } else if (given.length != hiddenLayers) {
      throw new IllegalArgumentException(
          "give one rate for all hidden layers or one per hidden layer (%d), got %d"
              .formatted(hiddenLayers, given.length));
    }
    return new Dropout(rates.clone(), seed);
  }

  /** Null if each of {@code rates} is a valid rate and there is at least one, else why not. */
  public static String problemWithRates(double[] rates) {
    if (rates.length == 0) {
      return "needs at least one rate";
    }
    for (double rate : rates) {
      if (!RATE.contains(rate)) {
        return "each rate must be " + RATE + ", got " + rate;
      }
    }
    return null;
  }

  /** True when no hidden layer drops any unit. */
  public boolean isOff() {
    return Arrays.stream(rates).allMatch(rate -> rate == 0);
  }

  /** The masks of step {@code step} of epoch {@code epoch} for the examples keyed by keys. */
  public Masks masks(int epoch, int step, long[] keys) {
    return new Masks(this, mix(seed ^ mix(((long) epoch << 32) ^ step)), keys);
  }

  /**
   * One chunk's masks: example j of the chunk is the one keyed by {@code keys[j]}, a key fixed by
   * its place in the data.
   */
  public record Masks(Dropout dropout, long stepKey, long[] keys) {
    /** No unit dropped anywhere. */
    public static final Masks NONE = new Masks(OFF, 0, new long[0]);

    /** True when hidden layer l drops units. */
    boolean drops(int layer) {
      return layer < dropout.rates.length && dropout.rates[layer] > 0;
    }

    /**
     * Hidden layer l's mask for the chunk's first n examples, {@code units x n} column-major like
     * the layer's blocks: 1 / (1 - p) for a kept unit, 0 for a dropped one.
     */
    void fill(int layer, int units, int n, double[] mask) {
      double rate = dropout.rates[layer];
      double kept = 1 / (1 - rate);
      long layerKey = mix(stepKey + (layer + 1) * GOLDEN);
      for (int j = 0; j < n; j++) {
        long example = mix(layerKey ^ mix(keys[j]));
        for (int u = 0; u < units; u++) {
          boolean keep = SplitMix.unit(mix(example + (u + 1) * GOLDEN)) >= rate;
          mask[j * units + u] = keep ? kept : 0;
        }
      }
    }
  }
}
