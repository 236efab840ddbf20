package io.sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.cli.JobConfig;
import io.sparkmlp.cli.JobRows;
import io.sparkmlp.cli.Settings;
import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Blas;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.report.AtomicFiles;
import io.sparkmlp.report.Json;
import io.sparkmlp.train.EpochMetrics;
import io.sparkmlp.train.SyncSgdTrainer;
import io.sparkmlp.train.TrainingConfig;
import io.sparkmlp.train.TrainingData;
import io.sparkmlp.train.TrainingListener;
import io.sparkmlp.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
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
 * The performance benchmark behind submit/bench: in one run, on one master and cached data, it
 * measures spark-mlp and Spark MLlib's MultilayerPerceptronClassifier to a test accuracy target,
 * the BLAS rate on the gradient's GEMM shapes, and the cost of a bare synchronous step, and writes
 * bench.json.
 */
@Command(
    name = "submit/bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks spark-mlp against MLlib's MultilayerPerceptronClassifier on MNIST.")
public final class Bench implements Callable<Integer> {
  private static final int WARM_UP_EPOCHS = 1;

  @Parameters(
      paramLabel = "[JOB_FILE] [key=value...]",
      description = "the job (default conf/bench.properties), then overrides of its keys")
  private List<String> arguments = new ArrayList<>();

  @Option(names = "--target", description = "test accuracy to reach (default ${DEFAULT-VALUE})")
  private double target = 0.975;

  @Option(
      names = "--mlpc-iterations",
      split = ",",
      description = "maxIter of each MLPC fit, growing (default ${DEFAULT-VALUE})")
  private int[] mlpcIterations = {25, 50, 100, 200};

  @Option(names = "--skip-mlpc", description = "measure spark-mlp only")
  private boolean skipMlpc;

  @Option(names = "--json", description = "where to write the results (default ${DEFAULT-VALUE})")
  private Path json = Path.of("target/bench.json");

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    boolean hasJobFile = !arguments.isEmpty() && !arguments.get(0).contains("=");
    Settings settings =
        Settings.fromFile(Path.of(hasJobFile ? arguments.get(0) : "conf/bench.properties"));
    settings.override(arguments.subList(hasJobFile ? 1 : 0, arguments.size()));
    JobConfig job = JobConfig.from(settings);
    TrainingConfig config = job.training();
    Topology topology = config.topology();
    SparkSession spark = SparkSession.builder().appName("spark-mlp bench").getOrCreate();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      ObjectNode results = Json.object();
      JobRows rows = JobRows.load(job, jsc);
      int cores = jsc.defaultParallelism();
      results.put("master", jsc.master());
      results.put("cores", cores);
      results.put("blas", Blas.implementationName());
      results.put("precision", config.precision().label());
      results.put("network", topology.toString());
      print(
          "spark-mlp bench: %s, master %s, BLAS %s, %s",
          topology, jsc.master(), Blas.implementationName(), config.precision().label());

      try (TrainingData train =
              TrainingData.cache(rows.train(), topology, "training data", config.precision());
          TrainingData test =
              TrainingData.cache(rows.test(), topology, "test data", config.precision())) {
        long examples = train.count();
        int stepsPerEpoch = (int) ((examples + config.batchSize() - 1) / config.batchSize());
        double epochFlops = GemmRate.flops(topology, 1) * examples;
        int chunk = Math.min(512, Math.max(1, config.batchSize() / rows.partitions()));
        double gemmOne = GemmRate.gflops(topology, chunk, config.precision(), 1, 2);
        double gemmAll = GemmRate.gflops(topology, chunk, config.precision(), cores, 2);
        print(
            "GEMM shapes of a %d-example chunk alone: %.1f GFLOP/s on 1 thread, %.1f on %d",
            chunk, gemmOne, gemmAll, cores);
        double bareStep =
            BareStep.medianMillis(
                jsc,
                topology.parameterCount(),
                config.precision(),
                rows.partitions(),
                30,
                config.treeDepth());
        print(
            "bare broadcast + treeAggregate of %d %s values: %.1f ms (median of 30)",
            topology.parameterCount(), config.precision().label(), bareStep);

        // MLPC's counted fit runs in a JVM its smaller fits have warmed up: so does ours
        print("warm-up: %d epoch of spark-mlp, not timed", WARM_UP_EPOCHS);
        new SyncSgdTrainer(config.withEpochs(WARM_UP_EPOCHS)).fit(train, TrainingListener.NONE);
        jsc.sc().listenerBus().waitUntilEmpty();
        SparkMlpRun ours = SparkMlpRun.run(jsc, config, train, test, target);
        double epochSeconds = ours.medianEpochSeconds();
        double taskSeconds = ours.medianStepTaskSeconds();
        double gradientGflops = epochFlops / (taskSeconds / cores) / 1e9;
        double overheadMs = (epochSeconds - taskSeconds / cores) / stepsPerEpoch * 1e3;
        double floor = epochFlops / (gemmAll * 1e9);
        results.put("examples", examples);
        results.put("batch_size", config.batchSize());
        results.put("steps_per_epoch", stepsPerEpoch);
        results.put("epoch_gflop", epochFlops / 1e9);
        results.put("spark_mlp_seconds_to_target", ours.secondsToTarget());
        results.put(
            "spark_mlp_seconds_to_target_with_evaluation", ours.secondsToTargetWithEvaluation());
        results.put("epoch_seconds", epochSeconds);
        results.put("examples_per_second", examples / epochSeconds);
        results.put("gradient_gflops", gradientGflops);
        results.put("gemm_gflops", gemmAll);
        results.put("gemm_gflops_one_thread", gemmOne);
        results.put("step_overhead_ms", overheadMs);
        results.put("bare_step_ms", bareStep);
        results.put("epoch_floor_seconds", floor);
        ArrayNode epochs = results.putArray("spark_mlp_epochs");
        ours.epochs().forEach(epochs::add);
        print(
            "spark-mlp: %.1f s of training to %.3f (%.1f s with the test evaluations); epoch"
                + " %.2f s (%.0f ex/s); gradient %.1f GFLOP/s; step overhead %.1f ms; epoch floor"
                + " %.2f s",
            ours.secondsToTarget(),
            target,
            ours.secondsToTargetWithEvaluation(),
            epochSeconds,
            examples / epochSeconds,
            gradientGflops,
            overheadMs,
            floor);

        if (!skipMlpc) {
          Dataset<Row> mlpcTrain = frame(spark, rows.train());
          Dataset<Row> mlpcTest = frame(spark, rows.test());
          MlpcRun mlpc = new MlpcRun(topology.sizes(), config.seed());
          ArrayNode fits = results.putArray("mlpc_fits");
          double mlpcSeconds = Double.NaN;
          for (int maxIter : mlpcIterations) {
            MlpcRun.Fit fit = mlpc.fit(mlpcTrain, mlpcTest, maxIter);
            ObjectNode line = fits.addObject();
            line.put("max_iter", fit.maxIter());
            line.put("seconds", fit.seconds());
            line.put("test_accuracy", fit.accuracy());
            print(
                "MLPC maxIter %d: %.1f s, test accuracy %.4f",
                maxIter, fit.seconds(), fit.accuracy());
            if (fit.accuracy() >= target) {
              mlpcSeconds = fit.seconds();
              break;
            }
          }
          results.put("mlpc_seconds_to_target", mlpcSeconds);
          results.put("speedup", mlpcSeconds / ours.secondsToTarget());
          print(
              "speedup (MLPC / spark-mlp time to %.3f): %.1f",
              target, mlpcSeconds / ours.secondsToTarget());
          mlpcTrain.unpersist();
          mlpcTest.unpersist();
        }
      }
      results.put("target_accuracy", target);
      AtomicFiles.write(json, Json.pretty(results));
      print("wrote %s", json);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** The rows as a cached DataFrame (features, label) for MLlib. */
  private static Dataset<Row> frame(SparkSession spark, JavaRDD<Example> rows) {
    StructType schema =
        new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
    Dataset<Row> frame =
        spark
            .createDataFrame(
                rows.map(e -> RowFactory.create(Vectors.dense(e.features()), e.target()[0])),
                schema)
            .persist(StorageLevel.MEMORY_AND_DISK());
    frame.count();
    return frame;
  }

