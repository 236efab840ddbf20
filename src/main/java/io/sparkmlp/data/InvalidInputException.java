package io.sparkmlp.data;

/** Input data that cannot be trained on; the message names the row and value at fault. */
public final class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
