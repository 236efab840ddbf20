package io.sparkmlp.train;

import io.sparkmlp.data.FeatureLayout;
import io.sparkmlp.data.FeatureVectors;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Inputs;
import io.sparkmlp.nn.Kernels;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.SparseBuffer;
import io.sparkmlp.nn.SparseInputs;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.ml.linalg.Vector;

/**
 * Scores rows a chunk at a time (up to {@link Workspaces#CHUNK}): the chunk's features are the
 * columns of one matrix, so each layer is one GEMM (level-3 BLAS) rather than a matrix-vector
 * product per row. A chunk is packed dense or sparse as {@link FeatureLayout#AUTO} would pack its
 * rows, so sparse rows are never densified. Features are multiplied by the model's feature scale
 * first, as training scaled them. Not thread-safe: one per task.
 */
public final class ChunkScorer {
  private final Topology topology;
  private final double[] weights;
  private final double featureScale;
  private final Vector[] chunk;
  private int rows;
  private int[] rowIndices = new int[0];
  private double[] rowValues = new double[0];
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
    this.chunk = new Vector[capacity];
  }

  /**
   * Adds a row to the chunk.
   *
   * @return true when the chunk is full: {@link #score} it, read it, then {@link #clear} it
   * @throws IllegalArgumentException if the row's size is not the input layer's
   */
  public boolean add(Vector features) {
    int inputs = topology.inputs();
    if (features.size() != inputs) {
      throw new IllegalArgumentException(
          "a features vector of size %d, but the model's input layer has %d units"
              .formatted(features.size(), inputs));
    }
    chunk[rows] = features;
    rows++;
    return rows == chunk.length;
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
    List<Vector> scored = Arrays.asList(chunk).subList(0, rows);
    Inputs<double[]> x =
        FeatureLayout.of(scored) == FeatureLayout.SPARSE ? sparse(scored) : dense(scored);
    Backprop.forward(topology, weights, x, ws);
  }

  private Matrix<double[]> dense(List<Vector> scored) {
    int inputs = topology.inputs();
    double[] x = ws.inputs();
    for (int j = 0; j < scored.size(); j++) {
      double[] features = scored.get(j).toArray();
      for (int i = 0; i < inputs; i++) {
        x[j * inputs + i] = featureScale == 1 ? features[i] : features[i] * featureScale;
      }
    }
    return Matrix.of(x, 0, inputs, scored.size());
  }

  private SparseInputs<double[]> sparse(List<Vector> scored) {
    SparseBuffer<double[]> buffer = ws.sparseInputs();
    buffer.clear();
    for (Vector features : scored) {
      int nonZeros = features.numNonzeros();
      if (nonZeros > rowIndices.length) {
        rowIndices = new int[nonZeros];
        rowValues = new double[nonZeros];
      }
      int[] count = {0};
      FeatureVectors.eachStored(
          features,
          (i, value) -> {
            if (value != 0) {
              rowIndices[count[0]] = i;
              rowValues[count[0]] = featureScale == 1 ? value : value * featureScale;
              count[0]++;
            }
          });
      buffer.append(rowIndices, rowValues, count[0]);
    }
    return buffer.inputs();
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
    Arrays.fill(chunk, 0, rows, null);
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
      Iterator<T> items, Function<T, Vector> features, Emit<T, R> emit) {
    return new Iterator<>() {
      private final List<T> chunk = new ArrayList<>(ChunkScorer.this.chunk.length);
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
