package io.sparkmlp.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-style IDX files, gzipped or not (told apart by the gzip magic bytes). All integers
 * are big-endian: images are magic 2051, count, rows, cols, then count*rows*cols unsigned bytes;
 * labels are magic 2049, count, then count unsigned bytes. Every header field and the exact length
 * are checked, sizes before anything is allocated.
 */
public final class MnistIdx {
  static final int IMAGES_MAGIC = 2051;
  static final int LABELS_MAGIC = 2049;

  /** Largest image we accept, so a corrupt header cannot ask for gigabytes. */
  static final int MAX_PIXELS_PER_IMAGE = 1 << 16;

  /** The standard MNIST file names, looked up with and without ".gz". */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";

  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  private MnistIdx() {}

  /** Pixels per image of an images file, from its header alone. */
  public static int pixelsPerImage(Path images) throws IOException {
    try (DataInputStream in = open(images)) {
      Header header = imagesHeader(in, images);
      return header.rows * header.cols;
    }
  }

  /**
   * The number of images, after checking both headers and that they agree.
   *
   * @throws InvalidInputException naming the file and what is wrong with it
   */
  public static int count(Path images, Path labels) throws IOException {
    try (DataInputStream imageIn = open(images);
        DataInputStream labelIn = open(labels)) {
      return checkedHeaders(imageIn, images, labelIn, labels).count;
    }
  }

  /**
   * Images {@code from} (inclusive) to {@code to} (exclusive) with their labels. A range that ends
   * at the last image also checks that nothing follows it.
   *
   * @throws InvalidInputException naming the file and what is wrong with it
   */
  public static List<IdxImage> read(Path images, Path labels, int from, int to) throws IOException {
    try (DataInputStream imageIn = open(images);
        DataInputStream labelIn = open(labels)) {
      Header header = checkedHeaders(imageIn, images, labelIn, labels);
      if (from < 0 || from > to || to > header.count) {
        throw new IllegalArgumentException(
            "range [" + from + ", " + to + ") is outside the " + header.count + " images");
      }
      int pixels = header.rows * header.cols;
      skip(imageIn, (long) from * pixels, images, header.count);
      skip(labelIn, from, labels, header.count);
      List<IdxImage> result = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        byte[] image = readExactly(imageIn, pixels, images, i, header.count);
        int label = labelIn.read();
        if (label < 0) {
          throw truncated(labels, i, header.count, "labels");
        }
        result.add(new IdxImage(image, label));
      }
      if (to == header.count) {
        requireEnd(imageIn, images);
        requireEnd(labelIn, labels);
      }
      return result;
    }
  }

  private static Header checkedHeaders(
      DataInputStream imageIn, Path images, DataInputStream labelIn, Path labels)
      throws IOException {
    Header header = imagesHeader(imageIn, images);
    requireMagic(labelIn, labels, LABELS_MAGIC, "labels");
    int labelCount = readInt(labelIn, labels);
    if (labelCount != header.count) {
      throw new InvalidInputException(
          "%s holds %s labels but %s holds %s images"
              .formatted(labels, labelCount, images, header.count));
    }
    return header;
  }

  private static void skip(InputStream in, long bytes, Path file, int count) throws IOException {
    try {
      in.skipNBytes(bytes);
    } catch (EOFException e) {
      throw new InvalidInputException(
          file + " is truncated: its header promises " + count + " records");
    }
  }

  /** {@code dir/name.gz} if it exists, else {@code dir/name}. */
  public static Path find(Path dir, String name) {
    Path gzipped = dir.resolve(name + ".gz");
    return Files.exists(gzipped) ? gzipped : dir.resolve(name);
  }

  private record Header(int count, int rows, int cols) {}

  private static Header imagesHeader(DataInputStream in, Path file) throws IOException {
    requireMagic(in, file, IMAGES_MAGIC, "images");
    int count = readInt(in, file);
    int rows = readInt(in, file);
    int cols = readInt(in, file);
    if (count < 0 || rows < 1 || cols < 1 || (long) rows * cols > MAX_PIXELS_PER_IMAGE) {
      throw new InvalidInputException(
          "%s: header dimensions %s x %s x %s are not those of an image set (at most %s pixels per image)"
              .formatted(file, count, rows, cols, MAX_PIXELS_PER_IMAGE));
    }
    return new Header(count, rows, cols);
  }

  /** Reads the magic number; refuses a file whose is not {@code expected}. */
  private static void requireMagic(DataInputStream in, Path file, int expected, String what)
      throws IOException {
    int magic = readInt(in, file);
    if (magic != expected) {
      throw new InvalidInputException(
          "%s: magic number %s is not that of an IDX %s file (%s)"
              .formatted(file, magic, what, expected));
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw;
    try {
      raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("data file " + file + " does not exist");
    }
    raw.mark(2);
    boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    return new DataInputStream(
        gzipped ? new BufferedInputStream(new GZIPInputStream(raw), 1 << 16) : raw);
  }

  private static int readInt(DataInputStream in, Path file) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new InvalidInputException(file + " ends inside its IDX header");
    }
  }

  private static byte[] readExactly(DataInputStream in, int length, Path file, int index, int count)
      throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw truncated(file, index, count, "images");
    }
    return bytes;
  }

  private static InvalidInputException truncated(Path file, int index, int count, String what) {
    return new InvalidInputException(
        "%s is truncated: its header promises %s %s but it ends at %s"
            .formatted(file, count, what, index));
  }

  private static void requireEnd(InputStream in, Path file) throws IOException {
    if (in.read() >= 0) {
      throw new InvalidInputException(
          file + " has bytes after the last record its header promises");
    }
  }
}
