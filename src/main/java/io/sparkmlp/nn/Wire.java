package io.sparkmlp.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How the kernels write arrays in bulk ({@link Kernel#write}): little-endian, a chunk at a time.
 */
final class Wire {
  /** Entries per bulk copy: large enough to stream, small enough not to double the array. */
  static final int CHUNK = 1 << 16;

  private Wire() {}

  static ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
