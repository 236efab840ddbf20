package io.sparkmlp.train;

import io.sparkmlp.data.BlockPacker;
import io.sparkmlp.data.Example;
import io.sparkmlp.data.FeatureLayout;
import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.data.Sharding;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Kernels;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A dataset cached on the executors as packed blocks, one {@link PartitionBlocks} per partition, in
 * one precision, its rows in the {@link Sharding shards} their positions in the data put them in;
 * rows are checked and packed once, when the cache is built. Close it to unpersist.
 *
 * @param <A> the array type of the features
 */
public final class TrainingData<A> implements AutoCloseable {
  /** The shards of the overloads without a {@link Sharding}: enough for 64 partitions. */
  private static final int CONVENIENCE_SHARDS = 64;

  private final Kernel<A> kernel;
  private final FeatureLayout layout;
  private final Sharding sharding;
  private final StorageLevel storage;
  private final JavaRDD<PartitionBlocks<A>> blocks;
  private final long count;

  private TrainingData(
      Kernel<A> kernel,
      FeatureLayout layout,
      Sharding sharding,
      StorageLevel storage,
      JavaRDD<PartitionBlocks<A>> blocks,
      long count) {
    this.kernel = kernel;
    this.layout = layout;
    this.sharding = sharding;
    this.storage = storage;
    this.blocks = blocks;
    this.count = count;
  }

  /**
   * {@link #cache(JavaRDD, Topology, String, Kernel, FeatureLayout, Sharding, StorageLevel)} in
   * double, laid out AUTO, in 64 shards over as many partitions as examples has, in memory and on
   * disk.
   */
  public static TrainingData<double[]> cache(
      JavaRDD<Example> examples, Topology topology, String name) {
    return cache(
        examples,
        topology,
        name,
        Kernels.FLOAT64,
        FeatureLayout.AUTO,
        defaultSharding(examples),
        StorageLevel.MEMORY_AND_DISK());
  }

  /** In precision's kernel, 64 shards over examples' partitions, in memory and on disk. */
  public static TrainingData<?> cache(
      JavaRDD<Example> examples,
      Topology topology,
      String name,
      Precision precision,
      FeatureLayout layout) {
    return cache(
        examples,
        topology,
        name,
        precision.kernel(),
        layout,
        defaultSharding(examples),
        StorageLevel.MEMORY_AND_DISK());
  }

  /** {@link #CONVENIENCE_SHARDS} shards over examples' partitions. */
  private static Sharding defaultSharding(JavaRDD<Example> examples) {
    return new Sharding(
        CONVENIENCE_SHARDS, examples.getNumPartitions(), Settings.TREE_DEPTH.defaultValue());
  }

  /**
   * {@link #cache(JavaRDD, Topology, String, Kernel, FeatureLayout, Sharding, StorageLevel)} in
   * precision's kernel.
   */
  public static TrainingData<?> cache(
      JavaRDD<Example> examples,
      Topology topology,
      String name,
      Precision precision,
      FeatureLayout layout,
      Sharding sharding,
      StorageLevel storage) {
    return cache(examples, topology, name, precision.kernel(), layout, sharding, storage);
  }

  /**
   * Packs, checks and caches {@code examples} for {@code topology}, with the features stored in
   * {@code kernel}'s precision (float32 halves the cache and the bytes float32 steps read) and in
   * {@code layout} (AUTO: as the first rows' density calls for), and counts them. Row i of examples
   * (in its partitions' order) goes to the shard {@code sharding} gives it, in the partition that
   * holds that shard: one shuffle, when the cache is built. The blocks are kept at {@code storage}.
   *
   * @param name how error messages name this dataset, e.g. "training data"
   * @throws InvalidInputException if a row does not fit the network or the precision, or there are
   *     no rows
   */
  public static <A> TrainingData<A> cache(
      JavaRDD<Example> examples,
      Topology topology,
      String name,
      Kernel<A> kernel,
      FeatureLayout layout,
      Sharding sharding,
      StorageLevel storage) {
    FeatureLayout packed;
    try {
      packed = layout.resolve(examples);
    } catch (Exception e) { // as below: a bad row of the sample reaches the user as itself
      throw InvalidInputException.fromReadFailure(name, e);
    }
    JavaRDD<PartitionBlocks<A>> blocks =
        examples
            .zipWithIndex()
            .mapToPair(Tuple2::swap)
            .repartitionAndSortWithinPartitions(sharding, sharding.rowOrder())
            .mapPartitionsWithIndex(
                new BlockPacker<>(
                    topology, BlockPacker.DEFAULT_BLOCK_ROWS, kernel, packed, sharding),
                true)
            .setName("spark-mlp " + name + " blocks")
            .persist(storage);
    long count;
    long weighted;
    try {
      long[] counts =
          blocks
              .map(part -> new long[] {part.count(), part.weighted()})
              .reduce((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
      count = counts[0];
      weighted = counts[1];
    } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
      blocks.unpersist(false);
      // Spark wraps task failures; a bad row should reach the user as its own one-line message
      throw InvalidInputException.fromReadFailure(name, e);
    }
    if (count == 0) {
      blocks.unpersist(false);
      throw new InvalidInputException("the " + name + " is empty: no rows to train on");
    }
    if (weighted == 0) {
      blocks.unpersist(false);
      throw new InvalidInputException(
          "every row of the " + name + " has weight 0: there is nothing to learn from");
    }
    return new TrainingData<>(kernel, packed, sharding, storage, blocks, count);
  }

  public Kernel<A> kernel() {
    return kernel;
  }

  /** How the blocks store the features: DENSE or SPARSE. */
  public FeatureLayout layout() {
    return layout;
  }

  /** The shards the rows are in, and which partition holds each. */
  public Sharding sharding() {
    return sharding;
  }

  /** Where the executors keep the blocks. */
  public StorageLevel storage() {
    return storage;
  }

  /** Bytes of the cached blocks the executors hold in memory and on local disk. */
  public record StoredBytes(long memory, long disk) {
    public long total() {
      return memory + disk;
    }
  }

  /** Where the cached blocks are now, as Spark's storage status tells. */
  public StoredBytes stored() {
    for (RDDInfo info : blocks.context().getRDDStorageInfo()) {
      if (info.id() == blocks.id()) {
        return new StoredBytes(info.memSize(), info.diskSize());
      }
    }
    return new StoredBytes(0, 0);
  }

  public JavaRDD<PartitionBlocks<A>> blocks() {
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
