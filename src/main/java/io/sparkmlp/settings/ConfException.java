package io.sparkmlp.settings;

/** A job description that cannot run; the message names the key, value and where it came from. */
public final class ConfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfException(String message) {
    super(message);
  }
}
