package io.sparkmlp.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.spark.Partitioner;

/**
 * Where rows live: a fixed number of virtual shards, independent of Spark's partitioning, and which
 * partition holds each shard.
 *
 * <p>Row i of the data (its position in the source) is in shard i mod shards. A model's bits depend
 * on the shards only (what a step takes from each one, and a fixed tree over shard indices that
 * adds their sums), so the same data and settings train the same model on any number of partitions,
 * executors or cores. The partitions only decide where each shard is computed.
 *
 * <p>The shards are added along the binary tree of {@code train.GradientAggregate}, which pairs
 * shard s with s + shards/2 first (low bits), so a subtree is a set of shards with the same low
 * bits, and in bit-reversed order every subtree is a run of consecutive shards. A partition gets
 * such a run, so it sends the driver the few subtree sums its run covers. With P a power of two
 * this is exactly shards = s mod P (one sum a partition, as without shards); otherwise the runs'
 * ends are rounded to multiples of the largest power of two that keeps every partition within 1/8
 * of an equal share (or of one shard). treeAggregate's intermediate merges group partition i with
 * the others of its i mod m, so those partitions get neighbouring runs, and their sums collapse
 * there as well.
 */
public final class Sharding extends Partitioner {
  private static final long serialVersionUID = 1L;

  /** Most shards: a step's share from each shard is batch size / shards rows. */
  public static final int MAX_SHARDS = 1 << 16;

  /**
   * The fewest rows {@link #automatic} gives a shard's share of a step: each share's forward and
   * backward passes are GEMMs that many columns wide, and below some 64 they turn into
   * matrix-vector products that read every weight per few rows.
   */
  public static final int MIN_SHARE_ROWS = 64;

  /** The most shards {@link #automatic} picks. */
  public static final int MAX_AUTOMATIC_SHARDS = 256;

  /**
   * The most entries {@link #automatic} lets the shards' sums hold a step: each shard's sum is an
   * array of the model's size that the partitions add up, so a 67-million-weight text model gets 2
   * shards where its batch alone would ask for 256 (half a GiB of floats a step, not 64 GiB).
   */
  public static final long MAX_SUMMED_ENTRIES = 1L << 28;

  private final int shards;
  private final int bits;
  private final int partitions;
  private final int[] partitionOfShard;

  /**
   * @param shards a power of two, at most {@link #MAX_SHARDS}
   * @param partitions Spark partitions to spread the shards over
   * @param treeDepth the depth of the treeAggregate that adds the partitions' sums
   */
  public Sharding(int shards, int partitions, int treeDepth) {
    String problem = problemWithShards(shards);
    if (problem != null) {
      throw new IllegalArgumentException("shards " + shards + " " + problem);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("need at least 1 partition, got " + partitions);
    }
    this.shards = shards;
    this.bits = Integer.numberOfTrailingZeros(shards);
    this.partitions = partitions;
    this.partitionOfShard = assign(treeDepth);
  }

  /**
   * The shard count for a batch size and a model of {@code parameters} weights and biases: the
   * largest power of two that leaves each shard's share of a step at least {@link #MIN_SHARE_ROWS}
   * rows and the shards' sums at most {@link #MAX_SUMMED_ENTRIES} entries, from 1 to {@link
   * #MAX_AUTOMATIC_SHARDS}: 64 for MNIST's 784-256-10 at 4,096, 2 at 128. At most that many
   * partitions compute at once: a batch that small gives no more work to share.
   */
  public static int automatic(int batchSize, long parameters) {
    long bySums = Math.max(1, MAX_SUMMED_ENTRIES / Math.max(1, parameters));
    long byRows = Math.max(1, batchSize / MIN_SHARE_ROWS);
    return Math.min(MAX_AUTOMATIC_SHARDS, (int) Long.highestOneBit(Math.min(bySums, byRows)));
  }

  /** One shard in one partition: rows packed in one place, as a benchmark or a test does. */
  public static Sharding single() {
    return new Sharding(1, 1, 1);
  }

