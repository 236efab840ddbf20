package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkmlp.files.Json;
import io.sparkmlp.ml.MlpMultilabelModel;
import io.sparkmlp.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-label job from the command line: a CSV file with three 0/1 label columns, one of them not
 * linear in the features, trained, reported per label, scored by submit/predict.
 */
class MultiLabelJobTest {
  private static final String[] LABELS = {"positive", "above", "same_sign"};

  private static List<String> job(Path train, Path test, Path out) {
    return List.of(
        "data.source=csv",
        "data.path=" + train,
        "data.test_path=" + test,
        "data.label_col=positive,above,same_sign",
        "model.layers=4,16,3",
        "model.output=sigmoid",
        "model.loss=binary_cross_entropy",
        "train.optimizer=adam",
        "train.learning_rate=0.02",
        "train.batch_size=32",
        "train.epochs=20",
        "report.plots=false",
        "--quiet",
        "--out",
        out.toString());
  }

  /** {@link TestData#threeLabels} as a CSV file with a header. */
  static Path csv(Path file, int count, long seed) throws IOException {
    List<String> lines = new ArrayList<>(List.of("x1,x2,x3,x4," + String.join(",", LABELS)));
    for (double[] row : TestData.threeLabels(count, seed)) {
      lines.add(
          "%s,%s,%s,%s,%d,%d,%d"
              .formatted(row[0], row[1], row[2], row[3], (int) row[4], (int) row[5], (int) row[6]));
    }
    return Files.write(file, lines);
  }

  @Test
  void eachLabelBeatsItsMajorityAndPredictWritesEachLabel(@TempDir Path dir) throws Exception {
    Path train = csv(dir.resolve("train.csv"), 1200, 1);
    Path test = csv(dir.resolve("test.csv"), 400, 2);
    Path out = dir.resolve("run");
    Cli.Result run = Cli.trainMain(job(train, test, out).toArray(new String[0]));
    assertEquals(0, run.exit(), run.stderr());

    JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
    assertEquals("multi_label", summary.path("task").asText());
    for (String label : LABELS) {
      double accuracy = summary.path("test_label_accuracy").path(label).asDouble();
      double majority = summary.path("test_label_majority").path(label).asDouble();
      assertTrue(
          accuracy > majority + 0.2,
          label + ": test accuracy " + accuracy + ", always the majority " + majority);
    }
    double mean = summary.path("test_accuracy").asDouble();
    assertTrue(mean > 0.9, "test accuracy, the mean over the labels: " + mean);

    Path predictions = dir.resolve("predictions");
    PredictMainTest.Run predicted =
        PredictMainTest.predict(out.toString(), test.toString(), "--out", predictions.toString());
    assertEquals(0, predicted.exit(), predicted.stderr());
    List<String> lines;
    try (Stream<Path> parts = Files.list(predictions)) {
      Path part = parts.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().get();
      lines = Files.readAllLines(part);
    }
    assertEquals(
        "prediction_positive,prediction_above,prediction_same_sign,"
            + "probability_positive,probability_above,probability_same_sign",
        lines.get(0));

    MlpMultilabelModel model = MlpMultilabelModel.load(out.toString());
    assertEquals(3, model.topology().outputs());
  }

  @Test
  void aLabelCellThatIsNotZeroOrOneIsNamedWithItsLine(@TempDir Path dir) throws Exception {
    Path train = csv(dir.resolve("train.csv"), 20, 1);
    List<String> lines = new ArrayList<>(Files.readAllLines(train));
    lines.set(2, lines.get(2).replaceFirst(",[01],([01]),([01])$", ",1,2,$2"));
    Files.write(train, lines);
    Cli.Result run =
        Cli.trainMain(
            job(train, csv(dir.resolve("test.csv"), 10, 2), dir.resolve("run"))
                .toArray(new String[0]));
    assertEquals(TrainMain.EXIT_BAD_INPUT, run.exit(), run.stderr());
    assertEquals(
        List.of(
            "spark-mlp: training file "
                + train
                + ", line 3: label '2' in column 'above' must be 0 or 1"),
        run.messages());
  }
}
