package io.sparkmlp.train;

import io.sparkmlp.data.Block;
import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;

/** One {@link Workspace} per executor thread and precision, kept across tasks and steps. */
public final class Workspaces {
  /** Examples per forward/backward chunk: large enough for level-3 BLAS, small enough to cache. */
  public static final int CHUNK = 512;

  private static final ThreadLocal<Workspace<?>[]> CURRENT =
      ThreadLocal.withInitial(() -> new Workspace<?>[2]);

  private Workspaces() {}

  /**
   * What a forward-only pass does with one chunk: rows [start, start + n) of block, n &lt;= the
   * capacity, whose features are the {@code inputs x n} double block at {@code x[xOffset..]}.
   */
  @FunctionalInterface
  interface ChunkAction {
    void accept(Block<?> block, double[] x, int xOffset, int start, int n);
  }

  /**
   * Runs action over every row of part in order, in chunks that fit the float64 {@code ws}: in
   * place for double blocks, widened into {@code ws.inputs()} for float ones.
   */
  static <A> void eachChunk(PartitionBlocks<A> part, Workspace<double[]> ws, ChunkAction action) {
    for (Block<A> block : part.blocks()) {
      for (int start = 0; start < block.rows(); start += ws.capacity()) {
        int n = Math.min(ws.capacity(), block.rows() - start);
        if (block.features() instanceof double[] features) {
          action.accept(block, features, block.featureOffset(start), start, n);
        } else {
          part.kernel()
              .toDouble(
                  block.features(), block.featureOffset(start), ws.inputs(), 0, n * block.inputs());
          action.accept(block, ws.inputs(), 0, start, n);
        }
      }
    }
  }

  /** This thread's workspace of {@code kernel}'s precision for {@code topology}. */
  @SuppressWarnings("unchecked") // each slot holds a workspace of its own precision's kernel
  public static <A> Workspace<A> forThread(Kernel<A> kernel, Topology topology) {
    Workspace<?>[] slots = CURRENT.get();
    int slot = kernel.precision().ordinal();
    Workspace<?> workspace = slots[slot];
    if (workspace == null || !workspace.topology().equals(topology)) {
      workspace = new Workspace<>(kernel, topology, CHUNK);
      slots[slot] = workspace;
    }
    return (Workspace<A>) workspace;
  }
}
