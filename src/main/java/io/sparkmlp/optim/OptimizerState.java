package io.sparkmlp.optim;

/** Checks shared by the optimisers. */
final class OptimizerState {
  private OptimizerState() {}

  /** Refuses a step whose state was made for another parameter count, or not made. */
  static void requireSize(double[] state, double[] parameters) {
    if (state == null || state.length != parameters.length) {
      throw new IllegalStateException(
          "optimizer state is for %s parameters, got %s: call initialize first"
              .formatted((state == null ? "no" : state.length), parameters.length));
    }
  }
}
