package io.sparkmlp.train;

import static io.sparkmlp.nn.SplitMix.mix;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which examples each partition contributes to each step: a pure function of (seed, epoch, step,
 * partition) and the partition's size, so a retried task computes the same gradient.
 *
 * <p>An epoch has S = ceil(N / batchSize) steps. Each epoch, a partition of n examples shuffles its
 * local indices with a generator seeded from (seed, epoch, partition), and step s takes positions
 * [floor(s n / S), floor((s+1) n / S)) of that order. The steps of an epoch therefore visit every
 * example exactly once, and each step sees about batchSize examples spread over all partitions in
 * proportion to their sizes.
 */
public record MinibatchPlan(long seed, long totalExamples, int batchSize) implements Serializable {
  public MinibatchPlan {
    if (totalExamples < 1) {
      throw new IllegalArgumentException("need at least 1 example, got " + totalExamples);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }

  public int stepsPerEpoch() {
    return (int) ((totalExamples + batchSize - 1) / batchSize);
  }

  /** First position (inclusive) in the epoch's order that {@code step} takes from n examples. */
  public int shareStart(int step, int n) {
    return (int) ((long) step * n / stepsPerEpoch());
  }

  /** Last position (exclusive) in the epoch's order that {@code step} takes from n examples. */
  public int shareEnd(int step, int n) {
    return shareStart(step + 1, n);
  }

  /** A permutation of [0, n) for this epoch and partition (Fisher-Yates). */
  public int[] order(int epoch, int partition, int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(mix(mix(mix(seed) ^ epoch) ^ partition));
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
