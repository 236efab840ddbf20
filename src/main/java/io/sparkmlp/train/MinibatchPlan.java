package io.sparkmlp.train;

import static io.sparkmlp.nn.SplitMix.mix;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which examples each {@link io.sparkmlp.data.Sharding shard} contributes to each step: a pure
 * function of (seed, epoch, step, shard) and the shard's size, so neither a retried task nor
 * another partitioning changes a gradient.
 *
 * <p>An epoch has S = ceil(N / batchSize) steps. Each epoch, shard v of n examples shuffles its
 * local indices with a generator seeded from (seed, epoch, v), and step s takes positions [floor((s
 * n + p) / S), floor(((s+1) n + p) / S)) of that order, where the phase p = floor(v S / shards) is
 * in [0, S). The steps of an epoch therefore visit every example exactly once, and each step sees
 * about batchSize examples spread over all shards in proportion to their sizes. The phases matter
 * when shards hold fewer rows than an epoch has steps: without them every shard would give its rows
 * to the same steps and leave the others empty.
 */
public record MinibatchPlan(long seed, long totalExamples, int batchSize, int shards)
    implements Serializable {
  public MinibatchPlan {
    if (totalExamples < 1) {
      throw new IllegalArgumentException("need at least 1 example, got " + totalExamples);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (shards < 1) {
      throw new IllegalArgumentException("need at least 1 shard, got " + shards);
    }
  }

  public int stepsPerEpoch() {
    return (int) ((totalExamples + batchSize - 1) / batchSize);
  }

  /** First position (inclusive) in the epoch's order that {@code step} takes from shard's n. */
  public int shareStart(int step, int shard, int n) {
    long steps = stepsPerEpoch();
    long phase = shard * steps / shards;
    return (int) ((step * (long) n + phase) / steps);
  }

  /** Last position (exclusive) in the epoch's order that {@code step} takes from shard's n. */
  public int shareEnd(int step, int shard, int n) {
    return shareStart(step + 1, shard, n);
  }

  /** A permutation of [0, n) for this epoch and shard (Fisher-Yates). */
  public int[] order(int epoch, int shard, int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(mix(mix(mix(seed) ^ epoch) ^ shard));
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
