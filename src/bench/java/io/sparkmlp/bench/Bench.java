package io.sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.cli.JobConfig;
import io.sparkmlp.data.Example;
import io.sparkmlp.files.AtomicFiles;
import io.sparkmlp.files.Json;
import io.sparkmlp.nn.Blas;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.source.JobRows;
import io.sparkmlp.train.EpochMetrics;
import io.sparkmlp.train.Phase;
import io.sparkmlp.train.SyncSgdTrainer;
import io.sparkmlp.train.TrainingConfig;
import io.sparkmlp.train.TrainingData;
import io.sparkmlp.train.TrainingResult;
import io.sparkmlp.train.Workspaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
  /**
   * Steps of spark-mlp run untimed before the counted run. Spark's per-job code (scheduler, closure
   * cleaning, serialisation) runs a few times per step and reaches the JIT's optimising tier only
   * after a few hundred steps; MLPC's counted fit, likewise, runs in a JVM its smaller fits warmed.
   */
  private static final int WARM_UP_STEPS = 300;

  private static final int BARE_STEP_ROUNDS_PER_EPOCH = 5;

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

  @Option(
      names = "--skip-cold",
      description = "skip the cold run (submit/train in a fresh JVM to the warm run's epoch)")
  private boolean skipCold;

  @Option(names = "--json", description = "where to write the results (default ${DEFAULT-VALUE})")
  private Path json = Path.of("target/bench.json");

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    boolean hasJobFile = !arguments.isEmpty() && !arguments.get(0).contains("=");
    String jobFile = hasJobFile ? arguments.get(0) : "conf/bench.properties";
    List<String> overrides = arguments.subList(hasJobFile ? 1 : 0, arguments.size());
    JobFile settings = JobFile.read(Path.of(jobFile));
    settings.override(overrides);
    JobConfig job = JobConfig.from(settings);
    TrainingConfig config = job.training();
    Topology topology = config.topology();
    SparkSession spark = SparkSession.builder().appName("spark-mlp bench").getOrCreate();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ObjectNode results = Json.object();
    boolean floorHolds;
    int epochsToTarget;
    double warmSeconds;
    try {
      JobRows rows = JobRows.load(job.data(), topology, jsc);
      int cores = jsc.defaultParallelism();
      results.put("master", jsc.master());
      results.put("cores", cores);
      results.put("blas", Blas.implementationName());
      results.put("precision", config.precision().label());
      results.put("network", topology.toString());
      print(
          "spark-mlp bench: %s, master %s, BLAS %s, %s",
          topology, jsc.master(), Blas.implementationName(), config.precision().label());

      try (TrainingData<?> train =
              TrainingData.cache(
                  rows.train(),
                  topology,
                  "training data",
                  config.precision(),
                  config.featureLayout(),
                  config.sharding(rows.partitions()),
                  config.storageLevel());
          TrainingData<?> test =
              TrainingData.cache(
                  rows.test(),
                  topology,
                  "test data",
                  config.precision(),
                  train.layout(),
                  train.sharding(),
                  train.storage())) {
        long examples = train.count();
        int batchSize = config.get(Settings.BATCH_SIZE);
        int stepsPerEpoch = (int) ((examples + batchSize - 1) / batchSize);
        double epochFlops = GemmRate.flops(topology, 1) * examples;
        int chunk = Math.min(Workspaces.CHUNK, Math.max(1, batchSize / train.sharding().shards()));
        GemmRate.Rates oneThread = GemmRate.measure(topology, chunk, config.precision(), 1, 2);
        GemmRate.Rates allThreads = GemmRate.measure(topology, chunk, config.precision(), cores, 2);
        double gemmOne = oneThread.gflops();
        double gemmAll = allThreads.gflops();
        print(
            "GEMM shapes of a %d-example chunk alone, primed, best of rounds: %.1f GFLOP/s on 1"
                + " thread, %.1f on %d",
            chunk, gemmOne, gemmAll, cores);
        ArrayNode shapes = results.putArray("gemm_shapes");
        for (int s = 0; s < oneThread.shapes().size(); s++) {
          ObjectNode shape = shapes.addObject();
          shape.put("shape", oneThread.shapes().get(s));
          shape.put("gflops_one_thread", oneThread.shapeGflops().get(s));
          shape.put("gflops", allThreads.shapeGflops().get(s));
          print(
              "  %s: %.1f GFLOP/s on 1 thread, %.1f on %d",
              oneThread.shapes().get(s),
              oneThread.shapeGflops().get(s),
              allThreads.shapeGflops().get(s),
              cores);
        }
        List<Double> warmUp = warmUp(config, train, stepsPerEpoch);
        List<Double> bareMillis = new ArrayList<>();
        SparkMlpRun ours;
        try (BareStep bare =
            BareStep.open(
                jsc,
                topology.parameterCount(),
                config.precision(),
                rows.partitions(),
                config.get(Settings.TREE_DEPTH))) {
          bare.time(BARE_STEP_ROUNDS_PER_EPOCH);
          ours =
              SparkMlpRun.run(
                  jsc,
                  config,
                  train,
                  test,
                  target,
                  () -> {
                    for (double millis : bare.time(BARE_STEP_ROUNDS_PER_EPOCH)) {
                      bareMillis.add(millis);
                    }
                  });
        }
        double bareStep = BareStep.median(bareMillis);
        print(
            "bare broadcast + treeAggregate of %d %s values: %.1f ms (median of %d, %d after each"
                + " epoch)",
            topology.parameterCount(),
            config.precision().label(),
            bareStep,
            bareMillis.size(),
            BARE_STEP_ROUNDS_PER_EPOCH);
        double epochSeconds = ours.medianEpochSeconds();
        // an epoch is its steps' gradient phases (each as long as its tasks' computing held the
        // step up, see TaskTimes) plus everything else, the steps' overhead; the imbalance is the
        // part of the gradient phases in which a core had finished and waited for the others
        double gradientPhaseSeconds = ours.medianGradientPhaseSeconds();
        double gradientGflops = epochFlops / gradientPhaseSeconds / 1e9;
        double overheadMs = (epochSeconds - gradientPhaseSeconds) / stepsPerEpoch * 1e3;
        double imbalanceMs =
            (gradientPhaseSeconds - ours.medianStepTaskSeconds() / cores) / stepsPerEpoch * 1e3;
        double floor = epochFlops / (gemmAll * 1e9);
        results.put("examples", examples);
        results.put("batch_size", batchSize);
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
        results.put("task_imbalance_ms", imbalanceMs);
        results.put("bare_step_ms", bareStep);
        results.put("step_sent_bytes", ours.medianStepSentBytes());
        results.put("epoch_floor_seconds", floor);
        floorHolds = gradientPhaseSeconds >= floor;
        results.put("floor_holds", floorHolds);
        epochsToTarget = ours.epochsToTarget(target);
        warmSeconds = ours.secondsToTarget();
        ArrayNode warmUpSeconds = results.putArray("warm_up_epoch_seconds");
        warmUp.forEach(warmUpSeconds::add);
        ArrayNode epochs = results.putArray("spark_mlp_epochs");
        ours.epochs().forEach(epochs::add);
        print(
            "spark-mlp: %.1f s of training to %.3f (%.1f s with the test evaluations); epoch"
                + " %.2f s (%.0f ex/s); gradient %.1f GFLOP/s; step overhead %.1f ms (tasks"
                + " imbalanced by %.1f ms); epoch floor %.2f s",
            ours.secondsToTarget(),
            target,
            ours.secondsToTargetWithEvaluation(),
            epochSeconds,
            examples / epochSeconds,
            gradientGflops,
            overheadMs,
            imbalanceMs,
            floor);
        print(
            "a step's tasks sent %.0f bytes (results and shuffle writes; %d partitions, %d shards)"
                + " for %d parameters",
            ours.medianStepSentBytes(),
            train.partitions(),
            train.sharding().shards(),
            topology.parameterCount());

        if (!skipMlpc) {
          Dataset<Row> mlpcTrain = frame(spark, rows.train());
          Dataset<Row> mlpcTest = frame(spark, rows.test());
          MlpcRun mlpc = new MlpcRun(topology.sizes(), config.get(Settings.SEED));
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
    } finally {
      spark.stop();
    }
    if (!skipCold && epochsToTarget > 0) {
      ColdRun cold = ColdRun.run(jobFile, overrides, epochsToTarget, Path.of("target/bench-cold"));
      boolean reached = cold.testAccuracy() >= target;
      results.put("cold_epochs", epochsToTarget);
      results.put("cold_test_accuracy", cold.testAccuracy());
      results.put("cold_seconds_to_target", reached ? cold.trainSeconds() : Double.NaN);
      results.put("cold_command_seconds", cold.commandSeconds());
      print(
          "cold run (submit/train in a fresh JVM, %d epochs): test accuracy %.4f after %.1f s of"
              + " training (%.1f s for the whole command); cold / warm %.2f",
          epochsToTarget,
          cold.testAccuracy(),
          cold.trainSeconds(),
          cold.commandSeconds(),
          cold.trainSeconds() / warmSeconds);
    }
    results.put("target_accuracy", target);
    AtomicFiles.write(json, Json.pretty(results));
    print("wrote %s", json);
    if (!floorHolds) {
      print(
          "spark-mlp bench: FAILED: the gradient phase ran faster than its floor (see"
              + " epoch_floor_seconds in %s): the GEMM rates behind the floor are too low",
          json);
      return 1;
    }
    return 0;
  }

  /**
   * Trains {@link #WARM_UP_STEPS} steps (whole epochs) untimed and returns their epochs' seconds:
   * MLPC's counted fit runs in a JVM its smaller fits have warmed up, and so does ours.
   */
  private static List<Double> warmUp(
      TrainingConfig config, TrainingData<?> train, int stepsPerEpoch) {
    int epochs = (WARM_UP_STEPS + stepsPerEpoch - 1) / stepsPerEpoch;
    print("warm-up: %d epochs (%d steps) of spark-mlp, not timed", epochs, epochs * stepsPerEpoch);
    List<Double> seconds = new ArrayList<>();
    new SyncSgdTrainer(config.with(Settings.EPOCHS, epochs))
        .fit(train, (EpochMetrics metrics) -> seconds.add(metrics.stepSeconds()));
    print("warm-up epochs: %s s", seconds.stream().map(s -> String.format("%.2f", s)).toList());
    return seconds;
  }

  /** The rows as a cached DataFrame (features, label) for MLlib. */
  private static Dataset<Row> frame(SparkSession spark, JavaRDD<Example> rows) {
    StructType schema =
        new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
    Dataset<Row> frame =
        spark
            .createDataFrame(rows.map(e -> RowFactory.create(e.features(), e.target()[0])), schema)
            .persist(StorageLevel.MEMORY_AND_DISK());
    frame.count();
    return frame;
  }

  private static void print(String format, Object... values) {
    System.out.println(String.format(format, values));
  }

  /**
   * spark-mlp's run: per epoch, wall and task time of its steps, and test accuracy.
   *
   * @param secondsToTarget training seconds until the end of the first epoch whose test accuracy
   *     reaches the target: the epochs' training steps, without the test evaluations after them, as
   *     MLPC's fit time holds no evaluation either
   * @param secondsToTargetWithEvaluation the same, test evaluations included
   */
  private record SparkMlpRun(
      List<ObjectNode> epochs, double secondsToTarget, double secondsToTargetWithEvaluation) {
    /**
     * @param betweenEpochs run after each epoch's figures are taken, outside its timed span
     */
    static SparkMlpRun run(
        JavaSparkContext jsc,
        TrainingConfig config,
        TrainingData<?> train,
        TrainingData<?> test,
        double target,
        Runnable betweenEpochs) {
      TaskTimes times = new TaskTimes(jsc);
      times.count(Phase.STEP);
      TaskTimes evaluations = new TaskTimes(jsc);
      evaluations.count(Phase.VALIDATION);
      List<ObjectNode> epochs = new ArrayList<>();
      double[] training = {0};
      double[] withEvaluation = {0};
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
                    // the epoch's training steps, without the test evaluation after them
                    epoch.put("seconds", metrics.stepSeconds());
                    epoch.put("test_evaluation_seconds", evaluation.jobSeconds());
                    epoch.put("step_jobs", steps.jobs());
                    epoch.put("step_job_seconds", steps.jobSeconds());
                    epoch.put("step_task_seconds", steps.taskSeconds());
                    epoch.put("step_gradient_phase_seconds", steps.computeSeconds());
                    epoch.put("step_sent_bytes", (double) steps.sentBytes() / steps.jobs());
                    epoch.put("elapsed_seconds", metrics.elapsedSeconds());
                    epoch.put("test_accuracy", metrics.validation().accuracy());
                    epochs.add(epoch);
                    training[0] += epoch.get("seconds").asDouble();
                    withEvaluation[0] += metrics.seconds();
                    if (Double.isNaN(toTarget[0]) && metrics.validation().accuracy() >= target) {
                      toTarget[0] = training[0];
                      toTarget[1] = withEvaluation[0];
                    }
                    print(
                        "spark-mlp epoch %d: %.2f s, test accuracy %.4f",
                        metrics.epoch(),
                        epoch.get("seconds").asDouble(),
                        metrics.validation().accuracy());
                    betweenEpochs.run();
                  });
      if (result.history().isEmpty()) {
        throw new IllegalStateException("no epoch ran");
      }
      return new SparkMlpRun(epochs, toTarget[0], toTarget[1]);
    }

    /** The first epoch (1-based) whose test accuracy reaches target, or 0 if none did. */
    int epochsToTarget(double target) {
      for (ObjectNode epoch : epochs) {
        if (epoch.get("test_accuracy").asDouble() >= target) {
          return epoch.get("epoch").asInt();
        }
      }
      return 0;
    }

    /** Median over the epochs (all run after the warm-up). */
    double medianEpochSeconds() {
      return median("seconds");
    }

    double medianStepTaskSeconds() {
      return median("step_task_seconds");
    }

    double medianGradientPhaseSeconds() {
      return median("step_gradient_phase_seconds");
    }

    /** Bytes a step's tasks sent: their results and treeAggregate's shuffle writes. */
    double medianStepSentBytes() {
      return median("step_sent_bytes");
    }

    private double median(String field) {
      List<Double> values = new ArrayList<>();
      for (ObjectNode epoch : epochs) {
        values.add(epoch.get(field).asDouble());
      }
      return BareStep.median(values);
    }
  }
}
