package io.sparkmlp.data;

import io.sparkmlp.nn.Precision;
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
    eachRow(
        order,
        from,
        to,
        targets,
        (block, offset, into) -> {
          if (block.features() != null) {
            System.arraycopy(block.features(), offset, features, into, block.inputs());
          } else {
            Precision.widen(block.features32(), offset, features, into, block.inputs());
          }
        });
  }

  /** {@link #gather} into a float feature block: double features are rounded to float. */
  public void gather(int[] order, int from, int to, float[] features, double[] targets) {
    eachRow(
        order,
        from,
        to,
        targets,
        (block, offset, into) -> {
          if (block.features32() != null) {
            System.arraycopy(block.features32(), offset, features, into, block.inputs());
          } else {
            Precision.narrow(block.features(), offset, features, into, block.inputs());
          }
        });
  }

  /** Copies one example's features from {@code block} at offset to the gathered block at into. */
  @FunctionalInterface
  private interface FeatureCopy {
    void copy(Block block, int offset, int into);
  }

  /** Gathers the targets of {@code order[from..to)} and hands each row's features to copy. */
  private void eachRow(int[] order, int from, int to, double[] targets, FeatureCopy copy) {
    for (int k = from; k < to; k++) {
      Block block = blocks.get(order[k] / blockRows);
      int row = order[k] % blockRows;
      int column = k - from;
      copy.copy(block, block.featureOffset(row), column * block.inputs());
      System.arraycopy(
          block.targets(),
          block.targetOffset(row),
          targets,
          column * block.targetRows(),
          block.targetRows());
    }
  }
}
