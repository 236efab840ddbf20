package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The multi-JVM failure scenarios, through the drill users run: executor and driver SIGKILL on
 * local-cluster, executor SIGKILL on a standalone cluster, Spark's security on, five other
 * partitionings on local[N] and local-cluster with 1, 2 and 3 executors, and rows that do not fit
 * in the executors' storage memory (so kept on disk). Each must end with the undisturbed run's
 * weights, bit for bit. Runs after package (failsafe), since the scripts submit the application
 * jar.
 */
class FaultDrillIT {
  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void everyScenarioEndsWithTheUndisturbedWeights() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("submit/fault-drill", "data.examples=1000", "train.epochs=6")
            .redirectErrorStream(true);
    builder.environment().put("DRILL_DIR", "target/it-fault-drill");
    Process drill = builder.start();
    drill.getOutputStream().close();
    String output = new String(drill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = drill.waitFor();

    List<String> identical =
        output.lines().filter(line -> line.contains(" identical: max |difference| 0.0 ")).toList();
    assertEquals(0, exit, output);
    assertEquals(10, identical.size(), output);
    String starved =
        output
            .lines()
            .filter(line -> line.contains("with 0.002 of the heap:"))
            .findFirst()
            .orElse("");
    assertTrue(
        starved.contains("MB on disk") && !starved.contains(" 0.0 MB on disk"),
        "the starved run kept blocks on disk: " + starved);
  }
}
