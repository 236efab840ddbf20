package io.sparkmlp.train;

import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.nn.ActivationStats;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Topology;
import java.util.function.Function;
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
   * The sums over the minibatch of ({@code epoch}, {@code step}): gradient of the summed loss,
   * summed loss, example count and correct count. A float32 step broadcasts the parameters rounded
   * to float and sums the gradient in float ({@link Partial#meanGradient} widens it). {@code
   * parameters} is not modified.
   */
  public static Partial sum(
      TrainingData data,
      Topology topology,
      double[] parameters,
      Precision precision,
      MinibatchPlan plan,
      int epoch,
      int step,
      TaskProbe probe,
      int treeDepth) {
    Function2<GradientAggregate, GradientAggregate, GradientAggregate> merge =
        (left, right) -> {
          probe.beforeMerge();
          return left.merge(right);
        };
    return switch (precision) {
      case FLOAT64 ->
          round(
              data,
              parameters,
              weights -> GradientTask.float64(topology, weights, plan, epoch, step, probe)::addTo,
              merge,
              treeDepth);
      case FLOAT32 ->
          round(
              data,
              Precision.narrow(parameters),
              weights -> GradientTask.float32(topology, weights, plan, epoch, step, probe)::addTo,
              merge,
              treeDepth);
    };
  }

  /** Loss and correct counts of {@code parameters} over the whole dataset (no gradient). */
  public static Partial evaluate(
      TrainingData data, Topology topology, double[] parameters, int treeDepth) {
    return round(
        data,
        parameters,
        weights -> new EvaluationTask(topology, weights)::addTo,
        GradientAggregate::merge,
        treeDepth);
  }

  /**
   * Hidden-activation counts of {@code parameters} over the whole dataset. Counts add exactly, so
   * Spark's own merge order is fine here.
   */
  public static ActivationStats activity(
      TrainingData data, Topology topology, double[] parameters, int treeDepth) {
    Broadcast<double[]> weights = broadcast(data, parameters);
    try {
      return data.blocks()
          .treeAggregate(
              new ActivationStats(topology),
              new DiagnosticsTask(topology, weights)::addTo,
              ActivationStats::merge,
              treeDepth);
    } finally {
      weights.destroy();
    }
  }

  /**
   * The confusion matrix of a classifier over the whole dataset, row-major: entry [t * classes + p]
   * counts the examples of true class t predicted as p.
   */
  public static long[] confusion(
      TrainingData data, Topology topology, double[] parameters, int treeDepth) {
    Broadcast<double[]> weights = broadcast(data, parameters);
    int classes = topology.classes();
    try {
      return data.blocks()
          .treeAggregate(
              new long[classes * classes],
              new ConfusionTask(topology, weights)::addTo,
              ConfusionTask::sum,
              treeDepth);
    } finally {
      weights.destroy();
    }
  }

  private static <W> Broadcast<W> broadcast(TrainingData data, W parameters) {
    return JavaSparkContext.fromSparkContext(data.blocks().context()).broadcast(parameters);
  }

  private static <W> Partial round(
      TrainingData data,
      W parameters,
      Function<Broadcast<W>, Function2<GradientAggregate, PartitionBlocks, GradientAggregate>>
          partitionSums,
      Function2<GradientAggregate, GradientAggregate, GradientAggregate> merge,
      int treeDepth) {
    Broadcast<W> weights = broadcast(data, parameters);
    try {
      return data.blocks()
          .treeAggregate(
              GradientAggregate.empty(data.partitions()),
              partitionSums.apply(weights),
              merge,
              treeDepth)
          .total();
    } finally {
      weights.destroy();
    }
  }
}
