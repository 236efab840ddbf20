package io.sparkmlp.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * each partition holds the shards of one residue of s mod P, one subtree (one sum a partition, as
 * without shards); otherwise the runs' ends are rounded to multiples of a power of two, the one
 * that shares the shards most evenly while the step sends at most twice the sums it sent without
 * shards (counted as the tree collapses them, {@link #sumsSent}). treeAggregate's intermediate
 * merges group partition i with the others of its i mod m, so those partitions get neighbouring
 * runs, and their sums collapse there as well.
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
  private final int[] mergeLevels;
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
    this.mergeLevels = intermediateLevels(partitions, treeDepth);
    this.partitionOfShard = assign();
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

  /**
   * Runs of the bit-reversed order, their ends multiples of a power-of-two grain: of the grains
   * whose runs make the tasks send at most twice the sums of one leaf a partition (the bytes a step
   * sent before shards), the one with the most even runs.
   */
  private int[] assign() {
    int[] levels = mergeLevels;
    int[] byGroup =
        IntStream.range(0, partitions)
            .boxed()
            .sorted((a, b) -> Arrays.compare(groupKey(a, levels), groupKey(b, levels)))
            .mapToInt(Integer::intValue)
            .toArray();
    long bound = 2 * sumsSentWithoutShards();
    int[] best = null;
    int bestRun = Integer.MAX_VALUE;
    for (int grain = shards; grain >= 1; grain /= 2) {
      int[] ends = ends(grain);
      int largest = largestRun(ends);
      if (largest < bestRun) {
        int[] candidate = new int[shards];
        for (int run = 0; run < partitions; run++) {
          for (int position = ends[run]; position < ends[run + 1]; position++) {
            candidate[reversed(position)] = byGroup[run];
          }
        }
        if (best == null || sumsSent(candidate, levels) <= bound) {
          best = candidate;
          bestRun = largest;
        }
      }
    }
    return best;
  }

  /** How many sums the tasks of a step send with these shards. */
  long sumsSent() {
    return sumsSent(partitionOfShard, mergeLevels);
  }

  /** How many sums they sent before shards: one leaf a partition. */
  long sumsSentWithoutShards() {
    return sumsSent(IntStream.range(0, partitions).toArray(), mergeLevels);
  }

  /**
   * How many sums the tasks of a step send when leaf i of the tree is computed in partition
   * partitionOf[i]: each partition's collapsed subtrees, then each intermediate merge's, collapsed
   * as {@code train.GradientAggregate} collapses them.
   */
  private long sumsSent(int[] partitionOf, int[] levels) {
    int leaves = partitionOf.length;
    int leafLevel = 32 - Integer.numberOfLeadingZeros(leaves - 1);
    List<Set<Long>> nodes = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      nodes.add(new HashSet<>());
    }
    for (int leaf = 0; leaf < leaves; leaf++) {
      collapse(nodes.get(partitionOf[leaf]), leaves, leafLevel, leaf);
    }
    long sent = nodes.stream().mapToLong(Set::size).sum();
    for (int groups : levels) {
      List<Set<Long>> merged = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        merged.add(new HashSet<>());
      }
      for (int i = 0; i < nodes.size(); i++) {
        for (long node : nodes.get(i)) {
          collapse(merged.get(i % groups), leaves, (int) (node >>> 32), (int) node);
        }
      }
      sent += merged.stream().mapToLong(Set::size).sum();
      nodes = merged;
    }
    return sent;
  }

  /** Adds node (level, residue) to held, replacing each completed pair by its parent. */
  private static void collapse(Set<Long> held, int leaves, int level, int residue) {
    while (level > 0) {
      int half = 1 << (level - 1);
      int sibling = residue ^ half;
      if (sibling < leaves && !held.remove(((long) level << 32) | sibling)) {
        break;
      }
      level--;
      residue &= half - 1;
    }
    held.add(((long) level << 32) | residue);
  }

  /** Run r is positions [ends[r], ends[r + 1]) of the bit-reversed order. */
  private int[] ends(int grain) {
    int[] ends = new int[partitions + 1];
    for (int run = 0; run <= partitions; run++) {
      ends[run] = (int) Math.round((double) run * shards / partitions / grain) * grain;
    }
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
