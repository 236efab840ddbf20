package io.sparkmlp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Kernels;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.SparseInputs;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
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
    ShardBlocks<double[]> wide = pack(rows, Kernels.FLOAT64);
    ShardBlocks<float[]> narrow = pack(rows, Kernels.FLOAT32);
    assertEquals(2, narrow.blocks().size(), "7 rows in blocks of 4");
    for (Block<float[]> block : narrow.blocks()) {
      assertEquals(block.rows() * 3, ((Matrix<float[]>) block.features()).data().length);
    }
    int[] order = {6, 0, 5, 3};
    Workspace<double[]> wsWide = Workspace.float64(TOPOLOGY, order.length);
    Workspace<float[]> wsNarrow = new Workspace<>(Kernels.FLOAT32, TOPOLOGY, order.length);
    double[] fromWide = ((Matrix<double[]>) wide.gather(order, 0, order.length, wsWide)).data();
    float[] fromNarrow = ((Matrix<float[]>) narrow.gather(order, 0, order.length, wsNarrow)).data();
    double[] widened = new double[3 * order.length];
    assertArrayEquals(wsWide.weights(), wsNarrow.weights());
    Kernels.FLOAT32.toDouble(fromNarrow, 0, widened, 0, widened.length);
    assertArrayEquals(
        Arrays.copyOf(wsWide.targets(), order.length),
        Arrays.copyOf(wsNarrow.targets(), order.length));
    for (int i = 0; i < fromWide.length; i++) {
      assertEquals((float) fromWide[i], fromNarrow[i]);
      assertEquals(fromNarrow[i], widened[i]);
    }
    double[] chunk = new double[3 * 2];
    Block<float[]> second = narrow.blocks().get(1);
    Matrix<float[]> secondRow = (Matrix<float[]>) second.features().columns(1, 2);
    Kernels.FLOAT32.toDouble(secondRow.data(), secondRow.offset(), chunk, 0, chunk.length);
    assertArrayEquals(new double[] {fromNarrow[6], fromNarrow[7], fromNarrow[8]}, slice(chunk, 3));
  }

  @Test
  void float32RefusesAFeatureBeyondFloatRangeNamingTheRow() {
    List<Example> rows = new ArrayList<>(rows());
    rows.set(2, new Example(new double[] {1, 1e300, 1}, new double[] {0}));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> pack(rows, Kernels.FLOAT32));
    assertTrue(e.getMessage().contains("row 3:"), e.getMessage());
    assertTrue(e.getMessage().contains("feature 1 is 1.0E300"), e.getMessage());
    assertEquals(ROWS, pack(rows, Kernels.FLOAT64).count(), "double holds 1e300");
  }

  @Test
  void sparseBlocksKeepOnlyTheNonZerosOfSparseAndDenseRows() {
    List<Example> rows =
        List.of(
            example(Vectors.sparse(3, new int[] {0, 2}, new double[] {1.5, -2})),
            example(Vectors.sparse(3, new int[] {1}, new double[] {0})),
            example(Vectors.dense(0, 4, 0)),
            example(Vectors.sparse(3, new int[] {2}, new double[] {0.1})));
    ShardBlocks<float[]> part = pack(rows, Kernels.FLOAT32, FeatureLayout.SPARSE, 3);
    SparseInputs<float[]> first = (SparseInputs<float[]>) part.blocks().get(0).features();
    assertArrayEquals(new int[] {0, 2, 2, 3}, first.starts(), "the explicit 0 is not kept");
    assertArrayEquals(new int[] {0, 2, 1}, first.indices());
    assertArrayEquals(new float[] {1.5f, -2, 4}, first.values());
    SparseInputs<float[]> second = (SparseInputs<float[]>) part.blocks().get(1).features();
    assertArrayEquals(new float[] {0.1f}, second.values());

    Workspace<float[]> ws = new Workspace<>(Kernels.FLOAT32, TOPOLOGY, 4);
    SparseInputs<float[]> gathered =
        (SparseInputs<float[]>) part.gather(new int[] {3, 0, 1}, 0, 3, ws);
    assertEquals(3, gathered.width());
    assertArrayEquals(new int[] {2, 0, 2}, Arrays.copyOf(gathered.indices(), gathered.nonZeros()));
    assertArrayEquals(
        new float[] {0.1f, 1.5f, -2}, Arrays.copyOf(gathered.values(), gathered.nonZeros()));
    assertEquals(3, gathered.start(3), "the empty row adds a column of no entries");
  }

  @Test
  void denseBlocksSpreadSparseRowsOut() {
    Example row = example(Vectors.sparse(3, new int[] {1}, new double[] {7}));
    Matrix<double[]> block =
        (Matrix<double[]>)
            pack(List.of(row), Kernels.FLOAT64, FeatureLayout.DENSE, 4).blocks().get(0).features();
    assertArrayEquals(new double[] {0, 7, 0}, block.data());
  }

  @Test
  void aSparseRowsBadValueIsNamedByItsIndex() {
    List<Example> rows =
        List.of(example(Vectors.sparse(3, new int[] {2}, new double[] {Double.NaN})));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> pack(rows, Kernels.FLOAT64, FeatureLayout.SPARSE, 4));
    assertTrue(e.getMessage().contains("feature 2 is NaN"), e.getMessage());
    List<Example> wider = List.of(example(Vectors.sparse(5, new int[] {4}, new double[] {1})));
    e =
        assertThrows(
            InvalidInputException.class,
            () -> pack(wider, Kernels.FLOAT64, FeatureLayout.SPARSE, 4));
    assertTrue(e.getMessage().contains("has 5 features but the input layer has 3"), e.getMessage());
  }

  @Test
  void autoChoosesSparseBelowTheThresholdOnly() {
    Vector sparse = Vectors.sparse(100, new int[] {3}, new double[] {1});
    Vector dense = Vectors.dense(new double[] {1, 0, 2});
    assertEquals(FeatureLayout.SPARSE, FeatureLayout.of(List.of(sparse, sparse)));
    assertEquals(FeatureLayout.DENSE, FeatureLayout.of(List.of(dense)));
    int below = (int) Math.ceil(FeatureLayout.SPARSE_BELOW * 100) - 1;
    assertEquals(FeatureLayout.SPARSE, FeatureLayout.of(List.of(firstOf100(below))));
    assertEquals(FeatureLayout.DENSE, FeatureLayout.of(List.of(firstOf100(below + 1))));
  }

  /** 100 features, the first count of them 1. */
  private static Vector firstOf100(int count) {
    double[] values = new double[100];
    Arrays.fill(values, 0, count, 1);
    return Vectors.dense(values);
  }

  private static Example example(Vector features) {
    return new Example(features, new double[] {1}, 1);
  }

  private static <A> ShardBlocks<A> pack(List<Example> rows, Kernel<A> kernel) {
    return pack(rows, kernel, FeatureLayout.DENSE, 4);
  }

  private static <A> ShardBlocks<A> pack(
      List<Example> rows, Kernel<A> kernel, FeatureLayout layout, int blockRows) {
    return new BlockPacker<>(TOPOLOGY, blockRows, kernel, layout, Sharding.single())
        .call(0, BlockPacker.positioned(rows.iterator()))
        .next()
        .shards()
        .get(0);
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
