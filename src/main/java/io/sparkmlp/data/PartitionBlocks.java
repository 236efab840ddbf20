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
      Block block = blockOf(order[k]);
      int row = order[k] % blockRows;
      int column = k - from;
      int offset = block.featureOffset(row);
      int into = column * block.inputs();
      if (block.features() != null) {
        System.arraycopy(block.features(), offset, features, into, block.inputs());
      } else {
        for (int i = 0; i < block.inputs(); i++) {
          features[into + i] = block.features32()[offset + i];
        }
      }
      gatherTargets(block, row, column, targets);
    }
  }

  /** {@link #gather} into a float feature block: double features are rounded to float. */
  public void gather(int[] order, int from, int to, float[] features, double[] targets) {
    for (int k = from; k < to; k++) {
      Block block = blockOf(order[k]);
      int row = order[k] % blockRows;
      int column = k - from;
      int offset = block.featureOffset(row);
      int into = column * block.inputs();
      if (block.features32() != null) {
        System.arraycopy(block.features32(), offset, features, into, block.inputs());
      } else {
        for (int i = 0; i < block.inputs(); i++) {
          features[into + i] = (float) block.features()[offset + i];
        }
      }
      gatherTargets(block, row, column, targets);
    }
  }

  private Block blockOf(int local) {
    return blocks.get(local / blockRows);
  }

  private static void gatherTargets(Block block, int row, int column, double[] targets) {
    System.arraycopy(
        block.targets(),
        block.targetOffset(row),
        targets,
        column * block.targetRows(),
        block.targetRows());
  }
}
