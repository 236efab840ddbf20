package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the command line, as a user meets it: exit code 2, one line on stderr naming
 * the file, key or value at fault, and a finished run already in the output directory left as it
 * was, even with --overwrite. (Bad model files and checkpoints are refused by their readers: see
 * ModelFilesTest, MlpClassifierTest and CheckpointResumeTest.)
 */
class BadInputTest {
  private static Path dir;
  private static Path out;
  private static Map<String, byte[]> finishedRun;

  @BeforeAll
  static void finishARun(@org.junit.jupiter.api.io.TempDir Path tempDir) throws IOException {
    dir = tempDir;
    out = dir.resolve("run");
    assertEquals(
        0, Cli.trainMain("--out", out.toString(), "data.examples=100", "train.epochs=1").exit());
    finishedRun = Cli.snapshot(out);
    assertTrue(finishedRun.containsKey(TrainJob.SUMMARY));

    Files.writeString(dir.resolve("bad-index.libsvm"), "1 1:0.5 2:0.5\n0 0:0.1 2:0.2\n");
    Files.writeString(dir.resolve("not-a-number.csv"), "x1,x2,label\n0.5,0.5,1\n0.1,abc,0\n");
    Files.writeString(dir.resolve("nan.csv"), "x1,x2,label\n0.5,0.5,1\nNaN,0.2,0\n");
    Files.writeString(dir.resolve("nan.libsvm"), "1 1:0.5 2:0.5\n0 1:NaN 2:0.1\n");
    Files.writeString(dir.resolve("weights.csv"), "x1,x2,w,label\n0.5,0.5,1,1\n0.1,0.2,-1,0\n");
    Files.writeString(
        dir.resolve("weight-text.csv"), "x1,x2,w,label\n0.5,0.5,heavy,1\n0.1,0.2,1,0\n");
    Files.writeString(dir.resolve("zero-weights.csv"), "x1,x2,w,label\n0.5,0.5,0,1\n0.1,0.2,0,0\n");
    Files.writeString(dir.resolve("label.csv"), "x1,x2,label\n0.5,0.5,1\n0.1,0.2,7\n0.2,0.1,0\n");
    Files.writeString(dir.resolve("empty.csv"), "x1,x2,label\n");
    Files.writeString(dir.resolve("xor.csv"), "x1,x2,label\n0.5,0.5,1\n-0.5,0.5,0\n");
    Files.writeString(dir.resolve("job.properties"), "model.layers = 2,4,1\n");
    Files.writeString(dir.resolve("twice.properties"), "train.epochs = 2\ntrain.epochs = 3\n");
    Files.writeString(dir.resolve("bom.properties"), "\uFEFFtrain.lr = 0.1\n");
    mnist("corrupt-idx", 0x00000800, 3, 3);
    mnist("truncated-idx", 0x00000803, 3, 2);
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        bad(
            "LIBSVM index not one-based",
            "data file DIR/bad-index.libsvm, line 2: requirement failed: indices should be one-based",
            "data.source=libsvm",
            "data.path=DIR/bad-index.libsvm",
            "data.num_features=2"),
        bad(
            "CSV cell not a number",
                "data file DIR/not-a-number.csv, line 3: column 'x2' is not numeric (it holds 'abc')",
            "data.source=csv", "data.path=DIR/not-a-number.csv"),
        bad(
            "NaN feature",
            "training file DIR/nan.csv, line 3: feature column 'x1' is NaN: features must be finite",
            "data.source=csv",
            "data.path=DIR/nan.csv"),
        bad(
            "NaN feature in a LIBSVM file",
            "training file DIR/nan.libsvm, line 2: feature index 1 is NaN: features must be finite",
            "data.source=libsvm",
            "data.path=DIR/nan.libsvm"),
        bad(
            "test label that is not a class",
            "test file DIR/label.csv, line 3: label '7' is not one of the classes (0, 1)",
            "data.source=csv",
            "data.path=DIR/xor.csv",
            "data.test_path=DIR/label.csv"),
        bad(
            "negative weight",
            "training file DIR/weights.csv, line 3: weight -1.0 in column 'w' must be finite and >= 0",
            "data.source=csv",
            "data.path=DIR/weights.csv",
            "data.weight_col=w"),
        bad(
            "weight that is not a number",
            "training file DIR/weight-text.csv, line 2: weight 'heavy' is not a number",
            "data.source=csv",
            "data.path=DIR/weight-text.csv",
            "data.weight_col=w"),
        bad(
            "every weight zero",
            "every row of the training file DIR/zero-weights.csv has weight 0",
            "data.source=csv",
            "data.path=DIR/zero-weights.csv",
            "data.weight_col=w"),
        bad(
            "weight column missing",
            "data file DIR/xor.csv has no weight column 'w' (columns: [x1, x2, label])",
            "data.source=csv",
            "data.path=DIR/xor.csv",
            "data.weight_col=w"),
        bad(
            "weight column of a LIBSVM file",
            "data.weight_col = w (command line): LIBSVM files have no columns: use csv or parquet",
            "data.source=libsvm",
            "data.path=DIR/bad-index.libsvm",
            "data.weight_col=w"),
        bad(
            "more labels than classes",
            "model.layers: the output layer (sigmoid) has 2 classes but training file DIR/label.csv holds 3 labels (0, 1, 7)",
            "data.source=csv",
            "data.path=DIR/label.csv"),
        bad(
            "empty input", "data file DIR/empty.csv holds no rows",
            "data.source=csv", "data.path=DIR/empty.csv"),
        bad(
            "wrong feature count",
            "model.layers: the input layer has 3 units but csv DIR/xor.csv has 2 features",
            "data.source=csv",
            "data.path=DIR/xor.csv",
            "model.layers=3,4,1"),
        bad(
            "missing data file", "data file DIR/missing.csv does not exist",
            "data.source=csv", "data.path=DIR/missing.csv"),
        bad(
            "corrupt IDX header",
            "train-images-idx3-ubyte",
            "data.source=mnist",
            "data.path=DIR/corrupt-idx",
            "model.layers=4,3,10",
            "model.output=softmax"),
        bad(
            "truncated IDX",
            "train-images-idx3-ubyte",
            "data.source=mnist",
            "data.path=DIR/truncated-idx",
            "model.layers=4,3,10",
            "model.output=softmax"),
        bad(
            "missing conf file",
            "job file DIR/missing.properties does not exist",
            "DIR/missing.properties"),
        bad(
            "--init-from a model of another network",
            "--init-from DIR/run: its network 2-8-1 tanh, sigmoid+cross_entropy is not this job's 2-6-1 tanh, sigmoid+cross_entropy (model.layers)",
            "model.layers=2,6,1",
            "--init-from",
            "DIR/run"),
        bad(
            "--init-from a folder without a model",
            "--init-from DIR/corrupt-idx: ",
            "--init-from",
            "DIR/corrupt-idx"),
        bad("unknown conf key", "unknown key 'train.lr' in command line", "train.lr=0.1"),
        bad(
            "bad numeric conf value",
            "train.epochs = ten (command line): is not an integer",
            "train.epochs=ten"),
        bad(
            "network too large for the driver",
            "model.layers = 2,500000000,1 (command line): 2000000001 parameters take 14.9 GiB as float64, and the driver needs 4 copies, an executor 3, but the driver has",
            "model.layers=2,500000000,1"),
        bad(
            "key given twice in a job file",
            "DIR/twice.properties gives a key more than once: 'train.epochs' (2, then 3)",
            "DIR/twice.properties"),
        bad(
            "byte order mark before the first key",
            "unknown key 'train.lr' in DIR/bom.properties (valid keys:",
            "DIR/bom.properties"),
        bad(
            "value out of its range",
            "data.validation_fraction = 1.5 (command line): must be in [0, 1)",
            "data.validation_fraction=1.5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void isRefusedInOneLineAndLeavesTheFinishedRunAlone(
      String name, String expected, List<String> arguments) throws IOException {
    List<String> all = new ArrayList<>(arguments);
    all.addAll(List.of("--out", out.toString(), "--overwrite"));

    Cli.Result result = Cli.trainMain(all.toArray(new String[0]));

    assertEquals(TrainMain.EXIT_BAD_INPUT, result.exit(), result.stderr());
    List<String> lines = result.messages();
    assertEquals(1, lines.size(), result.stderr());
    assertTrue(lines.get(0).contains(expected.replace("DIR", dir.toString())), lines.get(0));
    Map<String, byte[]> after = Cli.snapshot(out);
    assertEquals(finishedRun.keySet(), after.keySet());
    for (String file : finishedRun.keySet()) {
      assertArrayEquals(finishedRun.get(file), after.get(file), file + " changed");
    }
  }

  private static Arguments bad(String name, String expected, String... arguments) {
    return Arguments.of(
        name, expected, Stream.of(arguments).map(a -> a.replace("DIR", dir.toString())).toList());
  }

  /** Four 2x2-pixel MNIST files in DIR/name; the training images file declares count images. */
  private static void mnist(String name, int imagesMagic, int count, int stored)
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.write(folder.resolve("train-images-idx3-ubyte"), images(imagesMagic, count, stored));
    Files.write(folder.resolve("train-labels-idx1-ubyte"), labels(count));
    Files.write(folder.resolve("t10k-images-idx3-ubyte"), images(0x00000803, 2, 2));
    Files.write(folder.resolve("t10k-labels-idx1-ubyte"), labels(2));
  }

  private static byte[] images(int magic, int count, int stored) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    data.writeInt(magic);
    data.writeInt(count);
    data.writeInt(2);
    data.writeInt(2);
    data.write(new byte[4 * stored]);
    return bytes.toByteArray();
  }

  private static byte[] labels(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    data.writeInt(0x00000801);
    data.writeInt(count);
    data.write(new byte[count]);
    return bytes.toByteArray();
  }
}
