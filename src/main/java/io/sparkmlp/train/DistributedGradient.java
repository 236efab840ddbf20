package io.sparkmlp.train;

import io.sparkmlp.data.Block;
import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.data.ShardBlocks;
import io.sparkmlp.nn.ActivationStats;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Dropout;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Kernels;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One synchronous round: broadcast the weights, let every partition sum its part by local passes,
 * bring the sums to the driver with treeAggregate, destroy the broadcast.
 */
public final class DistributedGradient {
  private DistributedGradient() {}

  /**
   * The sums over the minibatch of ({@code epoch}, {@code step}), in the data's precision, with the
   * step's dropout masks: gradient of the summed loss, summed loss, example count and correct
   * count. A float32 step broadcasts the parameters rounded to float and sums the gradient in float
   * ({@link Partial#meanGradient} widens it). {@code parameters} is not modified.
   */
  public static <A> Partial<A> sum(
      TrainingData<A> data,
      Topology topology,
      double[] parameters,
      MinibatchPlan plan,
      Dropout dropout,
      int epoch,
      int step,
      TaskProbe probe,
      int treeDepth) {
    Kernel<A> kernel = data.kernel();
    Broadcast<ShippedArray<A>> weights =
        broadcast(data, new ShippedArray<>(kernel, kernel.fromDouble(parameters)));
    try {
      return data.blocks()
          .treeAggregate(
              GradientAggregate.<A>empty(data.sharding().shards()),
              new GradientTask<>(kernel, topology, weights, plan, dropout, epoch, step, probe)
                  ::addTo,
              (left, right) -> {
                probe.beforeMerge();
                return left.merge(right);
              },
              treeDepth)
          .total();
    } finally {
      weights.destroy();
    }
  }

  /** Loss and correct counts of {@code parameters} over the whole dataset (no gradient). */
  public static Partial<double[]> evaluate(
      TrainingData<?> data, Topology topology, double[] parameters, int treeDepth) {
    return forwardPasses(
            data,
            topology,
            parameters,
            GradientAggregate.<double[]>empty(data.sharding().shards()),
            (aggregate, part, weights, ws) -> {
              for (ShardBlocks<?> shard : part.shards()) {
                Partial<double[]> partial = new Partial<>();
                Workspaces.eachChunk(
                    shard,
                    ws,
                    (block, x, start, n) ->
                        partial.add(
                            Backprop.evaluate(
                                topology,
                                weights,
                                x,
                                block.targets(),
                                block.targetOffset(start),
                                block.weights(),
                                start,
                                ws),
                            n));
                aggregate.add(shard.shard(), partial);
              }
              return aggregate;
            },
            GradientAggregate::merge,
            treeDepth)
        .total();
  }

  /**
   * Hidden-activation counts of {@code parameters} over the whole dataset. Counts add exactly, so
   * Spark's own merge order is fine here.
   */
  public static ActivationStats activity(
      TrainingData<?> data, Topology topology, double[] parameters, int treeDepth) {
    return forwardEach(
        data,
        topology,
        parameters,
        new ActivationStats(topology),
        (stats, block, start, n, ws) -> stats.add(ws, n),
        ActivationStats::merge,
        treeDepth);
  }

  /**
   * The confusion matrix of a classifier over the whole dataset, row-major: entry [t * classes + p]
   * counts the examples of true class t predicted as p.
   */
  public static long[] confusion(
      TrainingData<?> data, Topology topology, double[] parameters, int treeDepth) {
    int classes = topology.classes();
    return forwardEach(
        data,
        topology,
        parameters,
        new long[classes * classes],
        (counts, block, start, n, ws) -> {
          for (int j = 0; j < n; j++) {
            int predicted =
                topology.outputLoss().predictedClass(ws.outputs(), j, topology.outputs());
            counts[(int) block.targets()[block.targetOffset(start) + j] * classes + predicted]++;
          }
        },
        DistributedGradient::sum,
        treeDepth);
  }

  /**
   * Per label of a multi-label network over the whole dataset: entry k counts the rows whose label
   * k it predicts right, entry labels + k the rows that have label k.
   */
  public static long[] labelCounts(
      TrainingData<?> data, Topology topology, double[] parameters, int treeDepth) {
    int labels = topology.outputs();
    return forwardEach(
        data,
        topology,
        parameters,
        new long[2 * labels],
        (counts, block, start, n, ws) -> {
          int offset = block.targetOffset(start);
          for (int i = 0; i < n * labels; i++) {
            double target = block.targets()[offset + i];
            counts[i % labels] += OutputLoss.labelPredicted(ws.outputs()[i]) == target ? 1 : 0;
            counts[labels + i % labels] += target == 1 ? 1 : 0;
          }
        },
        DistributedGradient::sum,
        treeDepth);
  }

  private static long[] sum(long[] left, long[] right) {
    for (int i = 0; i < left.length; i++) {
      left[i] += right[i];
    }
    return left;
  }

  /**
   * What a forward pass adds of a chunk, rows [start, start + n) of block, whose outputs ws has.
   */
  @FunctionalInterface
  private interface ChunkOutputs<R> extends Serializable {
    void add(R aggregate, Block<?> block, int start, int n, Workspace<double[]> ws);
  }

  /** A forward pass over every chunk of every partition, each chunk's outputs added to R. */
  private static <R> R forwardEach(
      TrainingData<?> data,
      Topology topology,
      double[] parameters,
      R zero,
      ChunkOutputs<R> add,
      Function2<R, R, R> merge,
      int treeDepth) {
    return forwardPasses(
        data,
        topology,
        parameters,
        zero,
        (aggregate, part, weights, ws) -> {
          for (ShardBlocks<?> shard : part.shards()) {
            Workspaces.eachChunk(
                shard,
                ws,
                (block, x, start, n) -> {
                  Backprop.forward(topology, weights, x, ws);
                  add.add(aggregate, block, start, n, ws);
                });
          }
          return aggregate;
        },
        merge,
        treeDepth);
  }

  /** What a forward-only pass adds of one partition to its aggregate, in double. */
  @FunctionalInterface
  private interface PartitionPass<R> extends Serializable {
    R add(R aggregate, PartitionBlocks<?> part, double[] weights, Workspace<double[]> ws);
  }

  /** Broadcasts the parameters and aggregates {@code pass} over every partition. */
  private static <R> R forwardPasses(
      TrainingData<?> data,
      Topology topology,
      double[] parameters,
      R zero,
      PartitionPass<R> pass,
      Function2<R, R, R> merge,
      int treeDepth) {
    Broadcast<ShippedArray<double[]>> weights =
        broadcast(data, new ShippedArray<>(Kernels.FLOAT64, parameters));
    try {
      return data.blocks()
          .treeAggregate(
              zero,
              (aggregate, part) ->
                  pass.add(
                      aggregate,
                      part,
                      weights.value().array(),
                      Workspaces.forThread(Kernels.FLOAT64, topology)),
              merge,
              treeDepth);
    } finally {
      weights.destroy();
    }
  }

  private static <W> Broadcast<W> broadcast(TrainingData<?> data, W parameters) {
    return JavaSparkContext.fromSparkContext(data.blocks().context()).broadcast(parameters);
  }
}
