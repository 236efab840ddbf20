package io.sparkmlp.nn;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How the kernels write arrays in bulk ({@link Kernel#write}): the length, then the entries as
 * little-endian bytes, a chunk at a time through one buffer.
 */
final class Wire {
  /** Entries per bulk copy: large enough to stream, small enough not to double the array. */
  private static final int CHUNK = 1 << 16;

  private Wire() {}

  /** Copies entries [from, from + count) of an array into or out of bytes, from its start. */
  @FunctionalInterface
  interface Copy {
    void copy(ByteBuffer bytes, int from, int count);
  }

  static void write(int length, int entryBytes, ObjectOutput out, Copy into) throws IOException {
    out.writeInt(length);
    ByteBuffer bytes = buffer(length, entryBytes);
    for (int from = 0; from < length; from += CHUNK) {
      int count = Math.min(CHUNK, length - from);
      bytes.clear();
      into.copy(bytes, from, count);
      out.write(bytes.array(), 0, count * entryBytes);
    }
  }

  /** Reads the entries {@link #write} wrote after the length, which the caller has read. */
  static void read(int length, int entryBytes, ObjectInput in, Copy outOf) throws IOException {
    ByteBuffer bytes = buffer(length, entryBytes);
    for (int from = 0; from < length; from += CHUNK) {
      int count = Math.min(CHUNK, length - from);
      in.readFully(bytes.array(), 0, count * entryBytes);
      bytes.clear();
      outOf.copy(bytes, from, count);
    }
  }

  private static ByteBuffer buffer(int length, int entryBytes) {
    return ByteBuffer.allocate(Math.min(length, CHUNK) * entryBytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