  /** What is wrong with {@code shards} as a shard count, or null. */
  public static String problemWithShards(int shards) {
    return shards >= 1 && shards <= MAX_SHARDS && Integer.bitCount(shards) == 1
        ? null
        : "must be a power of two in [1, " + MAX_SHARDS + "]";
  }

  public int shards() {
    return shards;
  }

  /** The shard of the row at position {@code row} of the data. */
  public int shardOf(long row) {
    return (int) (row & (shards - 1));
  }

  /** The shards partition holds, in bit-reversed order (each subtree's shards together). */
  public int[] shardsOf(int partition) {
    return IntStream.range(0, shards)
        .map(this::reversed)
        .filter(shard -> partitionOfShard[shard] == partition)
        .toArray();
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object row) {
    return partitionOfShard[shardOf((Long) row)];
  }

  /** Rows by shard in {@link #shardsOf} order, and by position within a shard. */
  public Comparator<Long> rowOrder() {
    return (Comparator<Long> & Serializable)
        (a, b) -> {
          int byShard = Integer.compare(reversed(shardOf(a)), reversed(shardOf(b)));
          return byShard != 0 ? byShard : Long.compare(a, b);
        };
  }

  /** shard with its low {@code bits} bits in reverse order; an involution. */
  private int reversed(int shard) {
    return bits == 0 ? 0 : Integer.reverse(shard) >>> (32 - bits);
  }

  private int[] assign(int treeDepth) {
    int[] levels = intermediateLevels(partitions, treeDepth);
    int[] byGroup =
        IntStream.range(0, partitions)
            .boxed()
            .sorted((a, b) -> Arrays.compare(groupKey(a, levels), groupKey(b, levels)))
            .mapToInt(Integer::intValue)
            .toArray();
    double share = (double) shards / partitions;
    int grain = shards;
    int[] ends = ends(grain);
    while (largestRun(ends) > Math.max(share * 9 / 8, Math.ceil(share)) && grain > 1) {
      grain /= 2;
      ends = ends(grain);
    }
    int[] partitionOf = new int[shards];
    for (int run = 0; run < partitions; run++) {
      for (int position = ends[run]; position < ends[run + 1]; position++) {
        partitionOf[reversed(position)] = byGroup[run];
      }
    }
    return partitionOf;
  }

  /** Run r is positions [ends[r], ends[r + 1]) of the bit-reversed order. */
  private int[] ends(int grain) {
    int[] ends = new int[partitions + 1];
    for (int run = 0; run <= partitions; run++) {
      ends[run] = (int) Math.round((double) run * shards / partitions / grain) * grain;
    }
    ends[partitions] = shards;
    return ends;
  }

  private static int largestRun(int[] ends) {
    int largest = 0;
    for (int run = 0; run + 1 < ends.length; run++) {
      largest = Math.max(largest, ends[run + 1] - ends[run]);
    }
    return largest;
  }

  /**
   * The partition counts of treeAggregate's intermediate merges (Spark's rule: scale = max(2,
   * ceil(P^(1 / depth))), and while P > scale + ceil(P / scale), P /= scale), in order.
   */
  private static int[] intermediateLevels(int partitions, int treeDepth) {
    int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / treeDepth)), 2);
    IntStream.Builder levels = IntStream.builder();
    int n = partitions;
    while (n > scale + Math.ceil((double) n / scale)) {
      n /= scale;
      levels.add(n);
    }
    return levels.build().toArray();
  }

  /**
   * Partition i's place in the merge: the index of its last merge group, then of the one before,
   * ..., then i; sorting by it puts each merge group's partitions next to each other.
   */
  private static int[] groupKey(int partition, int[] levels) {
    int[] key = new int[levels.length + 1];
    int index = partition;
    for (int level = 0; level < levels.length; level++) {
      index %= levels[level];
      key[levels.length - 1 - level] = index;
    }
    key[levels.length] = partition;
    return key;
  }
}
