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
import org.apache.spark.storage.BlockManager;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;

/** Failures inside Spark: retried ones change nothing, permanent ones stop with the step named. */
class FailureTest extends SparkTest {
  private static final Topology TOPOLOGY =
      Topology.uniform(
          new int[] {4, 6, 3}, new Activation.Tanh(), OutputLoss.of("softmax", "cross_entropy"));
  private static final List<Example> EXAMPLES = TestData.random(TOPOLOGY, 240, 5);

  /**
   * Broadcast weights still held at an epoch's end: the last step's and the evaluation's may not be
   * removed yet; a leak leaves the epoch's 10 steps' (Spark's own task binaries, which its
   * ContextCleaner frees only as they are collected, are byte arrays and not counted).
   */
  private static final int MOST_LIVE_WEIGHT_BROADCASTS = 3;

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
    try (TrainingData<?> data =
        TrainingData.cache(jsc().parallelize(EXAMPLES, 2), TOPOLOGY, "rows")) {
      TrainingResult result =
          new SyncSgdTrainer(config).fit(data, metrics -> liveBroadcasts.add(weightBroadcasts()));
      assertEquals(500, result.steps());
      assertEquals(persistedBefore + 1, jsc().getPersistentRDDs().size(), "only the cached data");
    }
    assertEquals(persistedBefore, jsc().getPersistentRDDs().size(), "close() unpersists it");
    // destroy() is asynchronous, so the last round's weights may linger an instant; a leak would
    // leave every step's until the garbage collector hands them to Spark's ContextCleaner
    int most = liveBroadcasts.stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertTrue(
        most <= MOST_LIVE_WEIGHT_BROADCASTS,
        "weight broadcasts alive at each epoch's end: " + liveBroadcasts);
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

  /** Broadcasts whose value the driver's memory store holds as a weight array. */
  private static int weightBroadcasts() {
    BlockManager blocks = SparkEnv.get().blockManager();
    Seq<BlockId> broadcasts =
        blocks.getMatchingBlockIds(
            new AbstractFunction1<BlockId, Object>() {
              @Override
              public Object apply(BlockId id) {
                return id.isBroadcast() && !id.name().contains("_piece"); // pieces are bytes
              }
            });
    int weights = 0;
    for (BlockId id : JavaConverters.seqAsJavaList(broadcasts)) {
      Option<? extends Iterator<?>> values = blocks.memoryStore().getValues(id);
      if (values.isDefined() && values.get().hasNext()) {
        Object value = values.get().next();
        if (value instanceof double[] || value instanceof float[]) {
          weights++;
        }
      }
    }
    return weights;
  }

  private static List<String> causes(Throwable error) {
    List<String> names = new ArrayList<>();
    for (Throwable t = error; t != null; t = t.getCause()) {
      names.add(t.getClass().getName());
    }
    return names;
  }
}
