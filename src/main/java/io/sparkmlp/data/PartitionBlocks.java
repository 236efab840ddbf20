package io.sparkmlp.data;

import java.io.Serializable;
import java.util.List;

/**
 * All examples of one partition, packed once into blocks of at most {@code blockRows} examples.
 * Local example i lives in block i / blockRows, column i % blockRows.
 */
public record PartitionBlocks(int partition, int count, int blockRows, List<Block> blocks)
    implements Serializable {

  /**
   * Copies the examples {@code order[from..to)} into contiguous blocks: features into {@code
   * features} ({@code inputs x (to-from)}) and targets into {@code targets}. Nothing else is
   * modified.
   */
  public void gather(int[] order, int from, int to, double[] features, double[] targets) {
    for (int k = from; k < to; k++) {
      int local = order[k];
      Block block = blocks.get(local / blockRows);
      int row = local % blockRows;
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
