package io.sparkmlp.train;

import io.sparkmlp.data.PartitionBlocks;
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
    return round(
        data,
        parameters,
        weights -> new GradientTask(topology, weights, plan, epoch, step, probe)::addTo,
        treeDepth);
  }

  /** Loss and correct counts of {@code parameters} over the whole dataset (no gradient). */
  public static Partial evaluate(
      TrainingData data, Topology topology, double[] parameters, int treeDepth) {
    return round(
        data, parameters, weights -> new EvaluationTask(topology, weights)::addTo, treeDepth);
  }

  private static Partial round(
      TrainingData data,
      double[] parameters,
      Function<
              Broadcast<double[]>, Function2<GradientAggregate, PartitionBlocks, GradientAggregate>>
          partitionSums,
      int treeDepth) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.blocks().context());
    Broadcast<double[]> weights = sc.broadcast(parameters);
    try {
      return data.blocks()
          .treeAggregate(
              GradientAggregate.empty(data.partitions()),
              partitionSums.apply(weights),
              GradientAggregate::merge,
              treeDepth)
          .total();
    } finally {
      weights.destroy();
    }
  }
}
