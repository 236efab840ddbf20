package io.sparkmlp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Kernels;
import io.sparkmlp.nn.OutputLoss;
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
    PartitionBlocks<double[]> wide = pack(rows, Kernels.FLOAT64);
    PartitionBlocks<float[]> narrow = pack(rows, Kernels.FLOAT32);
    assertEquals(2, narrow.blocks().size(), "7 rows in blocks of 4");
    for (Block<float[]> block : narrow.blocks()) {
      assertEquals(block.rows() * 3, block.features().length);
    }
    int[] order = {6, 0, 5, 3};
    double[] fromWide = new double[3 * order.length];
    float[] fromNarrow = new float[3 * order.length];
    double[] widened = new double[3 * order.length];
    double[] targetsWide = new double[order.length];
    double[] targetsNarrow = new double[order.length];
    double[] weightsWide = new double[order.length];
    double[] weightsNarrow = new double[order.length];
    wide.gather(order, 0, order.length, fromWide, targetsWide, weightsWide);
    narrow.gather(order, 0, order.length, fromNarrow, targetsNarrow, weightsNarrow);
    assertArrayEquals(weightsWide, weightsNarrow);
    Kernels.FLOAT32.toDouble(fromNarrow, 0, widened, 0, widened.length);
    assertArrayEquals(targetsWide, targetsNarrow);
    for (int i = 0; i < fromWide.length; i++) {
      assertEquals((float) fromWide[i], fromNarrow[i]);
      assertEquals(fromNarrow[i], widened[i]);
    }
    double[] chunk = new double[3 * 2];
    Block<float[]> second = narrow.blocks().get(1);
    Kernels.FLOAT32.toDouble(second.features(), second.featureOffset(1), chunk, 0, chunk.length);
    assertArrayEquals(new double[] {fromNarrow[6], fromNarrow[7], fromNarrow[8]}, slice(chunk, 3));
  }

  @Test
  void float32RefusesAFeatureBeyondFloatRangeNamingTheRow() {
    List<Example> rows = new ArrayList<>(rows());
    rows.set(2, new Example(new double[] {1, 1e300, 1}, new double[] {0}));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> pack(rows, Kernels.FLOAT32));
    assertTrue(e.getMessage().contains("row 2 of partition 0"), e.getMessage());
    assertTrue(e.getMessage().contains("feature 1 is 1.0E300"), e.getMessage());
    assertEquals(ROWS, pack(rows, Kernels.FLOAT64).count(), "double holds 1e300");
  }

  private static <A> PartitionBlocks<A> pack(List<Example> rows, Kernel<A> kernel) {
    return new BlockPacker<>(TOPOLOGY, 4, kernel).call(0, rows.iterator()).next();
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
