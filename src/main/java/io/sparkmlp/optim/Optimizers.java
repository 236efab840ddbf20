package io.sparkmlp.optim;

import io.sparkmlp.nn.Interval;
import java.util.List;
import java.util.Locale;

/** The optimisers by name, as job files and Params choose them. */
public final class Optimizers {
  /** The names {@link #create} accepts. */
  public static final List<String> NAMES = List.of("sgd", "nesterov", "adam");

  /** Valid momenta mu of sgd and nesterov: mu &gt;= 1 would let the velocity grow without bound. */
  public static final Interval MOMENTUM = Interval.UNIT_OPEN;

  private Optimizers() {}

  /**
   * @param momentum used by sgd and nesterov
   * @param beta1 used by adam
   * @param beta2 used by adam
   * @param epsilon used by adam
   * @throws IllegalArgumentException naming the bad name or setting
   */
  public static Optimizer create(
      String name, double momentum, double beta1, double beta2, double epsilon) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "sgd" -> new MomentumSgd(momentum);
      case "nesterov" -> new NesterovSgd(momentum);
      case "adam" -> new Adam(beta1, beta2, epsilon);
      default ->
          throw new IllegalArgumentException(
              "unknown optimizer '" + name + "' (valid: " + String.join(", ", NAMES) + ")");
    };
  }
}
