package io.sparkmlp.train;

import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.data.ShardBlocks;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Dropout;
import io.sparkmlp.nn.Inputs;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's share of one step: for each of its shards, gathers the examples {@link
 * MinibatchPlan} assigns the shard and sums their weighted loss gradient by local backprop, in
 * chunks of {@link Workspaces#CHUNK} examples, in the kernel's precision, with the step's dropout
 * masks. A shard's sum depends on the shard alone, never on the partition that holds it.
 *
 * @param <A> the kernel's array type
 */
final class GradientTask<A> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Kernel<A> kernel;
  private final Topology topology;
  private final Broadcast<ShippedArray<A>> parameters;
  private final MinibatchPlan plan;
  private final Dropout dropout;
  private final int epoch;
  private final int step;
  private final TaskProbe probe;

  GradientTask(
      Kernel<A> kernel,
      Topology topology,
      Broadcast<ShippedArray<A>> parameters,
      MinibatchPlan plan,
      Dropout dropout,
      int epoch,
      int step,
      TaskProbe probe) {
    this.kernel = kernel;
    this.topology = topology;
    this.parameters = parameters;
    this.plan = plan;
    this.dropout = dropout;
    this.epoch = epoch;
    this.step = step;
    this.probe = probe;
  }

  /** The seqOp: adds each shard's sums to the aggregate. The broadcast is only read. */
  GradientAggregate<A> addTo(GradientAggregate<A> aggregate, PartitionBlocks<A> part) {
    probe.beforeGradient(epoch, step, part.partition());
    for (ShardBlocks<A> shard : part.shards()) {
      aggregate.add(shard.shard(), compute(shard));
    }
    return aggregate;
  }

  Partial<A> compute(ShardBlocks<A> part) {
    int from = plan.shareStart(step, part.shard(), part.count());
    int to = plan.shareEnd(step, part.shard(), part.count());
    if (from == to) {
      return new Partial<>();
    }
    int[] order = plan.order(epoch, part.shard(), part.count());
    A weights = parameters.value().array();
    Partial<A> partial = new Partial<>(kernel, topology.parameterCount());
    Workspace<A> ws = Workspaces.forThread(kernel, topology);
    for (int start = from; start < to; start += ws.capacity()) {
      int n = Math.min(to - start, ws.capacity());
      Inputs<A> x = part.gather(order, start, start + n, ws);
      Dropout.Masks masks = Dropout.Masks.NONE;
      if (!dropout.isOff()) {
        for (int j = 0; j < n; j++) {
          ws.keys()[j] = exampleKey(part.shard(), order[start + j]);
        }
        masks = dropout.masks(epoch, step, ws.keys());
      }
      partial.add(
          Backprop.accumulateGradient(
              topology, weights, x, ws.targets(), 0, ws.weights(), 0, ws, partial.gradient, masks),
          n);
    }
    return partial;
  }

  /** An example's place in the data: its shard and its index there. */
  private static long exampleKey(int shard, int index) {
    return ((long) shard << 32) | index;
  }
}
