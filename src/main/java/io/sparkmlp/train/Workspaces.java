package io.sparkmlp.train;

import io.sparkmlp.data.Block;
import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import io.sparkmlp.nn.Workspace32;

/**
 * One {@link Workspace} (and one {@link Workspace32} for float32 steps) per executor thread, kept
 * across tasks and steps of the same topology.
 */
final class Workspaces {
  /** Examples per forward/backward chunk: large enough for level-3 BLAS, small enough to cache. */
  static final int CHUNK = 512;

  private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<Workspace32> CURRENT32 = new ThreadLocal<>();

  private Workspaces() {}

  /**
   * What a pass does with one chunk: rows [start, start + n) of block, n <= the capacity, whose
   * features are the {@code inputs x n} block at {@code x[xOffset..]}.
   */
  @FunctionalInterface
  interface ChunkAction {
    void accept(Block block, double[] x, int xOffset, int start, int n);
  }

  /**
   * Runs action over every row of part in order, in chunks that fit {@code ws}: in place for double
   * blocks, widened into {@code ws.inputs()} for float ones.
   */
  static void eachChunk(PartitionBlocks part, Workspace ws, ChunkAction action) {
    for (Block block : part.blocks()) {
      for (int start = 0; start < block.rows(); start += ws.capacity()) {
        int n = Math.min(ws.capacity(), block.rows() - start);
        if (block.features() != null) {
          action.accept(block, block.features(), block.featureOffset(start), start, n);
        } else {
          block.copyFeatures(start, n, ws.inputs());
          action.accept(block, ws.inputs(), 0, start, n);
        }
      }
    }
  }

  static Workspace forThread(Topology topology) {
    Workspace workspace = CURRENT.get();
    if (workspace == null || !workspace.topology().equals(topology)) {
      workspace = new Workspace(topology, CHUNK);
      CURRENT.set(workspace);
    }
    return workspace;
  }

  static Workspace32 forThread32(Topology topology) {
    Workspace32 workspace = CURRENT32.get();
    if (workspace == null || !workspace.topology().equals(topology)) {
      workspace = new Workspace32(topology, CHUNK);
      CURRENT32.set(workspace);
    }
    return workspace;
  }
}
