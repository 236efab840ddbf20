package io.sparkmlp.train;

import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.nn.ActivationStats;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/** Hidden-activation counts ({@link ActivationStats}) of every example of a partition. */
final class DiagnosticsTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Topology topology;
  private final Broadcast<double[]> parameters;

  DiagnosticsTask(Topology topology, Broadcast<double[]> parameters) {
    this.topology = topology;
    this.parameters = parameters;
  }

  ActivationStats addTo(ActivationStats stats, PartitionBlocks part) {
    double[] weights = parameters.value();
    Workspace ws = Workspaces.forThread(topology);
    Workspaces.eachChunk(
        part,
        ws,
        (block, x, xOffset, start, n) -> {
          Backprop.forward(topology, weights, x, xOffset, n, ws);
          stats.add(ws, n);
        });
    return stats;
  }
}
