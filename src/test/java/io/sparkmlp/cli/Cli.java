package io.sparkmlp.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;

/** The command line as a user meets it, in this JVM: exit code and what went to stderr. */
final class Cli {
  private Cli() {}

  record Result(int exit, String stderr) {
    /** The lines spark-mlp itself printed to stderr (Spark's log goes there too). */
    java.util.List<String> messages() {
      return stderr.lines().filter(l -> l.startsWith("spark-mlp: ")).toList();
    }
  }

  static Result trainMain(String... arguments) {
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setProperty("spark.master", "local[1]"); // what spark-submit would pass
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new TrainMain()).execute(arguments);
      return new Result(exit, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(savedErr);
      System.clearProperty("spark.master");
    }
  }

  /** Every regular file under root (relative path to bytes). */
  static Map<String, byte[]> snapshot(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }
}
