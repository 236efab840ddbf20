package io.sparkmlp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Topology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packing rows into blocks of double or float features, and reading them back in any order. */
class BlockPackerTest {
  private static final Topology TOPOLOGY =
      Topology.uniform(
          new int[] {3, 4, 2}, new Activation.Relu(), OutputLoss.of("softmax", "cross_entropy"));
  private static final int ROWS = 7;

  @Test
  void float32BlocksHoldTheRoundedFeaturesAndGatherInAnyOrder() {
    List<Example> rows = rows();
    PartitionBlocks wide = pack(rows, Precision.FLOAT64);
    PartitionBlocks narrow = pack(rows, Precision.FLOAT32);
    assertEquals(2, narrow.blocks().size(), "7 rows in blocks of 4");
    for (Block block : narrow.blocks()) {
      assertNull(block.features());
      assertEquals(block.rows() * 3, block.features32().length);
    }
    int[] order = {6, 0, 5, 3};
    double[] fromWide = new double[3 * order.length];
    float[] fromNarrow = new float[3 * order.length];
    double[] widened = new double[3 * order.length];
    double[] targetsWide = new double[order.length];
    double[] targetsNarrow = new double[order.length];
    wide.gather(order, 0, order.length, fromWide, targetsWide);
    narrow.gather(order, 0, order.length, fromNarrow, targetsNarrow);
    narrow.gather(order, 0, order.length, widened, new double[order.length]);
    assertArrayEquals(targetsWide, targetsNarrow);
    for (int i = 0; i < fromWide.length; i++) {
      assertEquals((float) fromWide[i], fromNarrow[i]);
      assertEquals(fromNarrow[i], widened[i]);
    }
    double[] chunk = new double[3 * 2];
    narrow.blocks().get(1).copyFeatures(1, 2, chunk);
    assertArrayEquals(new double[] {fromNarrow[6], fromNarrow[7], fromNarrow[8]}, slice(chunk, 3));
  }

  @Test
  void float32RefusesAFeatureBeyondFloatRangeNamingTheRow() {
    List<Example> rows = new ArrayList<>(rows());
    rows.set(2, new Example(new double[] {1, 1e300, 1}, new double[] {0}));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> pack(rows, Precision.FLOAT32));
    assertTrue(e.getMessage().contains("row 2 of partition 0"), e.getMessage());
    assertTrue(e.getMessage().contains("feature 1 is 1.0E300"), e.getMessage());
    assertEquals(ROWS, pack(rows, Precision.FLOAT64).count(), "double holds 1e300");
  }

  private static PartitionBlocks pack(List<Example> rows, Precision precision) {
    return new BlockPacker(TOPOLOGY, 4, precision).call(0, rows.iterator()).next();
  }

  private static List<Example> rows() {
    List<Example> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(new Example(new double[] {0.1 * i, 1.0 / (i + 3), -i}, new double[] {i % 2}));
    }
    return rows;
  }

  private static double[] slice(double[] values, int length) {
    double[] first = new double[length];
    System.arraycopy(values, 0, first, 0, length);
    return first;
  }
}
