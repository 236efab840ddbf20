package io.sparkmlp.train;

import io.sparkmlp.data.BlockPacker;
import io.sparkmlp.data.Example;
import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Topology;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * A dataset cached on the executors as packed blocks, one {@link PartitionBlocks} per partition;
 * rows are checked and packed once, when the cache is built. Close it to unpersist.
 */
public final class TrainingData implements AutoCloseable {
  private final JavaRDD<PartitionBlocks> blocks;
  private final long count;

  private TrainingData(JavaRDD<PartitionBlocks> blocks, long count) {
    this.blocks = blocks;
    this.count = count;
  }

  /**
   * Packs, checks and caches {@code examples} for {@code topology}, and counts them.
   *
   * @param name how error messages name this dataset, e.g. "training data"
   * @throws InvalidInputException if a row does not fit the network or there are no rows
   */
  public static TrainingData cache(JavaRDD<Example> examples, Topology topology, String name) {
    return cache(examples, topology, name, Precision.FLOAT64);
  }

  /**
   * {@link #cache(JavaRDD, Topology, String)} with the features stored in {@code precision}:
   * float32 halves the cache and the bytes float32 steps read; double is kept for float64 runs.
   *
   * @throws InvalidInputException also for a float32 cache of a feature beyond float's range
   */
  public static TrainingData cache(
      JavaRDD<Example> examples, Topology topology, String name, Precision precision) {
    JavaRDD<PartitionBlocks> blocks =
        examples
            .mapPartitionsWithIndex(
                new BlockPacker(topology, BlockPacker.DEFAULT_BLOCK_ROWS, precision), true)
            .setName("spark-mlp " + name + " blocks")
            .persist(StorageLevel.MEMORY_AND_DISK());
    long count;
    try {
      count = blocks.map(part -> (long) part.count()).reduce(Long::sum);
    } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
      blocks.unpersist(false);
      // Spark wraps task failures; a bad row should reach the user as its own one-line message
      throw InvalidInputException.fromReadFailure(name, e);
    }
    if (count == 0) {
      blocks.unpersist(false);
      throw new InvalidInputException("the " + name + " is empty: no rows to train on");
    }
    return new TrainingData(blocks, count);
  }

  public JavaRDD<PartitionBlocks> blocks() {
    return blocks;
  }

  public long count() {
    return count;
  }

  public int partitions() {
    return blocks.getNumPartitions();
  }

  @Override
  public void close() {
    blocks.unpersist(false);
  }
}
