package io.sparkmlp.settings;

import io.sparkmlp.nn.Interval;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What values of a setting are valid: the one place a range or a set of names is checked, for job
 * files and Params alike.
 *
 * @param description for the docs, e.g. "&gt; 0" or "one of sgd, nesterov, adam"
 * @param problem the problem with a value, as an error states it ("must be &gt; 0"), or null when
 *     the value is valid
 */
public record Rule<T>(String description, Problem<T> problem) implements Serializable {
  /** The problem with a value, or null. */
  @FunctionalInterface
  public interface Problem<T> extends Serializable {
    String of(T value);
  }

  /** Every value of the type is valid. */
  public static <T> Rule<T> any() {
    return new Rule<>("", value -> null);
  }

  /** A number inside {@code interval}. */
  public static <N extends Number> Rule<N> in(Interval interval) {
    return new Rule<>(
        interval.toString(),
        value -> interval.contains(value.doubleValue()) ? null : "must be " + interval);
  }

  /** One of {@code names} in any case, which the message calls {@code what}s. */
  public static Rule<String> oneOf(String what, List<String> names) {
    return new Rule<>(
        "one of " + String.join(", ", names),
        value -> names.contains(lowerCase(value)) ? null : unknown(what, value, names));
  }

  /** A comma-separated list of {@code names}, in any case. */
  public static Rule<String> eachOf(String what, List<String> names) {
    return new Rule<>(
        "one or more of " + String.join(", ", names),
        value ->
            Type.items(value).stream()
                .filter(name -> !names.contains(lowerCase(name)))
                .findFirst()
                .map(name -> unknown(what, name, names))
                .orElse(null));
  }

  /** Valid when {@code check} finds no problem (it returns the problem or null). */
  public static <T> Rule<T> checkedBy(String description, Problem<T> check) {
    return new Rule<>(description, check);
  }

  public boolean accepts(T value) {
    return problem.of(value) == null;
  }

  private static String lowerCase(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static String unknown(String what, String value, List<String> names) {
    return "unknown " + what + " '" + value + "' (valid: " + String.join(", ", names) + ")";
  }
}
