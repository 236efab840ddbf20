package io.sparkmlp.cli;

import static io.sparkmlp.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkmlp.files.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LIBSVM job with 200 features of which about 6 are set a row: the command line keeps it sparse
 * by itself, says so in summary.json, learns what the dense layout learns, and scores the file.
 */
class SparseJobTest {
  private static final int FEATURES = 200;

  /** Label 1 when the row holds more of features 1-20 than of 21-40; 6 distinct features a row. */
  private static Path libsvm(Path file, int count, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      TreeSet<Integer> set = new TreeSet<>();
      while (set.size() < 6) {
        set.add(1 + random.nextInt(random.nextBoolean() ? 40 : FEATURES));
      }
      long low = set.stream().filter(i -> i <= 20).count();
      long high = set.stream().filter(i -> i > 20 && i <= 40).count();
      StringBuilder line = new StringBuilder(low > high ? "1" : "0");
      set.forEach(i -> line.append(' ').append(i).append(":1"));
      lines.add(line.toString());
    }
    return Files.write(file, lines);
  }

  private static Cli.Result train(Path train, Path test, Path out, String... more) {
    List<String> job =
        new ArrayList<>(
            List.of(
                "data.source=libsvm",
                "data.path=" + train,
                "data.test_path=" + test,
                "data.num_features=" + FEATURES,
                "model.layers=" + FEATURES + ",16,1",
                "model.output=sigmoid",
                "train.optimizer=adam",
                "train.learning_rate=0.01",
                "train.batch_size=50",
                "train.epochs=8",
                "report.plots=false",
                "--quiet",
                "--out",
                out.toString()));
    job.addAll(List.of(more));
    return Cli.trainMain(job.toArray(new String[0]));
  }

  @Test
  void aSparseLibsvmFileTrainsSparseLikeDenseAndIsScored(@TempDir Path dir) throws Exception {
    Path train = libsvm(dir.resolve("train.libsvm"), 1000, 1);
    Path test = libsvm(dir.resolve("test.libsvm"), 300, 2);
    Path sparse = dir.resolve("sparse");
    Cli.Result run = train(train, test, sparse);
    assertEquals(0, run.exit(), run.stderr());
    JsonNode summary = Json.MAPPER.readTree(sparse.resolve("summary.json").toFile());
    assertEquals("sparse", summary.path("feature_layout").asText(), "auto: 3% of features set");
    double accuracy = summary.path("test_accuracy").asDouble();
    assertTrue(accuracy > 0.85, "test accuracy " + accuracy);

    Path dense = dir.resolve("dense");
    run = train(train, test, dense, "data.layout=dense");
    assertEquals(0, run.exit(), run.stderr());
    assertEquals(
        "dense",
        Json.MAPPER
            .readTree(dense.resolve("summary.json").toFile())
            .path("feature_layout")
            .asText());
    double[] sparseWeights = weights(sparse);
    double[] denseWeights = weights(dense);
    assertClose(denseWeights, sparseWeights, 1e-12);

    Path predictions = dir.resolve("predictions");
    PredictMainTest.Run predicted =
        PredictMainTest.predict(
            sparse.toString(), test.toString(), "--out", predictions.toString());
    assertEquals(0, predicted.exit(), predicted.stderr());
    assertTrue(
        predicted.stdout().contains("wrote 300 predictions")
            && predicted.stdout().contains("accuracy %.4f".formatted(accuracy)),
        "predict scores every row with the accuracy training reported: " + predicted.stdout());
  }

  private static double[] weights(Path model) throws IOException {
    ByteBuffer bytes =
        ByteBuffer.wrap(Files.readAllBytes(model.resolve("weights.bin")))
            .order(ByteOrder.LITTLE_ENDIAN);
    double[] weights = new double[bytes.capacity() / Double.BYTES];
    bytes.asDoubleBuffer().get(weights);
    return weights;
  }
}