  private static void print(String format, Object... values) {
    System.out.println(String.format(format, values));
  }

  /** spark-mlp's run: per epoch, wall and task time of its steps, and test accuracy. */
  /**
   * @param secondsToTarget training seconds until the end of the first epoch whose test accuracy
   *     reaches the target: the epochs' wall time less their test evaluations, as MLPC's fit time
   *     holds no evaluation either
   * @param secondsToTargetWithEvaluation the same, test evaluations included
   */
  private record SparkMlpRun(
      List<ObjectNode> epochs, double secondsToTarget, double secondsToTargetWithEvaluation) {
    static SparkMlpRun run(
        JavaSparkContext jsc,
        TrainingConfig config,
        TrainingData train,
        TrainingData test,
        double target) {
      TaskTimes times = new TaskTimes(jsc);
      times.count(" step ");
      TaskTimes evaluations = new TaskTimes(jsc);
      evaluations.count(" validation");
      List<ObjectNode> epochs = new ArrayList<>();
      double[] training = {0};
      double[] toTarget = {Double.NaN, Double.NaN};
      TrainingResult result =
          new SyncSgdTrainer(config)
              .fit(
                  train,
                  test,
                  (EpochMetrics metrics) -> {
                    TaskTimes.Totals steps = times.take();
                    TaskTimes.Totals evaluation = evaluations.take();
                    ObjectNode epoch = Json.object();
                    epoch.put("epoch", metrics.epoch());
                    // the epoch's wall time less the test evaluation the trainer ran after it
                    epoch.put("seconds", metrics.seconds() - evaluation.jobSeconds());
                    epoch.put("test_evaluation_seconds", evaluation.jobSeconds());
                    epoch.put("step_jobs", steps.jobs());
                    epoch.put("step_job_seconds", steps.jobSeconds());
                    epoch.put("step_task_seconds", steps.taskSeconds());
                    epoch.put("elapsed_seconds", metrics.elapsedSeconds());
                    epoch.put("test_accuracy", metrics.validation().accuracy());
                    epochs.add(epoch);
                    training[0] += epoch.get("seconds").asDouble();
                    if (Double.isNaN(toTarget[0]) && metrics.validation().accuracy() >= target) {
                      toTarget[0] = training[0];
                      toTarget[1] = metrics.elapsedSeconds();
                    }
                    print(
                        "spark-mlp epoch %d: %.2f s, test accuracy %.4f",
                        metrics.epoch(),
                        epoch.get("seconds").asDouble(),
                        metrics.validation().accuracy());
                  });
      if (result.history().isEmpty()) {
        throw new IllegalStateException("no epoch ran");
      }
      return new SparkMlpRun(epochs, toTarget[0], toTarget[1]);
    }

    /** Median over the epochs after the first (JIT warm-up), or the only one. */
    double medianEpochSeconds() {
      return median("seconds");
    }

    double medianStepTaskSeconds() {
      return median("step_task_seconds");
    }

    private double median(String field) {
      List<Double> values = new ArrayList<>();
      for (int i = epochs.size() > 1 ? 1 : 0; i < epochs.size(); i++) {
        values.add(epochs.get(i).get(field).asDouble());
      }
      return BareStep.median(values);
    }
  }
}
