package io.sparkmlp.train;

/**
 * A step's Spark job failed for good (Spark's own task retries exhausted): unlike divergence, a
 * fresh attempt from the last checkpoint may succeed, so callers can retry on this type.
 */
public final class StepFailedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  StepFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
