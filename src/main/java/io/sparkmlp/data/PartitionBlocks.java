package io.sparkmlp.data;

import java.io.Serializable;
import java.util.List;

/**
 * The shards one partition holds, in {@link Sharding#shardsOf} order; a shard without rows is there
 * too, so that every shard of the data is in exactly one partition.
 *
 * @param <A> the kernel's array type
 */
public record PartitionBlocks<A>(int partition, List<ShardBlocks<A>> shards)
    implements Serializable {
  /** The examples of all its shards. */
  public long count() {
    return shards.stream().mapToLong(ShardBlocks::count).sum();
  }

  /** The examples whose weight is not 0. */
  public long weighted() {
    return shards.stream().mapToLong(ShardBlocks::weighted).sum();
  }
}
