package io.sparkmlp.bench;

import io.sparkmlp.data.MnistIdx;
import io.sparkmlp.ml.MlpClassificationModel;
import io.sparkmlp.nn.Blas;
import io.sparkmlp.nn.Task;
import io.sparkmlp.source.DataSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Scoring throughput: a saved spark-mlp MNIST model's transform against MLlib's
 * MultilayerPerceptronClassificationModel.transform of the same layers, on the same cached rows, in
 * one run, alternating. Every output column is computed (Spark's "noop" sink writes them all).
 */
@Command(
    name = "submit/bench-scoring",
    mixinStandardHelpOptions = true,
    description = "Rows per second of transform: spark-mlp's model against MLlib's MLPC model.")
public final class ScoringBench implements Callable<Integer> {
  /** Untimed runs of each first: the first two of ours still ran 20-30% slower than the later. */
  private static final int WARM_UP_RUNS = 2;

  @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "a model submit/train saved")
  private Path modelDir;

  @Option(names = "--mnist", description = "the MNIST folder (default ${DEFAULT-VALUE})")
  private Path mnist = Path.of("../shared/data/mnist");

  @Option(names = "--runs", description = "timed runs of each (default ${DEFAULT-VALUE})")
  private int runs = 5;

  @Option(
      names = "--min-ratio",
      description = "exit 1 if ours is not this many times MLlib's rate (default ${DEFAULT-VALUE})")
  private double minRatio = 3;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScoringBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSession.builder().appName("spark-mlp scoring bench").getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      MlpClassificationModel ours = MlpClassificationModel.load(modelDir.toString());
      Dataset<Row> rows = images(spark, jsc);
      long count = rows.count();
      Transformer mllib =
          new MultilayerPerceptronClassifier()
              .setLayers(ours.topology().sizes())
              .setMaxIter(1)
              .setSeed(1)
              .fit(rows.limit(1000));
      System.out.printf(
          "scoring bench: %s on %d MNIST rows, master %s, BLAS %s, %d runs each%n",
          ours.topology(), count, jsc.master(), Blas.implementationName(), runs);
      for (int warmUp = 0; warmUp < WARM_UP_RUNS; warmUp++) { // JIT, broadcasts, native BLAS
        time(ours, rows);
        time(mllib, rows);
      }
      List<Double> oursRates = new ArrayList<>();
      List<Double> mllibRates = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        double a = count / time(ours, rows);
        double b = count / time(mllib, rows);
        oursRates.add(a);
        mllibRates.add(b);
        System.out.printf(
            "run %d: spark-mlp %.0f rows/s, MLlib %.0f rows/s (%.1fx)%n", run, a, b, a / b);
      }
      double ratio = BareStep.median(oursRates) / BareStep.median(mllibRates);
      System.out.printf(
          "median: spark-mlp %.0f rows/s, MLlib %.0f rows/s: %.1fx (floor %.1fx)%n",
          BareStep.median(oursRates), BareStep.median(mllibRates), ratio, minRatio);
      return ratio >= minRatio ? 0 : 1;
    } finally {
      spark.stop();
    }
  }

  /** Seconds to compute every output column of transform over rows. */
  private static double time(Transformer model, Dataset<Row> rows) {
    long start = System.nanoTime();
    model.transform(rows).write().format("noop").mode("overwrite").save();
    return (System.nanoTime() - start) / 1e9;
  }

  /** MNIST's 60,000 training images as pixels and labels, read by the executors, cached. */
  private Dataset<Row> images(SparkSession spark, JavaSparkContext jsc) throws Exception {
    DataSpec.Mnist source =
        new DataSpec.Mnist(
            mnist, 0, MnistIdx.pixelsPerImage(MnistIdx.find(mnist, MnistIdx.TRAIN_IMAGES)));
    StructType schema =
        new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
    Dataset<Row> frame =
        spark
            .createDataFrame(
                source
                    .load(jsc, jsc.defaultParallelism(), Task.CLASSIFICATION)
                    .train()
                    .map(e -> RowFactory.create(e.features(), e.target()[0])),
                schema)
            .persist(StorageLevel.MEMORY_AND_DISK());
    frame.count();
    return frame;
  }
}
