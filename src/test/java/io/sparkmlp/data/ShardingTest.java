package io.sparkmlp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which shard a row is in, and how the shards are spread over partitions. */
class ShardingTest {
  @Test
  void theAutomaticCountLeavesEachShareAtLeast64RowsAndBoundsTheSums() {
    long mnist = 784 * 256 + 256 + 256 * 10 + 10;
    assertEquals(64, Sharding.automatic(4096, mnist));
    assertEquals(2, Sharding.automatic(128, mnist));
    assertEquals(4, Sharding.automatic(500, mnist));
    assertEquals(1, Sharding.automatic(50, mnist));
    assertEquals(Sharding.MAX_AUTOMATIC_SHARDS, Sharding.automatic(1_000_000, 100));
    long text = (1L << 18) * 256 + 256 + 256 * 20 + 20;
    assertEquals(2, Sharding.automatic(20_000, text), "a 67-million-weight model");
    assertEquals(1, Sharding.automatic(20_000, Sharding.MAX_SUMMED_ENTRIES));
  }

  @ParameterizedTest(name = "{0} shards")
  @ValueSource(ints = {1, 16, 64, 256})
  void everyShardIsInOnePartitionAndAStepSendsAtMostTwiceTheSums(int shards) {
    for (int partitions = 1; partitions <= 12; partitions++) {
      Sharding sharding = new Sharding(shards, partitions, 2);
      assertEquals(partitions, sharding.numPartitions());
      List<Integer> seen = new ArrayList<>();
      int largest = 0;
      for (int p = 0; p < partitions; p++) {
        int[] held = sharding.shardsOf(p);
        largest = Math.max(largest, held.length);
        for (int shard : held) {
          seen.add(shard);
          assertEquals(p, sharding.getPartition((long) shard + 7L * shards), "a row of " + shard);
        }
      }
      assertEquals(shards, seen.size(), partitions + " partitions");
      assertEquals(shards, seen.stream().distinct().count(), partitions + " partitions");
      long before = sharding.sumsSentWithoutShards();
      assertTrue(
          sharding.sumsSent() <= 2 * before,
          partitions + " partitions send " + sharding.sumsSent() + " sums, " + before + " before");
      if (Integer.bitCount(partitions) == 1 && partitions <= shards) {
        assertEquals(before, sharding.sumsSent(), partitions + " partitions: one sum each");
        assertEquals(shards / partitions, largest, partitions + " partitions: an equal share");
      }
    }
  }

  @Test
  void threePartitionsOf64ShardsSendTwoSumsEachWithinAnEighthOfAnEqualShare() {
    Sharding sharding = new Sharding(64, 3, 2);
    assertEquals(3, sharding.sumsSentWithoutShards());
    assertEquals(6, sharding.sumsSent());
    for (int p = 0; p < 3; p++) {
      assertTrue(sharding.shardsOf(p).length <= 24, "an equal share is 21.3");
    }
  }

  @Test
  void aPowerOfTwoOfPartitionsHoldsOneSubtreeEach() {
    Sharding sharding = new Sharding(64, 8, 2);
    for (int p = 0; p < 8; p++) {
      int[] held = sharding.shardsOf(p);
      assertEquals(8, held.length);
      int lowBits = held[0] % 8;
      assertTrue(Arrays.stream(held).allMatch(s -> s % 8 == lowBits), Arrays.toString(held));
    }
  }

  @Test
  void rowsSortByShardInTheirPartitionsOrderThenByPosition() {
    Sharding sharding = new Sharding(4, 1, 2);
    List<Long> rows = new ArrayList<>(List.of(9L, 0L, 5L, 2L, 4L, 1L, 3L, 6L));
    rows.sort(sharding.rowOrder());
    // shards in bit-reversed order 0, 2, 1, 3: rows 0 4 | 2 6 | 1 5 9 | 3
    assertEquals(List.of(0L, 4L, 2L, 6L, 1L, 5L, 9L, 3L), rows);
    assertArrayEquals(new int[] {0, 2, 1, 3}, sharding.shardsOf(0));
  }

  @Test
  void aShardCountThatIsNotAPowerOfTwoIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Sharding(48, 2, 2));
    assertEquals(null, Sharding.problemWithShards(1 << 16));
    assertTrue(Sharding.problemWithShards(1 << 17).contains("power of two"));
  }
}
