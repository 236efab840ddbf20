package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.ModelInput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The drill's judge: exit 0 only for bitwise-identical weights. */
class CompareMainTest {
  private static final Topology NET =
      Topology.uniform(
          new int[] {2, 3, 1}, new Activation.Tanh(), OutputLoss.of("sigmoid", "cross_entropy"));

  @Test
  void identicalWeightsPassAndOneUlpFails(@TempDir Path dir) throws Exception {
    double[] weights = new double[NET.parameterCount()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 0.1 * i - 0.3;
    }
    for (String name : new String[] {"a", "b", "c"}) {
      Files.createDirectories(dir.resolve(name));
    }
    ModelFiles.write(dir.resolve("a"), NET, weights, ModelInput.NONE);
    ModelFiles.write(dir.resolve("b"), NET, weights.clone(), ModelInput.NONE);
    double[] nudged = weights.clone();
    nudged[4] = Math.nextUp(nudged[4]);
    ModelFiles.write(dir.resolve("c"), NET, nudged, ModelInput.NONE);

    assertEquals(0, compare(dir.resolve("a"), dir.resolve("b")).exit);
    Result different = compare(dir.resolve("a"), dir.resolve("c"));
    assertEquals(CompareMain.EXIT_DIFFERENT, different.exit);
    assertTrue(different.printed.contains("1 differ in their bits"), different.printed);
  }

  private record Result(int exit, String printed) {}

  private static Result compare(Path a, Path b) {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new CompareMain()).execute(a.toString(), b.toString());
      return new Result(exit, out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(saved);
    }
  }
}
