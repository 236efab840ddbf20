package io.sparkmlp.train;

import io.sparkmlp.data.PartitionBlocks;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * A partition's confusion counts: entry [true class * classes + predicted class] counts examples.
 */
final class ConfusionTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Topology topology;
  private final Broadcast<double[]> parameters;

  ConfusionTask(Topology topology, Broadcast<double[]> parameters) {
    this.topology = topology;
    this.parameters = parameters;
  }

  long[] addTo(long[] counts, PartitionBlocks part) {
    double[] weights = parameters.value();
    Workspace ws = Workspaces.forThread(topology);
    int classes = topology.classes();
    Workspaces.eachChunk(
        part,
        ws,
        (block, x, xOffset, start, n) -> {
          Backprop.forward(topology, weights, x, xOffset, n, ws);
          for (int j = 0; j < n; j++) {
            int predicted =
                topology.outputLoss().predictedClass(ws.outputs(), j, topology.outputs());
            counts[(int) block.targets()[block.targetOffset(start) + j] * classes + predicted]++;
          }
        });
    return counts;
  }

  static long[] sum(long[] left, long[] right) {
    for (int i = 0; i < left.length; i++) {
      left[i] += right[i];
    }
    return left;
  }
}
