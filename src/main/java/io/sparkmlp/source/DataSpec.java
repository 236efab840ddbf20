package io.sparkmlp.source;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.data.MnistIdx;
import io.sparkmlp.data.RowSplit;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.nn.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Where a job's rows come from, and how many features and what task they have. */
public sealed interface DataSpec permits DataSpec.Generated, DataSpec.Mnist, FileData {
  /** {@link #features()} of a source that tells only once it is read. */
  int UNKNOWN = -1;

  String label();

  /** A short name for the run's output directory (the data file's name without extension, say). */
  default String name() {
    return label();
  }

  /** Features per row, or {@link #UNKNOWN} until loaded. */
  int features();

  /** The task the rows are for, or null when the model's output layer decides. */
  Task task();

  /**
   * Training rows and, if the source has them, validation and test rows (else null).
   *
   * @param partitions how many slices a generated source makes; a file's rows come in its own
   *     partitions, in the file's order (the cache spreads them over the shards)
   * @param task what the model's output layer does with the labels: a file's classification labels
   *     are indexed (see {@link Labels}), its regression targets read as numbers
   */
  Loaded load(JavaSparkContext jsc, int partitions, Task task) throws IOException;

  /** Where the rows of {@code part} come from, for messages: "test file data/t.csv". */
  default String describe(Part part) {
    return part.label() + " data (" + label() + ")";
  }

  /** {@code invalid}, a bad row of {@code part}, with its line number if the source can find it. */
  default InvalidInputException located(Part part, InvalidInputException invalid) {
    return invalid;
  }

  /** The training, validation and test rows of a job. */
  enum Part {
    TRAINING,
    VALIDATION,
    TEST;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One partition per slice index 0..partitions-1, holding just that index. */
  static JavaRDD<Integer> slices(JavaSparkContext jsc, int partitions) {
    return jsc.parallelize(
        java.util.stream.IntStream.range(0, partitions).boxed().toList(), partitions);
  }

  /** Where slice i of n rows starts: the split parallelize uses, i n / partitions. */
  static int sliceStart(int slice, int n, int partitions) {
    return (int) ((long) slice * n / partitions);
  }

  /**
   * The rows (validation and test may be null), the features per row, the columns they were
   * assembled from (empty for a vector column or a fixed source), and the classes as the data names
   * them (null when the labels are the class indices, or values).
   */
  record Loaded(
      JavaRDD<Example> train,
      JavaRDD<Example> validation,
      JavaRDD<Example> test,
      int features,
      List<String> featureColumns,
      Labels labels) {
    /**
     * These rows with {@code fraction} of the training rows moved, by a seeded random split of
     * their positions ({@link RowSplit}), into the validation set.
     */
    Loaded withValidationSplit(double fraction, long seed) {
      RowSplit split = RowSplit.of(train, fraction, ~seed);
      return new Loaded(split.kept(), split.taken(), test, features, featureColumns, labels);
    }
  }

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
    public Loaded load(JavaSparkContext jsc, int partitions, Task task) {
      JavaRDD<Example> test =
          testExamples == 0 ? null : generated(jsc, kind, testExamples, seed + 1, partitions);
      return new Loaded(
          generated(jsc, kind, examples, seed, partitions),
          null,
          test,
          kind.inputs(),
          List.of(),
          null);
    }

    /**
     * The rows parallelize(kind.generate(count, seed)) would give each partition, generated on the
     * executors (each regenerates the sequence and keeps its slice: cheap at toy sizes) so that
     * tasks do not carry rows.
     */
    private static JavaRDD<Example> generated(
        JavaSparkContext jsc, SyntheticData kind, int count, long seed, int partitions) {
      return DataSpec.slices(jsc, partitions)
          .flatMap(
              slice ->
                  kind.generate(count, seed)
                      .subList(
                          DataSpec.sliceStart(slice, count, partitions),
                          DataSpec.sliceStart(slice + 1, count, partitions))
                      .iterator());
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
    public Loaded load(JavaSparkContext jsc, int partitions, Task task) throws IOException {
      return new Loaded(
          images(jsc, MnistIdx.TRAIN_IMAGES, MnistIdx.TRAIN_LABELS, partitions),
          null,
          images(jsc, MnistIdx.TEST_IMAGES, MnistIdx.TEST_LABELS, partitions),
          features,
          List.of(),
          null);
    }

    /**
     * Each partition reads its own range of the files (the ranges parallelize would give), so tasks
     * carry an index, not rows: Spark ships a parallelized partition's rows with every task of
     * every later job, cached or not.
     */
    private JavaRDD<Example> images(
        JavaSparkContext jsc, String imagesName, String labelsName, int partitions)
        throws IOException {
      String images = MnistIdx.find(dir, imagesName).toString();
      String labels = MnistIdx.find(dir, labelsName).toString();
      int total = MnistIdx.count(Path.of(images), Path.of(labels));
      int count = limit == 0 ? total : Math.min(limit, total);
      return DataSpec.slices(jsc, partitions)
          .flatMap(
              slice ->
                  MnistIdx.read(
                          Path.of(images),
                          Path.of(labels),
                          DataSpec.sliceStart(slice, count, partitions),
                          DataSpec.sliceStart(slice + 1, count, partitions))
                      .iterator())
          .map(image -> image.toExample(1.0));
    }
  }
}
