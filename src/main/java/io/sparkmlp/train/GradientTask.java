package io.sparkmlp.train;

import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Backprop32;
import io.sparkmlp.nn.BatchResult;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import io.sparkmlp.nn.Workspace32;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's share of one step: gathers the examples {@link MinibatchPlan} assigns it and sums
 * their loss gradient by local backprop, in chunks of {@link Workspaces#CHUNK} examples, in double
 * ({@link #float64}) or with float GEMMs and a float sum ({@link #float32}).
 */
final class GradientTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Topology topology;
  private final Broadcast<double[]> parameters;
  private final Broadcast<float[]> parameters32;
  private final MinibatchPlan plan;
  private final int epoch;
  private final int step;
  private final TaskProbe probe;

  private GradientTask(
      Topology topology,
      Broadcast<double[]> parameters,
      Broadcast<float[]> parameters32,
      MinibatchPlan plan,
      int epoch,
      int step,
      TaskProbe probe) {
    this.topology = topology;
    this.parameters = parameters;
    this.parameters32 = parameters32;
    this.plan = plan;
    this.epoch = epoch;
    this.step = step;
    this.probe = probe;
  }

  static GradientTask float64(
      Topology topology,
      Broadcast<double[]> parameters,
      MinibatchPlan plan,
      int epoch,
      int step,
      TaskProbe probe) {
    return new GradientTask(topology, parameters, null, plan, epoch, step, probe);
  }

  static GradientTask float32(
      Topology topology,
      Broadcast<float[]> parameters,
      MinibatchPlan plan,
      int epoch,
      int step,
      TaskProbe probe) {
    return new GradientTask(topology, null, parameters, plan, epoch, step, probe);
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
    int[] order = plan.order(epoch, part.partition(), part.count());
    if (parameters32 != null) {
      sumFloat32(part, order, from, to, partial);
    } else {
      sumFloat64(part, order, from, to, partial);
    }
    return partial;
  }

  private void sumFloat64(PartitionBlocks part, int[] order, int from, int to, Partial partial) {
    double[] weights = parameters.value();
    partial.gradient = new double[weights.length];
    Workspace ws = Workspaces.forThread(topology);
    for (int start = from; start < to; start += ws.capacity()) {
      int n = Math.min(to - start, ws.capacity());
      part.gather(order, start, start + n, ws.inputs(), ws.targets());
      add(
          partial,
          n,
          Backprop.accumulateGradient(
              topology, weights, ws.inputs(), 0, ws.targets(), 0, n, ws, partial.gradient));
    }
  }

  private void sumFloat32(PartitionBlocks part, int[] order, int from, int to, Partial partial) {
    float[] weights = parameters32.value();
    partial.gradient32 = new float[weights.length];
    Workspace32 ws = Workspaces.forThread32(topology);
    for (int start = from; start < to; start += ws.capacity()) {
      int n = Math.min(to - start, ws.capacity());
      part.gather(order, start, start + n, ws.inputs(), ws.targets());
      add(
          partial,
          n,
          Backprop32.accumulateGradient(
              topology, weights, ws.inputs(), ws.targets(), n, ws, partial.gradient32));
    }
  }

  private static void add(Partial partial, int n, BatchResult result) {
    partial.lossSum += result.lossSum();
    partial.correct += result.correct();
    partial.count += n;
  }
}
