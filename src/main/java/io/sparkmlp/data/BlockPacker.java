package io.sparkmlp.data;

import io.sparkmlp.nn.Inputs;
import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.SparseInputs;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Packs one partition's rows, keyed by their positions in the data and sorted by {@link
 * Sharding#rowOrder}, into {@link PartitionBlocks}: each shard's own blocks, in a kernel's
 * precision and a {@link FeatureLayout}. Checks each row against the network: feature count, finite
 * values that the precision holds, a target the output layer can produce, and a weight that is
 * finite and not negative.
 *
 * @param <A> the kernel's array type
 */
public final class BlockPacker<A>
    implements Function2<Integer, Iterator<Tuple2<Long, Example>>, Iterator<PartitionBlocks<A>>> {
  private static final long serialVersionUID = 1L;

  /** Default examples per block: 4096 MNIST rows make a 25 MiB block. */
  public static final int DEFAULT_BLOCK_ROWS = 4096;

  private final int inputs;
  private final int targetRows;
  private final Task task;
  private final int classes;
  private final int blockRows;
  private final Kernel<A> kernel;
  private final FeatureLayout layout;
  private final Sharding sharding;

  /**
   * @param layout DENSE or SPARSE (resolve AUTO first)
   * @param sharding how the rows were partitioned
   */
  public BlockPacker(
      Topology topology, int blockRows, Kernel<A> kernel, FeatureLayout layout, Sharding sharding) {
    if (blockRows < 1) {
      throw new IllegalArgumentException("block rows must be >= 1, got " + blockRows);
    }
    if (layout == FeatureLayout.AUTO) {
      throw new IllegalArgumentException("resolve the feature layout before packing");
    }
    this.inputs = topology.inputs();
    this.targetRows = topology.targetRows();
    this.task = topology.task();
    this.classes = topology.classes();
    this.blockRows = blockRows;
    this.kernel = kernel;
    this.layout = layout;
    this.sharding = sharding;
  }

  @Override
  public Iterator<PartitionBlocks<A>> call(
      Integer partition, Iterator<Tuple2<Long, Example>> rows) {
    int[] order = sharding.shardsOf(partition);
    List<ShardBlocks<A>> shards = new ArrayList<>();
    List<Block<A>> blocks = new ArrayList<>();
    List<Example> block = new ArrayList<>(blockRows);
    int count = 0;
    while (rows.hasNext()) {
      Tuple2<Long, Example> row = rows.next();
      int shard = sharding.shardOf(row._1());
      while (shards.size() < order.length && order[shards.size()] != shard) {
        shards.add(finish(order[shards.size()], count, blocks, block));
        blocks = new ArrayList<>();
        count = 0;
      }
      if (shards.size() == order.length) {
        throw new IllegalStateException(
            "row " + row._1() + " of shard " + shard + " reached partition " + partition);
      }
      check(row._2(), row._1());
      block.add(row._2());
      count++;
      if (block.size() == blockRows) {
        blocks.add(pack(block));
        block.clear();
      }
    }
    while (shards.size() < order.length) {
      shards.add(finish(order[shards.size()], count, blocks, block));
      blocks = new ArrayList<>();
      count = 0;
    }
    return List.of(new PartitionBlocks<>(partition, shards)).iterator();
  }

  /** rows keyed by their positions 0, 1, 2, ...: the input of one partition of one shard. */
  public static Iterator<Tuple2<Long, Example>> positioned(Iterator<Example> rows) {
    return new Iterator<>() {
      private long position;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Tuple2<Long, Example> next() {
        return new Tuple2<>(position++, rows.next());
      }
    };
  }

  /** The shard of count rows: its full blocks and, packed now and cleared, the rest. */
  private ShardBlocks<A> finish(int shard, int count, List<Block<A>> blocks, List<Example> rest) {
    if (!rest.isEmpty()) {
      blocks.add(pack(rest));
      rest.clear();
    }
    return new ShardBlocks<>(shard, count, blockRows, kernel, blocks);
  }

  private Block<A> pack(List<Example> rows) {
    int n = rows.size();
    double[] targets = new double[targetRows * n];
    double[] weights = new double[n];
    for (int j = 0; j < n; j++) {
      System.arraycopy(rows.get(j).target(), 0, targets, j * targetRows, targetRows);
      weights[j] = rows.get(j).weight();
    }
    Inputs<A> features = layout == FeatureLayout.SPARSE ? sparse(rows) : dense(rows);
    return new Block<>(n, targetRows, features, targets, weights);
  }

  private Matrix<A> dense(List<Example> rows) {
    A features = kernel.allocate(inputs * rows.size());
    for (int j = 0; j < rows.size(); j++) {
      kernel.fromDouble(rows.get(j).features().toArray(), 0, features, j * inputs, inputs);
    }
    return Matrix.of(features, 0, inputs, rows.size());
  }

  /** The rows' non-zeros in compressed columns, exactly sized. */
  private SparseInputs<A> sparse(List<Example> rows) {
    int[] starts = new int[rows.size() + 1];
    for (int j = 0; j < rows.size(); j++) {
      starts[j + 1] = starts[j] + rows.get(j).features().numNonzeros();
    }
    int[] indices = new int[starts[rows.size()]];
    double[] values = new double[indices.length];
    for (int j = 0; j < rows.size(); j++) {
      int[] at = {starts[j]};
      FeatureVectors.eachStored(
          rows.get(j).features(),
          (i, x) -> {
            if (x != 0) {
              indices[at[0]] = i;
              values[at[0]] = x;
              at[0]++;
            }
          });
    }
    return SparseInputs.of(inputs, rows.size(), starts, indices, kernel.fromDouble(values));
  }

  /**
   * @param row the example's position in the data, 0-based
   */
  private void check(Example example, long row) {
    String where = "row " + (row + 1);
    if (example.features().size() != inputs) {
      throw new InvalidInputException(
          "%s has %s features but the input layer has %s"
              .formatted(where, example.features().size(), inputs));
    }
    FeatureVectors.eachStored(
        example.features(),
        (i, x) -> {
          if (!Double.isFinite(x)) {
            throw new InvalidInputException(
                where + ": feature " + i + " is " + x + ", must be finite");
          }
          if (Math.abs(x) > kernel.precision().largest()) {
            throw new InvalidInputException(
                "%s: feature %s is %s, beyond %s's range (scale the data)"
                    .formatted(where, i, x, kernel.precision().label()));
          }
        });
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
