package io.sparkmlp.settings;

import java.util.List;
import java.util.stream.Collectors;

/** The settings as people read them: {@code --list-keys}' lines and the docs' Markdown table. */
public final class KeyTable {
  private KeyTable() {}

  /** One line per job-file key: key, default, doc and rule. */
  public static String text() {
    StringBuilder text = new StringBuilder();
    for (Setting<?> setting : keyed()) {
      text.append(
          String.format(
              "%-30s %-16s %s%s%n",
              setting.key(),
              setting.defaultText(),
              setting.doc(),
              setting.rule().description().isEmpty()
                  ? ""
                  : " (" + setting.rule().description() + ")"));
    }
    return text.toString();
  }

  /**
   * The Markdown table of every setting: key, Spark ML Param, default, valid values and meaning,
   * with each cell's text escaped so that no value breaks the table.
   */
  public static String markdown() {
    StringBuilder table =
        new StringBuilder("| key | Param | default | valid | meaning |\n|---|---|---|---|---|\n");
    for (Setting<?> setting : Settings.ALL) {
      table.append(
          List.of(
                  code(setting.key()),
                  code(setting.param()),
                  code(setting.defaultText()),
                  cell(setting.rule().description()),
                  cell(setting.doc()))
              .stream()
              .collect(Collectors.joining(" | ", "| ", " |\n")));
    }
    return table.toString();
  }

  private static List<Setting<?>> keyed() {
    return Settings.ALL.stream().filter(Setting::hasKey).toList();
  }

  private static String code(String text) {
    return text == null || text.isEmpty() ? "" : "`" + cell(text) + "`";
  }

  /** Text for a table cell: a bar would end the cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
