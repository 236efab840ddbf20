package io.sparkmlp.data;

import io.sparkmlp.nn.Inputs;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.SparseBuffer;
import io.sparkmlp.nn.SparseInputs;
import io.sparkmlp.nn.Workspace;
import java.io.Serializable;
import java.util.List;

/**
 * All examples of one {@link Sharding shard}, in the order of their positions in the data, packed
 * once into blocks of at most {@code blockRows} examples in {@code kernel}'s precision and one
 * {@link FeatureLayout}. Local example i lives in block i / blockRows, column i % blockRows.
 *
 * @param <A> the kernel's array type
 */
public record ShardBlocks<A>(
    int shard, int count, int blockRows, Kernel<A> kernel, List<Block<A>> blocks)
    implements Serializable {

  /**
   * Copies the examples {@code order[from..to)} into ws's contiguous blocks: features into its
   * inputs (dense) or sparse buffer (sparse), targets into {@code ws.targets()} and weights into
   * {@code ws.weights()}.
   *
   * @return the gathered input block, {@code inputs x (to - from)}
   */
  public Inputs<A> gather(int[] order, int from, int to, Workspace<A> ws) {
    int inputs = ws.topology().inputs();
    SparseBuffer<A> sparse = isSparse() ? ws.sparseInputs() : null;
    if (sparse != null) {
      sparse.clear();
    }
    for (int k = from; k < to; k++) {
      Block<A> block = blocks.get(order[k] / blockRows);
      int row = order[k] % blockRows;
      int column = k - from;
      if (sparse != null) {
        sparse.append((SparseInputs<A>) block.features(), kernel, row);
      } else {
        Matrix<A> dense = (Matrix<A>) block.features();
        System.arraycopy(
            dense.data(), dense.offset() + row * inputs, ws.inputs(), column * inputs, inputs);
      }
      System.arraycopy(
          block.targets(),
          block.targetOffset(row),
          ws.targets(),
          column * block.targetRows(),
          block.targetRows());
      ws.weights()[column] = block.weights()[row];
    }
    return sparse != null ? sparse.inputs() : Matrix.of(ws.inputs(), 0, inputs, to - from);
  }

  /** True when the blocks keep their features sparse (every block of a dataset alike). */
  private boolean isSparse() {
    return !blocks.isEmpty() && blocks.get(0).features() instanceof SparseInputs;
  }

  /** The examples whose weight is not 0. */
  public long weighted() {
    long weighted = 0;
    for (Block<A> block : blocks) {
      for (double weight : block.weights()) {
        weighted += weight > 0 ? 1 : 0;
      }
    }
    return weighted;
  }
}
