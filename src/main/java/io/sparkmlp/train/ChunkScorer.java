package io.sparkmlp.train;

import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Kernels;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Scores rows a chunk at a time (up to {@link Workspaces#CHUNK}): the chunk's features are the
 * columns of one matrix, so each layer is one GEMM (level-3 BLAS) rather than a matrix-vector
 * product per row. Features are multiplied by the model's feature scale first, as training scaled
 * them. Not thread-safe: one per task.
 */
public final class ChunkScorer {
  private final Topology topology;
  private final double[] weights;
  private final double featureScale;
  private final double[] x;
  private final int capacity;
  private int rows;
  private Workspace<double[]> ws;

  /**
   * @param capacity rows per chunk, at most {@link Workspaces#CHUNK}
   */
  public ChunkScorer(Topology topology, double[] weights, double featureScale, int capacity) {
    if (capacity < 1 || capacity > Workspaces.CHUNK) {
      throw new IllegalArgumentException(
          "a chunk holds 1 to " + Workspaces.CHUNK + " rows, got " + capacity);
    }
    this.topology = topology;
    this.weights = weights;
    this.featureScale = featureScale;
    this.capacity = capacity;
    this.x = new double[topology.inputs() * capacity];
  }

  /**
   * Adds a row to the chunk.
   *
   * @return true when the chunk is full: {@link #score} it, read it, then {@link #clear} it
   * @throws IllegalArgumentException if the row's size is not the input layer's
   */
  public boolean add(double[] features) {
    int inputs = topology.inputs();
    if (features.length != inputs) {
      throw new IllegalArgumentException(
          "a features vector of size %d, but the model's input layer has %d units"
              .formatted(features.length, inputs));
    }
    int offset = rows * inputs;
    for (int i = 0; i < inputs; i++) {
      x[offset + i] = featureScale == 1 ? features[i] : features[i] * featureScale;
    }
    rows++;
    return rows == capacity;
  }

  public Topology topology() {
    return topology;
  }

  public int rows() {
    return rows;
  }

  /** The forward pass over the chunk's rows. */
  public void score() {
    ws = Workspaces.forThread(Kernels.FLOAT64, topology);
    Backprop.forward(topology, weights, x, 0, rows, ws);
  }

  /** Output unit k's pre-activation z for row r of the scored chunk. */
  public double preActivation(int r, int k) {
    return ws.outputPreActivations()[r * topology.outputs() + k];
  }

  /** Output unit k's activation for row r of the scored chunk (a probability, or the value). */
  public double output(int r, int k) {
    return ws.outputs()[r * topology.outputs() + k];
  }

  /** The class row r of the scored chunk is predicted to be. */
  public int predictedClass(int r) {
    return topology.outputLoss().predictedClass(ws.outputs(), r, topology.outputs());
  }

  public void clear() {
    rows = 0;
  }

  /** What a scored item becomes, from the item and its row in the scored chunk. */
  @FunctionalInterface
  public interface Emit<T, R> {
    R emit(T item, ChunkScorer scored, int row);
  }

  /**
   * Scores {@code items} lazily, a chunk at a time, in their order: each becomes {@code emit(item,
   * this, r)}.
   */
  public <T, R> Iterator<R> scoreAll(
      Iterator<T> items, Function<T, double[]> features, Emit<T, R> emit) {
    return new Iterator<>() {
      private final List<T> chunk = new ArrayList<>(capacity);
      private int next;

      @Override
      public boolean hasNext() {
        if (next < chunk.size()) {
          return true;
        }
        chunk.clear();
        next = 0;
        clear();
        while (items.hasNext()) {
          T item = items.next();
          chunk.add(item);
          if (add(features.apply(item))) {
            break;
          }
        }
        if (!chunk.isEmpty()) {
          score();
        }
        return !chunk.isEmpty();
      }

      @Override
      public R next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        R result = emit.emit(chunk.get(next), ChunkScorer.this, next);
        next++;
        return result;
      }
    };
  }
}
