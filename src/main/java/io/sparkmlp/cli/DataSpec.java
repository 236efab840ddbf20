package io.sparkmlp.cli;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.MnistIdx;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Task;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Where a job's rows come from, and how many features and what task they have. */
public sealed interface DataSpec permits DataSpec.Generated, DataSpec.Mnist, FileData {
  /** {@link #features()} of a source that tells only once it is read. */
  int UNKNOWN = -1;

  String label();

  /** Features per row, or {@link #UNKNOWN} until loaded. */
  int features();

  /** The task the rows are for, or null when the model's output layer decides. */
  Task task();

  /** Training rows and, if the source has them, test rows (else null). */
  Loaded load(JavaSparkContext jsc, int partitions) throws IOException;

  /** The rows, and the features per row. */
  record Loaded(JavaRDD<Example> train, JavaRDD<Example> test, int features) {}

  /** Rows generated from a seed; the test rows from seed + 1. */
  record Generated(SyntheticData kind, int examples, int testExamples, long seed)
      implements DataSpec {
    @Override
    public String label() {
      return kind.label();
    }

    @Override
    public int features() {
      return kind.inputs();
    }

    @Override
    public Task task() {
      return kind == SyntheticData.SINE ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    @Override
    public Loaded load(JavaSparkContext jsc, int partitions) {
      JavaRDD<Example> train = jsc.parallelize(kind.generate(examples, seed), partitions);
      JavaRDD<Example> test =
          testExamples == 0
              ? null
              : jsc.parallelize(kind.generate(testExamples, seed + 1), partitions);
      return new Loaded(train, test, kind.inputs());
    }
  }

  /**
   * The MNIST IDX files in {@code dir} (train-images-idx3-ubyte and the other three, gzipped or
   * not); the t10k files are the test set. {@code limit} keeps the first rows of each (0: all).
   */
  record Mnist(Path dir, int limit, int features) implements DataSpec {
    @Override
    public String label() {
      return "mnist";
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public Loaded load(JavaSparkContext jsc, int partitions) throws IOException {
      return new Loaded(
          images(jsc, MnistIdx.TRAIN_IMAGES, MnistIdx.TRAIN_LABELS, partitions),
          images(jsc, MnistIdx.TEST_IMAGES, MnistIdx.TEST_LABELS, partitions),
          features);
    }

    private JavaRDD<Example> images(
        JavaSparkContext jsc, String images, String labels, int partitions) throws IOException {
      return jsc.parallelize(
              MnistIdx.read(MnistIdx.find(dir, images), MnistIdx.find(dir, labels), limit),
              partitions)
          .map(image -> image.toExample(1.0));
    }
  }
}
