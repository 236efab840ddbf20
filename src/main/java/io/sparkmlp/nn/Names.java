package io.sparkmlp.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Enum constants as written in conf files and outputs: lower-case names. */
public final class Names {
  private Names() {}

  public static String label(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** The labels of every constant of {@code type}, in declaration order. */
  public static <E extends Enum<E>> List<String> labels(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Names::label).toList();
  }

  /**
   * The constant of {@code type} labelled {@code name} (case-insensitive).
   *
   * @param what how the message calls such a value, e.g. "initializer"
   * @throws IllegalArgumentException naming the value and listing the valid labels
   */
  public static <E extends Enum<E>> E byLabel(Class<E> type, String name, String what) {
    for (E constant : type.getEnumConstants()) {
      if (label(constant).equals(name.trim().toLowerCase(Locale.ROOT))) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "unknown " + what + " '" + name + "' (valid: " + String.join(", ", labels(type)) + ")");
  }
}
