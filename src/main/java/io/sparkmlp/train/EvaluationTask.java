package io.sparkmlp.train;

import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.BatchResult;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/** Loss and correct count of every example of a partition, by forward passes only. */
final class EvaluationTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Topology topology;
  private final Broadcast<double[]> parameters;

  EvaluationTask(Topology topology, Broadcast<double[]> parameters) {
    this.topology = topology;
    this.parameters = parameters;
  }

  GradientAggregate addTo(GradientAggregate aggregate, PartitionBlocks part) {
    Partial partial = new Partial();
    double[] weights = parameters.value();
    Workspace ws = Workspaces.forThread(topology);
    Workspaces.eachChunk(
        part,
        ws,
        (block, x, xOffset, start, n) -> {
          BatchResult result =
              Backprop.evaluate(
                  topology, weights, x, xOffset, block.targets(), block.targetOffset(start), n, ws);
          partial.lossSum += result.lossSum();
          partial.correct += result.correct();
          partial.count += n;
        });
    return aggregate.add(part.partition(), partial);
  }
}
