package io.sparkmlp.data;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input data that cannot be trained on; the message names the row and value at fault. It may carry
 * the text of the line at fault, or the cell at fault, so that the driver can find that line's
 * number in the file (Spark's readers keep none).
 */
public final class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final Pattern LIBSVM_LINE = Pattern.compile("line=\"(.*)\"");

  /**
   * A cell at fault: the column as the file names it (for LIBSVM: "label", or a feature's index as
   * the file writes it) and its value as text.
   */
  public record Cell(String column, String value) implements Serializable {}

  private final String problem;
  private final String lineText;
  private final Cell cell;

  public InvalidInputException(String message) {
    this(message, message, null, null);
  }

  /**
   * @param problem what is wrong, without what it is about (the message may prefix the file)
   * @param lineText the text of the file's line at fault; null when unknown
   */
  public InvalidInputException(String message, String problem, String lineText) {
    this(message, problem, lineText, null);
  }

  /**
   * @param cell the cell at fault; null when unknown
   */
  public InvalidInputException(String message, String problem, String lineText, Cell cell) {
    super(message);
    this.problem = problem;
    this.lineText = lineText;
    this.cell = cell;
  }

  /** A problem with one cell, said as it is. */
  public static InvalidInputException atCell(String problem, String column, String value) {
    return new InvalidInputException(problem, problem, null, new Cell(column, value));
  }

  /** This problem as "{what}: {message}", with the same clues to its line. */
  public InvalidInputException about(String what) {
    return new InvalidInputException(what + ": " + getMessage(), getMessage(), lineText, cell);
  }

  /** What is wrong, without the file it is in. */
  public String problem() {
    return problem;
  }

  /** The text of the line at fault, or null. */
  public String lineText() {
    return lineText;
  }

  /** The cell at fault, or null. */
  public Cell cell() {
    return cell;
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
        return invalid.about(what);
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
