package io.sparkmlp.train;

import io.sparkmlp.nn.Topology;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One synchronous round: broadcast the weights, let every partition sum its share by local
 * backprop, bring the sums to the driver with treeAggregate, destroy the broadcast.
 */
public final class DistributedGradient {
  private DistributedGradient() {}

  /**
   * The sums over the minibatch of ({@code epoch}, {@code step}): gradient of the summed loss,
   * summed loss, example count and correct count. {@code parameters} is not modified.
   */
  public static Partial sum(
      TrainingData data,
      Topology topology,
      double[] parameters,
      MinibatchPlan plan,
      int epoch,
      int step,
      TaskProbe probe,
      int treeDepth) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.blocks().context());
    Broadcast<double[]> weights = sc.broadcast(parameters);
    try {
      GradientTask task = new GradientTask(topology, weights, plan, epoch, step, probe);
      return data.blocks()
          .treeAggregate(
              GradientAggregate.empty(data.partitions()),
              task::addTo,
              GradientAggregate::merge,
              treeDepth)
          .total();
    } finally {
      weights.destroy();
    }
  }

  /** Loss and correct counts of {@code parameters} over the whole dataset (no gradient). */
  public static Partial evaluate(
      TrainingData data, Topology topology, double[] parameters, int treeDepth) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.blocks().context());
    Broadcast<double[]> weights = sc.broadcast(parameters);
    try {
      EvaluationTask task = new EvaluationTask(topology, weights);
      return data.blocks()
          .treeAggregate(
              GradientAggregate.empty(data.partitions()),
              task::addTo,
              GradientAggregate::merge,
              treeDepth)
          .total();
    } finally {
      weights.destroy();
    }
  }
}
