package io.sparkmlp.data;

/** Input data that cannot be trained on; the message names the row and value at fault. */
public final class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * What to throw for a failure while reading or packing {@code what} (e.g. "data file x.csv"): an
   * InvalidInputException anywhere in the cause chain, or an IllegalArgumentException at its root
   * (how Spark's readers report a malformed line: a LIBSVM index out of order, a number that does
   * not parse), becomes a one-line InvalidInputException naming {@code what}; anything else (a lost
   * executor, a full disk) is returned as it is, wrapped if checked.
   */
  public static RuntimeException fromReadFailure(String what, Exception failure) {
    Throwable root = failure;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException invalid) {
        return new InvalidInputException(what + ": " + invalid.getMessage());
      }
      root = cause;
    }
    if (root instanceof IllegalArgumentException) {
      String message = root.getMessage() == null ? root.toString() : root.getMessage();
      return new InvalidInputException(what + ": " + message.lines().findFirst().orElse(""));
    }
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(failure.getMessage(), failure);
  }
}
