package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.TestData;
import io.sparkmlp.testing.Training;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same seed, data and partitions give the same weights bit for bit, even through task retries, with
 * dropout too.
 */
class DeterminismTest extends SparkTest {
  private static final int PARTITIONS = 4;
  private static final Topology TOPOLOGY =
      Topology.uniform(
          new int[] {5, 12, 3}, new Activation.Relu(), OutputLoss.of("softmax", "cross_entropy"));
  private static final List<Example> EXAMPLES = TestData.random(TOPOLOGY, 400, 21);
  private static final TrainingConfig CONFIG = Training.config(TOPOLOGY, 0.1, 32, 2, 99);

  /** Failures injected by the probe; executors are threads of this JVM under local mode. */
  private static final AtomicInteger INJECTED = new AtomicInteger();

  /** Allows 4 attempts per task: local[N] alone never retries. */
  @Override
  protected String master() {
    return "local[2,4]";
  }

  @Test
  void twoRunsGiveBitwiseEqualWeights() {
    double[] first = train(TaskProbe.NONE);
    double[] second = train(TaskProbe.NONE);
    assertArrayEquals(first, second);
  }

  @Test
  void float32RunsGiveBitwiseEqualWeightsOfTheirOwn() {
    TrainingConfig float32 = CONFIG.with(Settings.PRECISION, Precision.FLOAT32.label());
    double[] first =
        Training.run(jsc(), EXAMPLES, PARTITIONS, float32, TaskProbe.NONE).result().parameters();
    double[] second =
        Training.run(jsc(), EXAMPLES, PARTITIONS, float32, TaskProbe.NONE).result().parameters();
    assertArrayEquals(first, second);
    assertFalse(
        Arrays.equals(first, train(TaskProbe.NONE)),
        "float32 steps gave float64's weights: they did not run in float");
  }

  @Test
  void taskFailingOnFirstAttemptGivesBitwiseEqualWeights() {
    assertRetryChangesNothing(CONFIG);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"float64", "float32"})
  void dropoutRunsRepeatBitForBitThroughATaskFailure(String precision) {
    TrainingConfig dropout =
        CONFIG.with(Settings.DROPOUT, new double[] {0.5}).with(Settings.PRECISION, precision);
    assertRetryChangesNothing(dropout);
    assertFalse(
        Arrays.equals(
            train(dropout, TaskProbe.NONE),
            train(dropout.with(Settings.DROPOUT, new double[] {0}), TaskProbe.NONE)),
        "dropout 0.5 gave the weights of no dropout");
  }

  private void assertRetryChangesNothing(TrainingConfig config) {
    double[] undisturbed = train(config, TaskProbe.NONE);
    INJECTED.set(0);
    double[] withRetry =
        train(
            config,
            (epoch, step, partition) -> {
              if (epoch == 1
                  && step == 3
                  && partition == 2
                  && TaskContext.get().attemptNumber() == 0) {
                INJECTED.incrementAndGet();
                throw new IllegalStateException("injected failure in the gradient task");
              }
            });
    assertEquals(1, INJECTED.get(), "the failure should have been injected once");
    assertArrayEquals(undisturbed, withRetry);
  }

  private double[] train(TaskProbe probe) {
    return train(CONFIG, probe);
  }

  private double[] train(TrainingConfig config, TaskProbe probe) {
    return Training.run(jsc(), EXAMPLES, PARTITIONS, config, probe).result().parameters();
  }
}
