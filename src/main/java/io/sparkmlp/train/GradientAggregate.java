package io.sparkmlp.train;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The treeAggregate value: per-shard {@link Partial}s summed in an order fixed by shard index,
 * whatever partition computes a shard and whatever order Spark merges them in.
 *
 * <p>Floating-point addition is commutative but not associative, so ((a+b)+c) and (a+(b+c)) may
 * differ in the last bits, and treeAggregate merges partial sums in the order tasks finish. So the
 * sum is defined by a fixed binary tree over the L leaf (shard) indices: node (k, r) holds the
 * leaves i with i mod 2^k = r; its children are (k+1, r) and (k+1, r + 2^k); its value is the sum
 * of its two children's values, or its only non-empty child's value. An aggregate holds the nodes
 * it has completed; whenever a node and its sibling meet they are replaced by their parent. Every
 * node's value is then one pairwise sum of two well-defined values, and since a+b == b+a bit for
 * bit, the root is the same for every merge order and every split of the leaves among partitions.
 *
 * <p>The tree splits on the low bits first; {@link io.sparkmlp.data.Sharding} gives each partition
 * whole subtrees where it can, so a partition sends few sums, and for a power-of-two partition
 * count one.
 */
public final class GradientAggregate<A> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int leaves;
  private final int leafLevel;
  private final Map<Integer, Partial<A>> nodes = new HashMap<>();

  private GradientAggregate(int leaves) {
    if (leaves < 1) {
      throw new IllegalArgumentException("need at least 1 leaf, got " + leaves);
    }
    this.leaves = leaves;
    this.leafLevel = 32 - Integer.numberOfLeadingZeros(leaves - 1);
  }

  /** The zero value: no nodes and no arrays, so it costs nothing to ship to each task. */
  public static <A> GradientAggregate<A> empty(int leaves) {
    return new GradientAggregate<>(leaves);
  }

  /** Adds the sums of leaf {@code leaf}; returns this. */
  public GradientAggregate<A> add(int leaf, Partial<A> partial) {
    if (leaf < 0 || leaf >= leaves) {
      throw new IllegalArgumentException("leaf " + leaf + " is outside [0, " + leaves + ")");
    }
    insert(leafLevel, leaf, partial);
    return this;
  }

  /** Merges other's nodes into this; returns this. other's partials may be reused. */
  public GradientAggregate<A> merge(GradientAggregate<A> other) {
    for (Map.Entry<Integer, Partial<A>> node : other.nodes.entrySet()) {
      int id = node.getKey();
      int level = 31 - Integer.numberOfLeadingZeros(id);
      insert(level, id - (1 << level), node.getValue());
    }
    return this;
  }

  /**
   * The sum over all leaves.
   *
   * @throws IllegalStateException if some leaf has not been added
   */
  public Partial<A> total() {
    Partial<A> root = nodes.get(nodeId(0, 0));
    if (root == null || nodes.size() != 1) {
      throw new IllegalStateException(
          "aggregate is incomplete: holds nodes " + nodes.keySet() + " of " + leaves);
    }
    return root;
  }

  private void insert(int level, int residue, Partial<A> value) {
    while (level > 0) {
      int half = 1 << (level - 1);
      int siblingResidue = residue ^ half;
      if (siblingResidue < leaves) {
        Partial<A> sibling = nodes.remove(nodeId(level, siblingResidue));
        if (sibling == null) {
          break;
        }
        value = value.plus(sibling);
      }
      level--;
      residue &= half - 1;
    }
    if (nodes.putIfAbsent(nodeId(level, residue), value) != null) {
      throw new IllegalStateException(
          "node (" + level + ", " + residue + ") added twice: a leaf was counted twice");
    }
  }

  /** Heap numbering: level k holds ids 2^k .. 2^(k+1)-1. */
  private static int nodeId(int level, int residue) {
    return (1 << level) + residue;
  }
}
