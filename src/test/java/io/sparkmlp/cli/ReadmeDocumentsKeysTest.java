package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every conf key is documented in the README's table, with its default. */
class ReadmeDocumentsKeysTest {
  @Test
  void everyKeyHasAReadmeRow() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (ConfKey key : ConfKey.values()) {
      String row = "| `" + key.key() + "` | `" + key.defaultValue() + "` |";
      assertTrue(readme.contains(row), "README.md lacks the row starting " + row);
    }
  }
}
