package io.sparkmlp.source;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The classes of a classification job as the data names them (text such as "A", or numbers such as
 * -1 and +1), in class order: class i is {@code names.get(i)}.
 */
public record Labels(List<String> names) implements java.io.Serializable {
  public Labels {
    names = List.copyOf(names);
  }

  /** The labels found in the data, sorted: as numbers if every one is a number, else as text. */
  static Labels sorted(List<String> found) {
    boolean numbers = found.stream().allMatch(Labels::isNumber);
    return new Labels(
        found.stream()
            .distinct()
            .sorted(
                numbers
                    ? Comparator.comparingDouble(Double::parseDouble)
                    : Comparator.<String>naturalOrder())
            .toList());
  }

  /** A label of a numeric column as users write it: 1 and -1, not 1.0 and -1.0. */
  public static String ofNumber(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  /** A label column as the text of {@link #ofNumber} (numbers) or trimmed (text). */
  static Column text(Column label, boolean numeric) {
    if (!numeric) {
      return trim(label.cast("string"));
    }
    Column whole = label.equalTo(floor(label)).and(abs(label).lt(1e15));
    return when(whole, label.cast("bigint").cast("string")).otherwise(label.cast("string"));
  }

  public int size() {
    return names.size();
  }

  /** "A, B, C". */
  public String text() {
    return String.join(", ", names);
  }

  /**
   * The class index of {@code label} (a column of numbers when {@code numeric}, else of text) as a
   * double, null for a label that is not one of these.
   */
  Column index(Column label, boolean numeric) {
    Column index = null;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (numeric && !isNumber(name)) {
        continue;
      }
      Column matches =
          numeric ? label.equalTo(lit(Double.parseDouble(name))) : trim(label).equalTo(lit(name));
      index = index == null ? when(matches, lit((double) i)) : index.when(matches, lit((double) i));
    }
    return index == null ? lit(null).cast("double") : index;
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
