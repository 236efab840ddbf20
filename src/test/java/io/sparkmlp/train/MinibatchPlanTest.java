package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each epoch takes every row of every shard once, in steps of about the batch size. */
class MinibatchPlanTest {
  @ParameterizedTest(name = "{0} rows, batch {1}, {2} shards")
  @CsvSource({"320, 32, 64", "60000, 4096, 64", "1000, 50, 16", "7, 2, 64", "100, 100, 1"})
  void everyRowOnceAndEveryStepNearTheBatchSize(int rows, int batch, int shards) {
    MinibatchPlan plan = new MinibatchPlan(1, rows, batch, shards);
    int steps = plan.stepsPerEpoch();
    int[] taken = new int[steps];
    for (int shard = 0; shard < shards; shard++) {
      int n = rows / shards + (shard < rows % shards ? 1 : 0);
      assertEquals(0, plan.shareStart(0, shard, n));
      assertEquals(n, plan.shareEnd(steps - 1, shard, n), "the last step ends the shard");
      for (int step = 0; step < steps; step++) {
        int from = plan.shareStart(step, shard, n);
        int to = plan.shareEnd(step, shard, n);
        assertTrue(from <= to);
        taken[step] += to - from;
      }
    }
    int total = 0;
    for (int step = 0; step < steps; step++) {
      total += taken[step];
      double share = (double) rows / steps;
      // each shard's share is within one row of n / steps, and the phases spread the rounding
      assertTrue(
          Math.abs(taken[step] - share) <= Math.max(1, Math.sqrt(shards)) + 1,
          "step " + step + " takes " + taken[step] + " rows, about " + share + " expected");
    }
    assertEquals(rows, total);
  }
}
