package io.sparkmlp.train;

import io.sparkmlp.nn.Kernel;
import io.sparkmlp.nn.Precision;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/**
 * An array as a step's broadcast ships it: written by its kernel in bulk ({@link Kernel#write}),
 * not an entry at a time as Java serialization writes a primitive array, and read back as
 * primitives only. Kryo, which a user may configure as Spark's serializer and which ignores {@link
 * Externalizable}, writes its two fields as they are.
 *
 * @param <A> double[] or float[]
 */
public final class ShippedArray<A> implements Externalizable {
  private static final long serialVersionUID = 1L;

  private Kernel<A> kernel;
  private A array;

  /** For deserialization only. */
  public ShippedArray() {}

  public ShippedArray(Kernel<A> kernel, A array) {
    this.kernel = kernel;
    this.array = array;
  }

  public A array() {
    return array;
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeByte(kernel.precision().ordinal());
    kernel.write(array, out);
  }

  @Override
  @SuppressWarnings("unchecked") // writeExternal wrote an array of this kernel's type
  public void readExternal(ObjectInput in) throws IOException {
    kernel = (Kernel<A>) Precision.values()[in.readByte()].kernel();
    array = kernel.read(in);
  }
}
