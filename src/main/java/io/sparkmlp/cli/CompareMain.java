package io.sparkmlp.cli;

import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.SavedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Compares the weights of two saved models: prints the largest absolute difference and whether
 * every weight has the same bits. No Spark needed.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Compares two model directories; exit 0 if their weights are bitwise identical.")
public final class CompareMain implements Callable<Integer> {
  static final int EXIT_DIFFERENT = 1;

  @Parameters(index = "0", paramLabel = "EXPECTED", description = "a model directory")
  private Path expected;

  @Parameters(index = "1", paramLabel = "ACTUAL", description = "another model directory")
  private Path actual;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CompareMain()).execute(args));
  }

  @Override
  public Integer call() {
    SavedModel a;
    SavedModel b;
    try {
      a = ModelFiles.read(expected);
      b = ModelFiles.read(actual);
    } catch (IOException | RuntimeException e) {
      System.err.println("spark-mlp: " + e.getMessage());
      return TrainMain.EXIT_BAD_INPUT;
    }
    if (!a.topology().equals(b.topology())) {
      System.out.println("different networks: " + a.topology() + " vs " + b.topology());
      return EXIT_DIFFERENT;
    }
    double maxDifference = 0;
    long differentBits = 0;
    for (int i = 0; i < a.parameters().length; i++) {
      double x = a.parameters()[i];
      double y = b.parameters()[i];
      maxDifference = Math.max(maxDifference, Math.abs(x - y));
      if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(y)) {
        differentBits++;
      }
    }
    System.out.printf(
        "max |difference| %s over %d weights, %d differ in their bits%n",
        maxDifference, a.parameters().length, differentBits);
    return differentBits == 0 ? 0 : EXIT_DIFFERENT;
  }
}
