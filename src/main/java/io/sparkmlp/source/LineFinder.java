package io.sparkmlp.source;

import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.data.InvalidInputException.Cell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds the number of the line a bad row came from, by reading a local text file on the driver, on
 * the error path only: Spark's CSV and LIBSVM readers keep no line numbers. The line is the first
 * whose text is the one the problem quotes, or else the first whose cell in the problem's column
 * holds the problem's value (any line with that value has that problem).
 *
 * @param format "csv" or "libsvm"; other formats have no lines
 * @param header csv: the first line names the columns
 * @param separator csv: the text between cells
 */
record LineFinder(String format, boolean header, String separator) {
  private static final Pattern LIBSVM_SPACE = Pattern.compile("\\s+");

  /** {@code invalid} as "{what}, line N: {problem}" if {@code file} has its line. */
  InvalidInputException located(String what, String file, InvalidInputException invalid) {
    long line = lineNumber(file, invalid);
    return line == 0
        ? invalid
        : new InvalidInputException(
            "%s, line %d: %s".formatted(what, line, invalid.problem()),
            invalid.problem(),
            invalid.lineText(),
            invalid.cell());
  }

  /** The 1-based number of the line at fault in a local text file, else 0. */
  private long lineNumber(String file, InvalidInputException invalid) {
    boolean text = format.equals("csv") || format.equals("libsvm");
    if (!text || file.contains(":/") || !Files.isRegularFile(Path.of(file))) {
      return 0;
    }
    Cell cell = invalid.cell();
    try (BufferedReader reader = Files.newBufferedReader(Path.of(file))) {
      Iterator<String> lines = reader.lines().iterator();
      if (invalid.lineText() != null) {
        String quoted = invalid.lineText().strip();
        return first(lines, 1, line -> line.strip().equals(quoted));
      }
      if (cell == null || !lines.hasNext()) {
        return 0;
      }
      if (format.equals("libsvm")) {
        return first(lines, 1, line -> libsvmHolds(line, cell));
      }
      String firstLine = lines.next();
      int column = csvColumn(firstLine, cell.column());
      if (column < 0) {
        return 0;
      }
      Predicate<String> holds = line -> holds(csvCells(line), column, cell.value());
      return !header && holds.test(firstLine) ? 1 : first(lines, 2, holds);
    } catch (IOException | UncheckedIOException e) {
      return 0; // the message without its line number is still right
    }
  }

  /** The number of the first of {@code lines} (numbered from {@code number}) that matches, or 0. */
  private static long first(Iterator<String> lines, long number, Predicate<String> matches) {
    for (long n = number; lines.hasNext(); n++) {
      if (matches.test(lines.next())) {
        return n;
      }
    }
    return 0;
  }

  /** The index of the named column: by the header, or "_cN" as Spark names headerless columns. */
  private int csvColumn(String firstLine, String name) {
    if (header) {
      return csvCells(firstLine).indexOf(name);
    }
    if (name.startsWith("_c")) {
      try {
        return Integer.parseInt(name.substring(2));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  private List<String> csvCells(String line) {
    return Arrays.stream(line.split(Pattern.quote(separator), -1))
        .map(cell -> cell.strip().replaceAll("^\"(.*)\"$", "$1"))
        .toList();
  }

  /** A LIBSVM line's label (column "label") or feature (column "its index") holds the value. */
  private static boolean libsvmHolds(String line, Cell cell) {
    String[] tokens = LIBSVM_SPACE.split(line.strip());
    if (cell.column().equals("label")) {
      return tokens.length > 0 && same(tokens[0], cell.value());
    }
    for (int i = 1; i < tokens.length; i++) {
      int colon = tokens[i].indexOf(':');
      if (colon > 0
          && tokens[i].substring(0, colon).equals(cell.column())
          && same(tokens[i].substring(colon + 1), cell.value())) {
        return true;
      }
    }
    return false;
  }

  private static boolean holds(List<String> cells, int column, String value) {
    return column < cells.size() && same(cells.get(column), value);
  }

  /** The same text, or the same number as Spark reads it ("7" and "7.0", "Inf" and "Infinity"). */
  private static boolean same(String cell, String value) {
    if (cell.equals(value)) {
      return true;
    }
    Double a = number(cell);
    Double b = number(value);
    return a != null && b != null && a.equals(b);
  }

  private static Double number(String text) {
    String t = text.strip();
    switch (t) {
      case "Inf", "+Inf", "Infinity", "+Infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf", "-Infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN", "nan" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return Double.valueOf(t);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
  }
}
