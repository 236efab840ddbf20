package io.sparkmlp.train;

import io.sparkmlp.data.Block;
import io.sparkmlp.data.ShardBlocks;
import io.sparkmlp.nn.Inputs;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.SparseBuffer;
import io.sparkmlp.nn.SparseInputs;
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
   * capacity, whose features are the double input block x.
   */
  @FunctionalInterface
  interface ChunkAction {
    void accept(Block<?> block, Inputs<double[]> x, int start, int n);
  }

  /**
   * Runs action over every row of shard in order, in chunks that fit the float64 {@code ws}: in
   * place for double blocks, widened into ws's inputs for float ones.
   */
  static <A> void eachChunk(ShardBlocks<A> part, Workspace<double[]> ws, ChunkAction action) {
    for (Block<A> block : part.blocks()) {
      for (int start = 0; start < block.rows(); start += ws.capacity()) {
        int n = Math.min(ws.capacity(), block.rows() - start);
        action.accept(
            block, widened(part.kernel(), block.features().columns(start, n), ws), start, n);
      }
    }
  }

  /** x itself if it is double, else its copy in double in ws's inputs. */
  @SuppressWarnings("unchecked") // a float64 kernel's inputs are double
  private static <A> Inputs<double[]> widened(
      Kernel<A> kernel, Inputs<A> x, Workspace<double[]> ws) {
    if (kernel == ws.kernel()) {
      return (Inputs<double[]>) x;
    }
    if (x instanceof SparseInputs<A> sparse) {
      SparseBuffer<double[]> buffer = ws.sparseInputs();
      buffer.clear();
      for (int j = 0; j < sparse.width(); j++) {
        buffer.append(sparse, kernel, j);
      }
      return buffer.inputs();
    }
    Matrix<A> dense = (Matrix<A>) x;
    kernel.toDouble(dense.data(), dense.offset(), ws.inputs(), 0, dense.rows() * dense.cols());
    return Matrix.of(ws.inputs(), 0, dense.rows(), dense.cols());
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
