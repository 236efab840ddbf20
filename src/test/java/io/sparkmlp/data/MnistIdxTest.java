package io.sparkmlp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written here byte by byte, well-formed and broken in each way the reader checks. */
class MnistIdxTest {
  private static final byte[][] PIXELS = {{0, 1, 2, (byte) 255}, {9, 8, 7, 6}, {0, 0, 0, 0}};
  private static final byte[] LABELS = {3, 7, 9};

  @TempDir Path dir;

  @Test
  void readsGzippedAndPlainFilesAlike() throws IOException {
    Path images = write("images.gz", images(2051, 3, 2, 2, PIXELS), true);
    Path labels = write("labels", labels(2049, 3, LABELS), false);
    assertEquals(3, MnistIdx.count(images, labels));
    List<IdxImage> read = MnistIdx.read(images, labels, 0, 3);
    assertEquals(3, read.size());
    assertArrayEquals(PIXELS[0], read.get(0).pixels());
    assertEquals(7, read.get(1).label());
    assertArrayEquals(new double[] {0, 1, 2, 255}, read.get(0).toExample(1).features().toArray());
    assertEquals(4, MnistIdx.pixelsPerImage(images));
  }

  @Test
  void rangeReadsThoseImagesOnly() throws IOException {
    Path images = write("images.gz", images(2051, 3, 2, 2, PIXELS), true);
    Path labels = write("labels", labels(2049, 3, LABELS), false);
    List<IdxImage> middle = MnistIdx.read(images, labels, 1, 3);
    assertEquals(2, middle.size());
    assertArrayEquals(PIXELS[1], middle.get(0).pixels());
    assertEquals(9, middle.get(1).label());
    assertEquals(1, MnistIdx.read(images, labels, 0, 1).size());
  }

  @Test
  void wrongMagicIsNamed() throws IOException {
    Path images = write("images", images(2049, 3, 2, 2, PIXELS), false);
    Path labels = write("labels", labels(2049, 3, LABELS), false);
    assertMessage(
        images + ": magic number 2049 is not that of an IDX images file (2051)", images, labels);
  }

  @Test
  void truncatedImagesAreNamed() throws IOException {
    byte[] whole = images(2051, 3, 2, 2, PIXELS);
    Path images = write("images", Arrays.copyOf(whole, whole.length - 3), true);
    Path labels = write("labels", labels(2049, 3, LABELS), false);
    assertMessage(
        images + " is truncated: its header promises 3 images but it ends at 2", images, labels);
  }

  @Test
  void trailingBytesAreNamed() throws IOException {
    byte[] whole = images(2051, 3, 2, 2, PIXELS);
    Path images = write("images", Arrays.copyOf(whole, whole.length + 1), false);
    Path labels = write("labels", labels(2049, 3, LABELS), false);
    assertMessage(images + " has bytes after the last record its header promises", images, labels);
  }

  @Test
  void absurdDimensionsAreRefusedBeforeAllocating() throws IOException {
    Path images = write("images", images(2051, 3, 1 << 20, 1 << 20, new byte[0][]), false);
    Path labels = write("labels", labels(2049, 3, LABELS), false);
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> MnistIdx.count(images, labels));
    assertTrue(error.getMessage().contains("are not those of an image set"), error.getMessage());
  }

  @Test
  void labelCountMustMatch() throws IOException {
    Path images = write("images", images(2051, 3, 2, 2, PIXELS), false);
    Path labels = write("labels", labels(2049, 2, new byte[] {1, 2}), false);
    assertMessage(labels + " holds 2 labels but " + images + " holds 3 images", images, labels);
  }

  @Test
  void missingFileIsNamed() throws IOException {
    Path labels = write("labels", labels(2049, 3, LABELS), false);
    Path missing = dir.resolve("nope");
    assertMessage("data file " + missing + " does not exist", missing, labels);
  }

  private static void assertMessage(String expected, Path images, Path labels) {
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> MnistIdx.read(images, labels, 0, 3));
    assertEquals(expected, error.getMessage());
  }

  private static byte[] images(int magic, int count, int rows, int cols, byte[][] pixels)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.writeInt(rows);
    out.writeInt(cols);
    for (byte[] image : pixels) {
      out.write(image);
    }
    return bytes.toByteArray();
  }

  private static byte[] labels(int magic, int count, byte[] labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.write(labels);
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] bytes, boolean gzip) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(bytes);
    }
    return file;
  }
}
