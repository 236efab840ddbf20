package io.sparkmlp.data;

import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;

/**
 * Packs one partition's rows into {@link PartitionBlocks} in a kernel's precision, checking each
 * row against the network: feature count, finite values that the precision holds, a target the
 * output layer can produce, and a weight that is finite and not negative.
 *
 * @param <A> the kernel's array type
 */
public final class BlockPacker<A>
    implements Function2<Integer, Iterator<Example>, Iterator<PartitionBlocks<A>>> {
  private static final long serialVersionUID = 1L;

  /** Default examples per block: 4096 MNIST rows make a 25 MiB block. */
  public static final int DEFAULT_BLOCK_ROWS = 4096;

  private final int inputs;
  private final int targetRows;
  private final Task task;
  private final int classes;
  private final int blockRows;
  private final Kernel<A> kernel;

  public BlockPacker(Topology topology, int blockRows, Kernel<A> kernel) {
    if (blockRows < 1) {
      throw new IllegalArgumentException("block rows must be >= 1, got " + blockRows);
    }
    this.inputs = topology.inputs();
    this.targetRows = topology.targetRows();
    this.task = topology.task();
    this.classes = topology.classes();
    this.blockRows = blockRows;
    this.kernel = kernel;
  }

  @Override
  public Iterator<PartitionBlocks<A>> call(Integer partition, Iterator<Example> rows) {
    List<Block<A>> blocks = new ArrayList<>();
    A features = kernel.allocate(inputs * blockRows);
    double[] targets = new double[targetRows * blockRows];
    double[] weights = new double[blockRows];
    int inBlock = 0;
    int count = 0;
    while (rows.hasNext()) {
      Example example = rows.next();
      check(example, partition, count);
      kernel.fromDouble(example.features(), 0, features, inBlock * inputs, inputs);
      System.arraycopy(example.target(), 0, targets, inBlock * targetRows, targetRows);
      weights[inBlock] = example.weight();
      inBlock++;
      count++;
      if (inBlock == blockRows) {
        blocks.add(new Block<>(inBlock, inputs, targetRows, features, targets, weights));
        features = kernel.allocate(inputs * blockRows);
        targets = new double[targetRows * blockRows];
        weights = new double[blockRows];
        inBlock = 0;
      }
    }
    if (inBlock > 0) {
      blocks.add(
          new Block<>(
              inBlock,
              inputs,
              targetRows,
              kernel.copyOf(features, inputs * inBlock),
              Arrays.copyOf(targets, targetRows * inBlock),
              Arrays.copyOf(weights, inBlock)));
    }
    return List.of(new PartitionBlocks<>(partition, count, blockRows, kernel, blocks)).iterator();
  }

  private void check(Example example, int partition, int row) {
    String where = "row " + row + " of partition " + partition;
    if (example.features().length != inputs) {
      throw new InvalidInputException(
          "%s has %s features but the input layer has %s"
              .formatted(where, example.features().length, inputs));
    }
    for (int i = 0; i < inputs; i++) {
      double x = example.features()[i];
      if (!Double.isFinite(x)) {
        throw new InvalidInputException(where + ": feature " + i + " is " + x + ", must be finite");
      }
      if (Math.abs(x) > kernel.precision().largest()) {
        throw new InvalidInputException(
            "%s: feature %s is %s, beyond %s's range (scale the data)"
                .formatted(where, i, x, kernel.precision().label()));
      }
    }
    if (example.target().length != targetRows) {
      throw new InvalidInputException(
          where + " has " + example.target().length + " targets, the network needs " + targetRows);
    }
    for (double target : example.target()) {
      if (!Double.isFinite(target)) {
        throw new InvalidInputException(where + ": target is " + target + ", must be finite");
      }
    }
    String weightProblem = Example.problemWithWeight(example.weight());
    if (weightProblem != null) {
      throw new InvalidInputException(
          "%s: weight %s %s".formatted(where, example.weight(), weightProblem));
    }
    if (task == Task.CLASSIFICATION) {
      double label = example.target()[0];
      if (label != Math.rint(label) || label < 0 || label >= classes) {
        throw new InvalidInputException(
            where + ": label " + label + " is not a class in [0, " + classes + ")");
      }
    }
    if (task == Task.MULTI_LABEL) {
      for (int k = 0; k < targetRows; k++) {
        double label = example.target()[k];
        if (label != 0 && label != 1) {
          throw new InvalidInputException(
              where + ": label " + (k + 1) + " is " + label + ", must be 0 or 1");
        }
      }
    }
  }
}
