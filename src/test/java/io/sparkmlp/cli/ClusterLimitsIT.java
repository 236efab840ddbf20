package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.store.ModelFiles;
import io.sparkmlp.store.SavedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weights travel by broadcast, never inside a task: on a real cluster (local-cluster, where
 * Spark refuses to send a task larger than spark.rpc.message.maxSize) with that cap at 1 MiB, a
 * model of more than 1 MiB trains.
 */
class ClusterLimitsIT {
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aModelLargerThanAnRpcMessageTrainsOnACluster(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path conf = dir.resolve("tiny-rpc.conf");
    Files.writeString(conf, "spark.rpc.message.maxSize 1\n");
    Path out = dir.resolve("big");
    ProcessBuilder builder =
        new ProcessBuilder(
                "submit/train",
                "--out",
                out.toString(),
                "model.layers=2,400,400,1",
                "data.examples=400",
                "data.test_examples=0",
                "train.epochs=1",
                "report.plots=false")
            .redirectErrorStream(true);
    builder.environment().put("MASTER", "local-cluster[2,1,1024]");
    builder.environment().put("SPARK_MLP_CONF", conf.toString());
    Process run = builder.start();
    run.getOutputStream().close();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, run.waitFor(), output);
    SavedModel model = ModelFiles.read(out);
    assertTrue(model.parameters().length * 8L > 1024 * 1024, "the model must exceed 1 MiB");
  }
}
