package io.sparkmlp.bench;

import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.train.EpochMetrics;
import io.sparkmlp.train.SyncSgdTrainer;
import io.sparkmlp.train.TrainingConfig;
import io.sparkmlp.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A long run: the toy problem trained for many small steps (one broadcast and one treeAggregate
 * each), with the driver's heap after a full GC, the broadcast blocks its block manager holds and
 * the cached RDDs sampled as it goes. Each must stay flat: a step that leaked its broadcast, or the
 * driver's update that kept a reference per step, would show as a climb.
 */
@Command(
    name = "submit/soak",
    mixinStandardHelpOptions = true,
    description = "Many steps; the driver's heap, broadcasts and cached RDDs must stay flat.")
public final class Soak implements Callable<Integer> {
  private static final int EXAMPLES = 2000;
  private static final int BATCH = 20;

  /** The driver's block manager holds a broadcast as its value and its one serialized piece. */
  private static final int BLOCKS_PER_BROADCAST = 2;

  @Option(names = "--steps", description = "steps to train (default ${DEFAULT-VALUE})")
  private int steps = 10_000;

  @Option(
      names = "--max-heap-growth-mb",
      description =
          "exit 1 if the heap after GC grows more than this from the first sample (default"
              + " ${DEFAULT-VALUE})")
  private double maxHeapGrowthMb = 16;

  /** One sample: after this many steps, these figures. */
  private record Sample(long steps, double heapMb, int broadcastBlocks, int cachedRdds) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new Soak()).execute(args));
  }

  @Override
  public Integer call() {
    SparkSession spark = SparkSession.builder().appName("spark-mlp soak").getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Topology topology =
          Topology.uniform(
              new int[] {2, 8, 1},
              new Activation.Tanh(),
              OutputLoss.of("sigmoid", "cross_entropy"));
      int stepsPerEpoch = EXAMPLES / BATCH;
      int epochs = Math.max(1, steps / stepsPerEpoch);
      int sampleEvery = Math.max(1, epochs / 20);
      TrainingConfig config =
          TrainingConfig.defaults(topology)
              .with(Settings.BATCH_SIZE, BATCH)
              .with(Settings.EPOCHS, epochs)
              .with(Settings.LEARNING_RATE, 0.05);
      List<Sample> samples = new ArrayList<>();
      System.out.printf(
          "soak: %s, %d steps (%d epochs of %d), master %s%n",
          topology, (long) epochs * stepsPerEpoch, epochs, stepsPerEpoch, jsc.master());
      long start = System.nanoTime();
      try (TrainingData<?> data =
          TrainingData.cache(
              jsc.parallelize(SyntheticData.XOR.generate(EXAMPLES, 1), jsc.defaultParallelism()),
              topology,
              "soak rows")) {
        new SyncSgdTrainer(config)
            .fit(
                data,
                (EpochMetrics metrics) -> {
                  if (metrics.epoch() % sampleEvery == 0) {
                    Sample sample = sample(jsc, metrics.steps());
                    samples.add(sample);
                    System.out.printf(
                        "soak: after %6d steps: driver heap %.1f MB after GC, %d broadcast"
                            + " blocks, %d cached RDDs, %.1f ms a step so far%n",
                        sample.steps(),
                        sample.heapMb(),
                        sample.broadcastBlocks(),
                        sample.cachedRdds(),
                        (System.nanoTime() - start) / 1e6 / metrics.steps());
                  }
                });
      }
      return verdict(samples);
    } finally {
      spark.stop();
    }
  }

  /** 0 when no sample is above the first by more than the allowed growth or slack. */
  private int verdict(List<Sample> samples) {
    Sample first = samples.get(0);
    Sample highest =
        samples.stream().max((a, b) -> Double.compare(a.heapMb(), b.heapMb())).orElseThrow();
    int mostBroadcasts = samples.stream().mapToInt(Sample::broadcastBlocks).max().orElseThrow();
    int mostCached = samples.stream().mapToInt(Sample::cachedRdds).max().orElseThrow();
    System.out.printf(
        "soak: heap %.1f MB at the first sample, %.1f MB at most (growth %.1f MB, limit %.1f);"
            + " broadcast blocks %d first, %d at most; cached RDDs %d first, %d at most%n",
        first.heapMb(),
        highest.heapMb(),
        highest.heapMb() - first.heapMb(),
        maxHeapGrowthMb,
        first.broadcastBlocks(),
        mostBroadcasts,
        first.cachedRdds(),
        mostCached);
    List<String> failures = new ArrayList<>();
    if (highest.heapMb() - first.heapMb() > maxHeapGrowthMb) {
      failures.add("the driver's heap grew by more than " + maxHeapGrowthMb + " MB");
    }
    // removal is asynchronous, so a sample may still see the last step's one or two
    if (mostBroadcasts > first.broadcastBlocks() + 2 * BLOCKS_PER_BROADCAST) {
      failures.add("broadcast blocks piled up");
    }
    if (mostCached > first.cachedRdds()) {
      failures.add("cached RDDs piled up");
    }
    failures.forEach(failure -> System.out.println("spark-mlp soak: FAILED: " + failure));
    return failures.isEmpty() ? 0 : 1;
  }

  /** The figures after a full GC and Spark's cleaner ({@link #settledBroadcastBlocks}). */
  private static Sample sample(JavaSparkContext jsc, long steps) {
    int broadcasts = settledBroadcastBlocks();
    Runtime runtime = Runtime.getRuntime();
    double heapMb = (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0;
    return new Sample(steps, heapMb, broadcasts, jsc.getPersistentRDDs().size());
  }

  /**
   * The broadcast blocks the driver's block manager holds once Spark's cleaner has removed those
   * nothing refers to any more (each job's task binary, a transform's model: released at GC): a
   * full GC, then the count when it has held still for 0.3 s, or after 3 s.
   */
  public static int settledBroadcastBlocks() {
    int broadcasts = -1;
    int still = 0;
    for (int round = 0; round < 30 && still < 3; round++) {
      System.gc();
      sleep(100);
      int now = broadcastBlocks();
      still = now == broadcasts ? still + 1 : 0;
      broadcasts = now;
    }
    return broadcasts;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Spark's cleaner", e);
    }
  }

  private static int broadcastBlocks() {
    return SparkEnv.get()
        .blockManager()
        .getMatchingBlockIds(
            new scala.runtime.AbstractFunction1<BlockId, Object>() {
              @Override
              public Object apply(BlockId id) {
                return id.isBroadcast();
              }
            })
        .length();
  }
}
