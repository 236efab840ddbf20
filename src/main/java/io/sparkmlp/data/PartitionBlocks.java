package io.sparkmlp.data;

import io.sparkmlp.nn.Kernel;
import java.io.Serializable;
import java.util.List;

/**
 * All examples of one partition, packed once into blocks of at most {@code blockRows} examples in
 * {@code kernel}'s precision. Local example i lives in block i / blockRows, column i % blockRows.
 *
 * @param <A> the kernel's array type
 */
public record PartitionBlocks<A>(
    int partition, int count, int blockRows, Kernel<A> kernel, List<Block<A>> blocks)
    implements Serializable {

  /**
   * Copies the examples {@code order[from..to)} into contiguous blocks: features into {@code
   * features} ({@code inputs x (to-from)}) and targets into {@code targets}. Nothing else is
   * modified.
   */
  public void gather(int[] order, int from, int to, A features, double[] targets) {
    for (int k = from; k < to; k++) {
      Block<A> block = blocks.get(order[k] / blockRows);
      int row = order[k] % blockRows;
      int column = k - from;
      System.arraycopy(
          block.features(),
          block.featureOffset(row),
          features,
          column * block.inputs(),
          block.inputs());
      System.arraycopy(
          block.targets(),
          block.targetOffset(row),
          targets,
          column * block.targetRows(),
          block.targetRows());
    }
  }
}
