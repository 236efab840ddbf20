package io.sparkmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Models and data files are read by our own checked formats or Spark's, never by Java
 * deserialization, which runs code chosen by whoever wrote the file.
 */
class NoJavaDeserializationTest {
  private static final Path MAIN = Path.of("src/main/java");

  @Test
  void mainCodeNeverDeserializesJavaObjects() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(MAIN)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).toList();
    }
    assertTrue(sources.size() > 20, "found only " + sources.size() + " sources under " + MAIN);
    List<String> offenders =
        sources.stream()
            .filter(
                file -> {
                  try {
                    String code = Files.readString(file);
                    return code.contains("ObjectInputStream") || code.contains("readObject(");
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .map(Path::toString)
            .toList();
    assertEquals(List.of(), offenders);
  }
}
