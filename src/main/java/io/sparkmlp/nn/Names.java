package io.sparkmlp.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants as written in conf files and outputs: lower-case names. */
public final class Names {
  private Names() {}

  public static String label(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
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
        "unknown "
            + what
            + " '"
            + name
            + "' (valid: "
            + Arrays.stream(type.getEnumConstants())
                .map(Names::label)
                .collect(Collectors.joining(", "))
            + ")");
  }
}
