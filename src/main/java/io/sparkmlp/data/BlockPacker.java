package io.sparkmlp.data;

import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;

/**
 * Packs one partition's rows into {@link PartitionBlocks}, checking each row against the network:
 * feature count, finite values, and a target the output layer can produce.
 */
public final class BlockPacker
    implements Function2<Integer, Iterator<Example>, Iterator<PartitionBlocks>> {
  private static final long serialVersionUID = 1L;

  /** Default examples per block: 4096 MNIST rows make a 25 MiB block. */
  public static final int DEFAULT_BLOCK_ROWS = 4096;

  private final int inputs;
  private final int targetRows;
  private final Task task;
  private final int classes;
  private final int blockRows;
  private final Precision precision;

  /** A packer of double features. */
  public BlockPacker(Topology topology, int blockRows) {
    this(topology, blockRows, Precision.FLOAT64);
  }

  /**
   * @param precision FLOAT32 stores the features as float (half the memory, for float32 training)
   */
  public BlockPacker(Topology topology, int blockRows, Precision precision) {
    if (blockRows < 1) {
      throw new IllegalArgumentException("block rows must be >= 1, got " + blockRows);
    }
    this.inputs = topology.inputs();
    this.targetRows = topology.targetRows();
    this.task = topology.task();
    this.classes = topology.classes();
    this.blockRows = blockRows;
    this.precision = precision;
  }

  @Override
  public Iterator<PartitionBlocks> call(Integer partition, Iterator<Example> rows) {
    List<Block> blocks = new ArrayList<>();
    double[] features = new double[inputs * blockRows];
    double[] targets = new double[targetRows * blockRows];
    int inBlock = 0;
    int count = 0;
    while (rows.hasNext()) {
      Example example = rows.next();
      check(example, partition, count);
      System.arraycopy(example.features(), 0, features, inBlock * inputs, inputs);
      System.arraycopy(example.target(), 0, targets, inBlock * targetRows, targetRows);
      inBlock++;
      count++;
      if (inBlock == blockRows) {
        blocks.add(block(inBlock, features, targets));
        features = precision == Precision.FLOAT32 ? features : new double[inputs * blockRows];
        targets = new double[targetRows * blockRows];
        inBlock = 0;
      }
    }
    if (inBlock > 0) {
      blocks.add(block(inBlock, features, targets));
    }
    return List.of(new PartitionBlocks(partition, count, blockRows, blocks)).iterator();
  }

  /** The block of the first {@code rows} columns; keeps features only when it stores double. */
  private Block block(int rows, double[] features, double[] targets) {
    int length = inputs * rows;
    double[] ownTargets = rows == blockRows ? targets : Arrays.copyOf(targets, targetRows * rows);
    if (precision == Precision.FLOAT32) {
      float[] narrowed = new float[length];
      Precision.narrow(features, 0, narrowed, 0, length);
      return new Block(rows, inputs, targetRows, null, narrowed, ownTargets);
    }
    double[] own = rows == blockRows ? features : Arrays.copyOf(features, length);
    return new Block(rows, inputs, targetRows, own, null, ownTargets);
  }

  private void check(Example example, int partition, int row) {
    String where = "row " + row + " of partition " + partition;
    if (example.features().length != inputs) {
      throw new InvalidInputException(
          where
              + " has "
              + example.features().length
              + " features but the input layer has "
              + inputs);
    }
    for (int i = 0; i < inputs; i++) {
      double x = example.features()[i];
      if (!Double.isFinite(x)) {
        throw new InvalidInputException(where + ": feature " + i + " is " + x + ", must be finite");
      }
      if (precision == Precision.FLOAT32 && Math.abs(x) > Float.MAX_VALUE) {
        throw new InvalidInputException(
            where + ": feature " + i + " is " + x + ", beyond float32's range (scale the data)");
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
    if (task == Task.CLASSIFICATION) {
      double label = example.target()[0];
      if (label != Math.rint(label) || label < 0 || label >= classes) {
        throw new InvalidInputException(
            where + ": label " + label + " is not a class in [0, " + classes + ")");
      }
    }
  }
}
