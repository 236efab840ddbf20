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
   * features} ({@code inputs x (to-from)}), targets into {@code targets} and weights into {@code
   * weights}. Nothing else is modified.
   */
  public void gather(
      int[] order, int from, int to, A features, double[] targets, double[] weights) {
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
      weights[column] = block.weights()[row];
    }
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
