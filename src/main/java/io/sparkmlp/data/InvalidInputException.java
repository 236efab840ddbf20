package io.sparkmlp.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input data that cannot be trained on; the message names the row and value at fault. It may carry
 * the text of the line at fault, so that the driver can find that line's number in the file
 * (Spark's readers keep none).
 */
public final class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final Pattern LIBSVM_LINE = Pattern.compile("line=\"(.*)\"");

  private final String problem;
  private final String lineText;

  public InvalidInputException(String message) {
    this(message, message, null);
  }

  /**
   * @param problem what is wrong, without what it is about (the message may prefix the file)
   * @param lineText the text of the file's line at fault; null when unknown
   */
  public InvalidInputException(String message, String problem, String lineText) {
    super(message);
    this.problem = problem;
    this.lineText = lineText;
  }

  /** What is wrong, without the file it is in. */
  public String problem() {
    return problem;
  }

  /** The text of the line at fault, or null. */
  public String lineText() {
    return lineText;
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
        return new InvalidInputException(
            what + ": " + invalid.getMessage(), invalid.getMessage(), invalid.lineText());
      }
      root = cause;
    }
    if (root instanceof IllegalArgumentException) {
      String message = root.getMessage() == null ? root.toString() : root.getMessage();
      String problem = message.lines().findFirst().orElse("");
      Matcher line = LIBSVM_LINE.matcher(problem); // Spark's LIBSVM parser quotes the line
      return new InvalidInputException(
          what + ": " + problem, problem, line.find() ? line.group(1) : null);
    }
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(failure.getMessage(), failure);
  }
}
