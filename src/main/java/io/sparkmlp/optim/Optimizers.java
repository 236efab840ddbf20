package io.sparkmlp.optim;

import io.sparkmlp.nn.Interval;
import io.sparkmlp.nn.Topology;
import java.util.List;
import java.util.Locale;

/** The optimisers by name, as job files and Params choose them. */
public final class Optimizers {
  /** The names {@link #create} accepts. */
  public static final List<String> NAMES = List.of("sgd", "nesterov", "adam", "lamb", "lars");

  /** Valid momenta mu of sgd, nesterov and lars: mu &gt;= 1 would let the velocity grow. */
  public static final Interval MOMENTUM = Interval.UNIT_OPEN;

  /** Valid decoupled weight decays. */
  public static final Interval WEIGHT_DECAY = DecoupledWeightDecay.DECAY;

  /** Valid trust coefficients of lars. */
  public static final Interval TRUST = Lars.TRUST;

  private Optimizers() {}

  /**
   * The optimiser {@code name} with its settings, for {@code topology}'s parameters.
   *
   * @param momentum used by sgd, nesterov and lars
   * @param beta1 used by adam and lamb
   * @param beta2 used by adam and lamb
   * @param epsilon used by adam and lamb
   * @param weightDecay decoupled weight decay of the weights (never the biases): lamb and lars take
   *     it into their trust ratios, the others shrink the weights before their step
   * @param trust lars's trust coefficient
   * @throws IllegalArgumentException naming the bad name or setting
   */
  public static Optimizer create(
      String name,
      double momentum,
      double beta1,
      double beta2,
      double epsilon,
      double weightDecay,
      double trust,
      Topology topology) {
    Optimizer plain =
        switch (name.trim().toLowerCase(Locale.ROOT)) {
          case "sgd" -> new MomentumSgd(momentum);
          case "nesterov" -> new NesterovSgd(momentum);
          case "adam" -> new Adam(beta1, beta2, epsilon);
          case "lamb" -> new Lamb(beta1, beta2, epsilon, weightDecay, topology);
          case "lars" -> new Lars(momentum, trust, weightDecay, topology);
          default ->
              throw new IllegalArgumentException(
                  "unknown optimizer '" + name + "' (valid: " + String.join(", ", NAMES) + ")");
        };
    return weightDecay == 0 || plain instanceof Lamb || plain instanceof Lars
        ? plain
        : new DecoupledWeightDecay(plain, weightDecay, topology);
  }
}
