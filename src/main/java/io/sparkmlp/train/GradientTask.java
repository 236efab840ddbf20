package io.sparkmlp.train;

import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.BatchResult;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's share of one step: gathers the examples {@link MinibatchPlan} assigns it and sums
 * their loss gradient by local backprop, in chunks of {@link Workspaces#CHUNK} examples.
 */
final class GradientTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Topology topology;
  private final Broadcast<double[]> parameters;
  private final MinibatchPlan plan;
  private final int epoch;
  private final int step;
  private final TaskProbe probe;

  GradientTask(
      Topology topology,
      Broadcast<double[]> parameters,
      MinibatchPlan plan,
      int epoch,
      int step,
      TaskProbe probe) {
    this.topology = topology;
    this.parameters = parameters;
    this.plan = plan;
    this.epoch = epoch;
    this.step = step;
    this.probe = probe;
  }

  /** The seqOp: adds this partition's sums to the aggregate. The broadcast is only read. */
  GradientAggregate addTo(GradientAggregate aggregate, PartitionBlocks part) {
    probe.beforeGradient(epoch, step, part.partition());
    return aggregate.add(part.partition(), compute(part));
  }

  Partial compute(PartitionBlocks part) {
    Partial partial = new Partial();
    int from = plan.shareStart(step, part.count());
    int to = plan.shareEnd(step, part.count());
    if (from == to) {
      return partial;
    }
    double[] weights = parameters.value();
    partial.gradient = new double[weights.length];
    int[] order = plan.order(epoch, part.partition(), part.count());
    Workspace ws = Workspaces.forThread(topology);
    for (int start = from; start < to; start += ws.capacity()) {
      int end = Math.min(to, start + ws.capacity());
      part.gather(order, start, end, ws.inputs(), ws.targets());
      BatchResult result =
          Backprop.accumulateGradient(
              topology,
              weights,
              ws.inputs(),
              0,
              ws.targets(),
              0,
              end - start,
              ws,
              partial.gradient);
      partial.lossSum += result.lossSum();
      partial.correct += result.correct();
      partial.count += end - start;
    }
    return partial;
  }
}
