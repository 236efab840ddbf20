package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.ActivationStats;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.Training;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation after every epoch, early stopping, and the per-epoch diagnostics, through Spark. */
class ValidationTest extends SparkTest {
  private static final Topology XOR_NET =
      Topology.uniform(
          new int[] {2, 8, 1}, new Activation.Tanh(), OutputLoss.of("sigmoid", "cross_entropy"));
  private static final List<Example> TRAIN = SyntheticData.XOR.generate(400, 1);
  private static final List<Example> VALIDATION = SyntheticData.XOR.generate(200, 2);

  private TrainingData<?> cache(List<Example> rows, Topology topology) {
    return TrainingData.cache(jsc().parallelize(rows, 2), topology, "test rows");
  }

  @Test
  void everyEpochIsValidatedWithItsFinalWeights() {
    TrainingConfig config = Training.config(XOR_NET, 0.5, 50, 3, 7);
    try (TrainingData<?> train = cache(TRAIN, XOR_NET);
        TrainingData<?> validation = cache(VALIDATION, XOR_NET)) {
      TrainingResult result = new SyncSgdTrainer(config).fit(train, validation, m -> {});

      assertEquals(3, result.history().size());
      result.history().forEach(epoch -> assertNotNull(epoch.validation()));
      result
          .history()
          .forEach(
              epoch ->
                  assertTrue(
                      epoch.stepSeconds() > 0 && epoch.stepSeconds() < epoch.seconds(),
                      "the steps' time leaves the validation out: " + epoch));
      Metrics last = result.history().get(2).validation();
      Metrics direct =
          Metrics.of(
              DistributedGradient.evaluate(validation, XOR_NET, result.parameters(), 2), XOR_NET);
      assertEquals(direct, last);
      assertEquals(200, last.examples());
      assertEquals(3, result.keptEpoch());
    }
  }

  @Test
  void earlyStoppingStopsWhenValidationGetsWorseAndRestoresTheBestEpoch() {
    // validation rows with every label flipped: the better the net learns XOR, the worse they get
    List<Example> flipped =
        VALIDATION.stream()
            .map(e -> Example.labeled(e.features().toArray(), 1 - (int) e.target()[0]))
            .toList();
    TrainingConfig stopping = withEarlyStopping(Training.config(XOR_NET, 0.5, 50, 20, 7), 2);
    try (TrainingData<?> train = cache(TRAIN, XOR_NET);
        TrainingData<?> validation = cache(flipped, XOR_NET)) {
      TrainingResult result = new SyncSgdTrainer(stopping).fit(train, validation, m -> {});

      assertTrue(result.stoppedEarly());
      int kept = result.keptEpoch();
      assertEquals(kept + 2, result.history().size(), "stopped after 2 epochs of patience");
      double keptLoss = result.history().get(kept - 1).validation().loss();
      result.history().forEach(epoch -> assertTrue(epoch.validation().loss() >= keptLoss));

      TrainingResult shorter =
          new SyncSgdTrainer(Training.config(XOR_NET, 0.5, 50, kept, 7)).fit(train, m -> {});
      assertArrayEquals(shorter.parameters(), result.parameters(), "the kept epoch's weights");
    }
  }

  @Test
  void earlyStoppingWithoutValidationDataIsRefused() {
    TrainingConfig stopping = withEarlyStopping(Training.config(XOR_NET, 0.5, 50, 2, 7), 1);
    try (TrainingData<?> train = cache(TRAIN, XOR_NET)) {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () -> new SyncSgdTrainer(stopping).fit(train, m -> {}));
      assertTrue(error.getMessage().contains("no validation data"), error.getMessage());
    }
  }

  @Test
  void diagnosticsCountTheSameAsASingleMachinePass() {
    Topology sigmoidNet =
        Topology.uniform(
            new int[] {2, 16, 16, 1},
            new Activation.Sigmoid(),
            OutputLoss.of("sigmoid", "cross_entropy"));
    double[] parameters = Initializer.UNIFORM.initialize(sigmoidNet, 3, 0);
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] *= 20; // large weights push sigmoid units into their flat ends
    }
    try (TrainingData<?> data = cache(TRAIN, sigmoidNet)) {
      ActivationStats distributed = DistributedGradient.activity(data, sigmoidNet, parameters, 2);

      ActivationStats local = new ActivationStats(sigmoidNet);
      Workspace<double[]> ws = Workspace.float64(sigmoidNet, TRAIN.size());
      double[] x = new double[2 * TRAIN.size()];
      for (int i = 0; i < TRAIN.size(); i++) {
        System.arraycopy(TRAIN.get(i).features().toArray(), 0, x, 2 * i, 2);
      }
      Backprop.forward(
          sigmoidNet, parameters, Matrix.of(x, 0, sigmoidNet.inputs(), TRAIN.size()), ws);
      local.add(ws, TRAIN.size());

      for (int l = 0; l < 2; l++) {
        assertEquals(local.saturatedFraction(l), distributed.saturatedFraction(l));
      }
      assertTrue(distributed.saturatedFraction(1) > 0.5, "" + distributed.saturatedFraction(1));
    }
  }

  @Test
  void diagnosticsAndGradientNormsAreReportedEachEpoch() {
    TrainingConfig plain = Training.config(XOR_NET, 0.5, 50, 2, 7);
    TrainingConfig diagnosed = plain.with(Settings.DIAGNOSTICS, true);
    try (TrainingData<?> train = cache(TRAIN, XOR_NET)) {
      TrainingResult without = new SyncSgdTrainer(plain).fit(train, m -> {});
      TrainingResult with = new SyncSgdTrainer(diagnosed).fit(train, m -> {});

      assertNull(without.history().get(0).activity());
      EpochMetrics epoch = with.history().get(1);
      assertTrue(epoch.activity().saturatedFraction(0) >= 0);
      assertEquals(2, epoch.gradientNorms().length);
      for (double norm : epoch.gradientNorms()) {
        assertTrue(norm > 0 && Double.isFinite(norm), "gradient norm " + norm);
      }
      assertArrayEquals(without.parameters(), with.parameters(), "diagnostics only observe");
    }
  }

  @Test
  void confusionCountsAddUpToTheEvaluation() {
    double[] parameters = Initializer.UNIFORM.initialize(XOR_NET, 5, 0);
    try (TrainingData<?> data = cache(TRAIN, XOR_NET)) {
      long[] confusion = DistributedGradient.confusion(data, XOR_NET, parameters, 2);
      Partial<?> evaluation = DistributedGradient.evaluate(data, XOR_NET, parameters, 2);

      assertEquals(TRAIN.size(), confusion[0] + confusion[1] + confusion[2] + confusion[3]);
      assertEquals(evaluation.correct(), confusion[0] + confusion[3]);
      long ones = TRAIN.stream().filter(e -> e.target()[0] == 1).count();
      assertEquals(ones, confusion[2] + confusion[3], "row 1 holds the true class-1 examples");
    }
  }

  private static TrainingConfig withEarlyStopping(TrainingConfig config, int patience) {
    return config.with(Settings.EARLY_STOPPING_PATIENCE, patience);
  }
}
