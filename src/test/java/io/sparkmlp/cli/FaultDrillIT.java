package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The multi-JVM failure scenarios, through the drill users run: executor and driver SIGKILL on
 * local-cluster, executor SIGKILL on a standalone cluster, Spark's security on, and five other
 * partitionings on local[N] and local-cluster with 1, 2 and 3 executors. Each must end with the
 * undisturbed run's weights, bit for bit. Runs after package (failsafe), since the scripts submit
 * the application jar.
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
    assertEquals(9, identical.size(), output);
  }
}
