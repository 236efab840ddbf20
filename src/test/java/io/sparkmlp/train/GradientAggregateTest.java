package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.nn.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The aggregate's total has the same bits whatever order partials are added and merged in. */
class GradientAggregateTest {
  private static final int LENGTH = 64;
  private static final int TRIALS = 300;

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {2, 3, 7, 8, 13})
  void totalDoesNotDependOnMergeOrder(int partitions) {
    SplittableRandom random = new SplittableRandom(partitions);
    List<Partial<double[]>> partials = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      partials.add(partialWithSpreadMagnitudes(random));
    }
    GradientAggregate<double[]> inOrder = GradientAggregate.empty(partitions);
    for (int p = 0; p < partitions; p++) {
      inOrder.add(p, copy(partials.get(p)));
    }
    Partial<double[]> reference = inOrder.total();

    Set<String> naiveSums = new HashSet<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Integer> order = shuffled(partitions, random);
      double[] naive = new double[LENGTH];
      for (int p : order) {
        for (int i = 0; i < LENGTH; i++) {
          naive[i] += partials.get(p).gradient[i];
        }
      }
      naiveSums.add(Arrays.toString(naive));

      List<GradientAggregate<double[]>> pending = new ArrayList<>();
      for (int p : order) {
        pending.add(GradientAggregate.<double[]>empty(partitions).add(p, copy(partials.get(p))));
      }
      while (pending.size() > 1) {
        GradientAggregate<double[]> a = pending.remove(random.nextInt(pending.size()));
        GradientAggregate<double[]> b = pending.remove(random.nextInt(pending.size()));
        pending.add(a.merge(b));
      }
      Partial<double[]> total = pending.get(0).total();
      assertArrayEquals(reference.gradient, total.gradient, "trial " + trial + " order " + order);
      assertEquals(
          Double.doubleToLongBits(reference.lossSum), Double.doubleToLongBits(total.lossSum));
      assertEquals(reference.count, total.count);
    }
    if (partitions >= 3) {
      assertTrue(
          naiveSums.size() > 1,
          "the data should make plain left-to-right sums depend on order, or the test proves nothing");
    }
  }

  @Test
  void incompleteAggregateIsRejected() {
    GradientAggregate<double[]> aggregate =
        GradientAggregate.<double[]>empty(3).add(0, new Partial<>());
    assertThrows(IllegalStateException.class, aggregate::total);
  }

  @Test
  void partitionAddedTwiceIsRejected() {
    GradientAggregate<double[]> aggregate =
        GradientAggregate.<double[]>empty(4).add(1, new Partial<>());
    assertThrows(IllegalStateException.class, () -> aggregate.add(1, new Partial<>()));
  }

  /** Values from 1e-8 to 1e8 with both signs, so rounding depends on the order of additions. */
  private static Partial<double[]> partialWithSpreadMagnitudes(SplittableRandom random) {
    Partial<double[]> partial = new Partial<>(Kernels.FLOAT64, LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      partial.gradient[i] =
          (random.nextBoolean() ? 1 : -1)
              * random.nextDouble()
              * Math.pow(10, random.nextInt(-8, 9));
    }
    partial.lossSum = random.nextDouble() * Math.pow(10, random.nextInt(-8, 9));
    partial.count = random.nextInt(100);
    return partial;
  }

  private static Partial<double[]> copy(Partial<double[]> partial) {
    return new Partial<double[]>().plus(partial);
  }

  private static List<Integer> shuffled(int n, SplittableRandom random) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      order.set(i, order.set(j, order.get(i)));
    }
    return order;
  }
}
