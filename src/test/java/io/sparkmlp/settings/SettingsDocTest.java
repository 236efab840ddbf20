package io.sparkmlp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The docs' key table is the one the declarations print, cell for cell. */
class SettingsDocTest {
  static final Path PAGE = Path.of("src/site/markdown/settings.md");
  private static final String MARKER = "<!-- the table below is generated:";

  @Test
  void theSettingsPageEndsWithTheGeneratedTable() throws Exception {
    String page = Files.readString(PAGE);
    int marker = page.indexOf(MARKER);
    assertTrue(marker >= 0, PAGE + " lacks the line " + MARKER);
    String table = page.substring(page.indexOf('\n', marker) + 1);
    assertEquals(
        KeyTable.markdown(),
        table,
        PAGE + ": regenerate the table with submit/train --list-keys --markdown");
  }

  @Test
  void noCellTextBreaksTheTable() {
    for (String row : KeyTable.markdown().split("\n")) {
      String unescaped = row.replace("\\|", "");
      assertEquals(6, unescaped.chars().filter(c -> c == '|').count(), row);
    }
  }
}
