package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.optim.LearningRateSchedule;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.Training;
import org.junit.jupiter.api.Test;

/** The lecture's problems, learned end to end through Spark. */
class LearningTest extends SparkTest {
  private static final OutputLoss SIGMOID = OutputLoss.of("sigmoid", "cross_entropy");

  @Test
  void logisticRegressionCannotSeparateTheToyProblem() {
    Topology noHiddenLayer = Topology.uniform(new int[] {2, 1}, new Activation.Tanh(), SIGMOID);
    Metrics metrics = train(SyntheticData.XOR, noHiddenLayer, 0.5, 20);
    System.out.println("logistic regression on xor: " + metrics);
    assertTrue(metrics.accuracy() < 0.75, "accuracy " + metrics.accuracy());
  }

  @Test
  void oneTanhHiddenLayerSeparatesTheToyProblem() {
    Topology tanh = Topology.uniform(new int[] {2, 8, 1}, new Activation.Tanh(), SIGMOID);
    Metrics metrics = train(SyntheticData.XOR, tanh, 0.5, 20);
    System.out.println("tanh hidden layer on xor: " + metrics);
    assertTrue(metrics.accuracy() >= 0.99, "accuracy " + metrics.accuracy());
  }

  @Test
  void float32StepsLearnTheToyProblemToo() {
    Topology relu = Topology.uniform(new int[] {2, 8, 1}, new Activation.Relu(), SIGMOID);
    TrainingConfig config =
        Training.config(relu, 0.5, 100, 5, 7).with(Settings.PRECISION, Precision.FLOAT32.label());
    Metrics metrics =
        Training.run(jsc(), SyntheticData.XOR.generate(1000, 1), 2, config, TaskProbe.NONE)
            .trainMetrics();
    System.out.println("relu hidden layer on xor, float32 steps: " + metrics);
    assertTrue(metrics.accuracy() >= 0.98, "accuracy " + metrics.accuracy());
  }

  @Test
  void sineIsLearnedByRegression() {
    Topology regression =
        Topology.uniform(
            new int[] {1, 16, 1},
            new Activation.Tanh(),
            OutputLoss.of("identity", "squared_error"));
    // cosine annealing from 0.3: at a constant rate the final RMSE is wherever the minibatch noise
    // has left the weights (0.030 to 0.064 for the same run with another seed or BLAS); annealed,
    // seeds 7 and 8 reach 0.0185 and 0.0178, and 0.5 diverges
    TrainingConfig config =
        Training.config(regression, 0.3, 32, 100, 7)
            .with(Settings.RELU_BIAS, 0.0)
            .with(Settings.SCHEDULE, LearningRateSchedule.COSINE.label());
    Metrics metrics =
        Training.run(jsc(), SyntheticData.SINE.generate(320, 1), 2, config, TaskProbe.NONE)
            .trainMetrics();
    System.out.println("sine regression: " + metrics);
    assertTrue(metrics.rmse() < 0.05, "rmse " + metrics.rmse());
  }

  private Metrics train(SyntheticData data, Topology topology, double learningRate, int epochs) {
    TrainingConfig config = Training.config(topology, learningRate, 50, epochs, 7);
    return Training.run(jsc(), data.generate(1000, 1), 2, config, TaskProbe.NONE).trainMetrics();
  }
}
