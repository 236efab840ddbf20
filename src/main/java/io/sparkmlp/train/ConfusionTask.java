package io.sparkmlp.train;

import io.sparkmlp.data.Block;
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
    for (Block block : part.blocks()) {
      for (int start = 0; start < block.rows(); start += ws.capacity()) {
        int n = Math.min(ws.capacity(), block.rows() - start);
        Backprop.forward(topology, weights, block.features(), block.featureOffset(start), n, ws);
        double[] labels = block.targets();
        int labelOffset = block.targetOffset(start);
        for (int j = 0; j < n; j++) {
          int predicted = topology.outputLoss().predictedClass(ws.outputs(), j, topology.outputs());
          counts[(int) labels[labelOffset + j] * classes + predicted]++;
        }
      }
    }
    return counts;
  }

  static long[] sum(long[] left, long[] right) {
    for (int i = 0; i < left.length; i++) {
      left[i] += right[i];
    }
    return left;
  }
}
