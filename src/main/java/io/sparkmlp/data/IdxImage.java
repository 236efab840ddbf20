package io.sparkmlp.data;

import java.io.Serializable;

/**
 * One labelled image as stored in an IDX file: rows x cols unsigned bytes, row-major. Kept as bytes
 * until it reaches an executor, so shipping MNIST costs 47 MB rather than 376 MB.
 */
public record IdxImage(byte[] pixels, int label) implements Serializable {
  /** The example with features {@code pixel * scale}, in the file's pixel order. */
  public Example toExample(double scale) {
    double[] features = new double[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      features[i] = (pixels[i] & 0xff) * scale;
    }
    return Example.labeled(features, label);
  }
}
