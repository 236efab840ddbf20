package io.sparkmlp.settings;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A setting's value type: how a job file's text reads as a value and how a value is written back.
 *
 * @param name for people, e.g. "number"
 * @param parser text to value; throws {@link IllegalArgumentException} for text of another type
 * @param printer value to text, in the form the parser reads
 * @param unreadable what the error says of text the parser refuses, e.g. "is not a number"
 */
public record Type<T>(
    String name, Function<String, T> parser, Function<T, String> printer, String unreadable) {
  /** A finite double. */
  public static final Type<Double> REAL =
      new Type<>(
          "number",
          text -> {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
              throw new IllegalArgumentException(text);
            }
            return value;
          },
          value -> BigDecimal.valueOf(value).stripTrailingZeros().toString(),
          "is not a number");

  public static final Type<Integer> INTEGER =
      new Type<>("integer", Integer::valueOf, String::valueOf, "is not an integer");

  public static final Type<Long> LONG =
      new Type<>("integer", Long::valueOf, String::valueOf, "is not an integer");

  /** true or false, in any case. */
  public static final Type<Boolean> BOOLEAN =
      new Type<>(
          "true or false",
          text ->
              switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(text);
              },
          String::valueOf,
          "must be true or false");

  public static final Type<String> TEXT =
      new Type<>("text", Function.identity(), Function.identity(), "is not text");

  /** Comma-separated integers, e.g. layer sizes "784,256,10". */
  public static final Type<int[]> INTEGERS =
      new Type<>(
          "comma-separated integers",
          text -> Arrays.stream(text.split("\\s*,\\s*")).mapToInt(Integer::parseInt).toArray(),
          values ->
              Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(",")),
          "is not a list of integers");

  /** Comma-separated finite doubles, e.g. a network's flat parameters; "" for none. */
  public static final Type<double[]> REALS =
      new Type<>(
          "comma-separated numbers",
          text ->
              text.isEmpty()
                  ? new double[0]
                  : Arrays.stream(text.split("\\s*,\\s*")).mapToDouble(REAL::parse).toArray(),
          values -> Arrays.stream(values).mapToObj(REAL::print).collect(Collectors.joining(",")),
          "is not a list of numbers");

  /**
   * The value of {@code text}.
   *
   * @throws IllegalArgumentException with {@link #unreadable} as its message
   */
  public T parse(String text) {
    try {
      return parser.apply(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(unreadable, e);
    }
  }

  public String print(T value) {
    return printer.apply(value);
  }

  /** The items of a comma-separated text value, e.g. "relu, tanh". */
  public static List<String> items(String text) {
    return List.of(text.trim().split("\\s*,\\s*"));
  }
}
