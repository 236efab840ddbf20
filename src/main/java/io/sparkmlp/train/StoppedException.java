package io.sparkmlp.train;

/** Training stopped at a step boundary because a {@link StopRequest} asked it to. */
public final class StoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoppedException(String message) {
    super(message);
  }
}
