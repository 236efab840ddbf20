package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.testing.SparkTest;
import io.sparkmlp.testing.TestData;
import io.sparkmlp.testing.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.storage.BlockId;
import org.junit.jupiter.api.Test;
import scala.runtime.AbstractFunction1;

/** Failures inside Spark: retried ones change nothing, permanent ones stop with the step named. */
class FailureTest extends SparkTest {
  private static final Topology TOPOLOGY =
      Topology.uniform(
          new int[] {4, 6, 3}, new Activation.Tanh(), OutputLoss.of("softmax", "cross_entropy"));
  private static final List<Example> EXAMPLES = TestData.random(TOPOLOGY, 240, 5);

  /** Far below the 500 a leak of one broadcast per step would leave. */
  private static final int MOST_LIVE_BROADCAST_BLOCKS = 100;

  private static final AtomicBoolean MERGE_FAILURE_ARMED = new AtomicBoolean();
  private static final AtomicInteger MERGE_FAILURES = new AtomicInteger();

  /** Allows 4 attempts per task: local[N] alone never retries. */
  @Override
  protected String master() {
    return "local[2,4]";
  }

  @Test
  void mergeFailingOnFirstAttemptWithEightPartitionsGivesBitwiseEqualWeights() {
    // 8 partitions, depth 2: treeAggregate merges in a shuffle stage before the driver's merge
    TrainingConfig config = Training.config(TOPOLOGY, 0.1, 40, 2, 3);
    double[] undisturbed =
        Training.run(jsc(), EXAMPLES, 8, config, TaskProbe.NONE).result().parameters();

    MERGE_FAILURE_ARMED.set(true);
    MERGE_FAILURES.set(0);
    TaskProbe failOnce = new FailFirstMergeOnce();
    double[] withRetry = Training.run(jsc(), EXAMPLES, 8, config, failOnce).result().parameters();

    assertEquals(
        1, MERGE_FAILURES.get(), "a merge inside an executor task should have failed once");
    assertArrayEquals(undisturbed, withRetry);
  }

  @Test
  void taskFailingOnEveryAttemptStopsWithTheStepAndKeepsTheCause() {
    TrainingConfig config = Training.config(TOPOLOGY, 0.1, 40, 3, 3);
    TaskProbe alwaysFails =
        (epoch, step, partition) -> {
          if (epoch == 1 && step == 2) {
            throw new IllegalArgumentException("disk on fire in partition " + partition);
          }
        };
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> Training.run(jsc(), EXAMPLES, 2, config, alwaysFails));

    assertTrue(
        error.getMessage().startsWith("step 3 of epoch 2 failed (no checkpoint was written): "),
        error.getMessage());
    assertTrue(error.getMessage().contains("disk on fire in partition"), error.getMessage());
    assertTrue(
        causes(error).stream().anyMatch(c -> c.contains("SparkException")),
        causes(error).toString());
  }

  @Test
  void fiveHundredStepsLeaveNoBroadcastsOrCachedDataBehind() {
    int persistedBefore = jsc().getPersistentRDDs().size();
    List<Integer> liveBroadcasts = new ArrayList<>();
    TrainingConfig config = Training.config(TOPOLOGY, 0.05, 24, 50, 3); // 10 steps x 50 epochs
    try (TrainingData data = TrainingData.cache(jsc().parallelize(EXAMPLES, 2), TOPOLOGY, "rows")) {
      TrainingResult result =
          new SyncSgdTrainer(config).fit(data, metrics -> liveBroadcasts.add(broadcastBlocks()));
      assertEquals(500, result.steps());
      assertEquals(persistedBefore + 1, jsc().getPersistentRDDs().size(), "only the cached data");
    }
    assertEquals(persistedBefore, jsc().getPersistentRDDs().size(), "close() unpersists it");
    // Spark's own task binaries are broadcasts too, freed by its ContextCleaner as they are
    // collected, so the count moves; a leak of the weights' broadcasts would add one per step
    int most = liveBroadcasts.stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertTrue(most < MOST_LIVE_BROADCAST_BLOCKS, "broadcast blocks per epoch: " + liveBroadcasts);
  }

  /** Fails the first merge that runs inside an executor task, once per arming. */
  private static final class FailFirstMergeOnce implements TaskProbe {
    @Override
    public void beforeGradient(int epoch, int step, int partition) {}

    @Override
    public void beforeMerge() {
      TaskContext task = TaskContext.get(); // null in the driver's final merge
      if (task != null && task.attemptNumber() == 0 && MERGE_FAILURE_ARMED.getAndSet(false)) {
        MERGE_FAILURES.incrementAndGet();
        throw new IllegalStateException("injected failure in a merge task");
      }
    }
  }

  /** Broadcast blocks the driver's block manager holds now. */
  private static int broadcastBlocks() {
    return SparkEnv.get()
        .blockManager()
        .getMatchingBlockIds(
            new AbstractFunction1<BlockId, Object>() {
              @Override
              public Object apply(BlockId id) {
                return id.isBroadcast();
              }
            })
        .size();
  }

  private static List<String> causes(Throwable error) {
    List<String> names = new ArrayList<>();
    for (Throwable t = error; t != null; t = t.getCause()) {
      names.add(t.getClass().getName());
    }
    return names;
  }
}
