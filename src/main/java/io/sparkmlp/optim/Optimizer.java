package io.sparkmlp.optim;

/**
 * Turns a mean gradient into new weights. Settings are fixed at construction; state (velocities,
 * moments) is created by {@link #initialize} and lives on the driver.
 */
public interface Optimizer {
  /** Creates fresh state for {@code parameterCount} parameters, forgetting any earlier state. */
  void initialize(int parameterCount);

  /**
   * One update in place.
   *
   * @param parameters modified: the new weights
   * @param gradient the mean gradient of the objective (data loss and penalty); not modified
   * @param learningRate the step size for this step
   */
  void step(double[] parameters, double[] gradient, double learningRate);

  /** An independent optimiser with the same settings and a copy of the state. */
  Optimizer copy();

  /** A copy of the state, for checkpoints. */
  OptimizerSnapshot snapshot();

  /**
   * Replaces the state with a copy of {@code snapshot}'s, so that the next steps are those the
   * optimiser that took it would have taken.
   *
   * @throws IllegalArgumentException if the snapshot's arrays do not fit {@code parameterCount}
   */
  void restore(OptimizerSnapshot snapshot, int parameterCount);

  /** The name and settings, e.g. "adam(beta1=0.9, beta2=0.999, epsilon=1.0E-8)". */
  String describe();
}
