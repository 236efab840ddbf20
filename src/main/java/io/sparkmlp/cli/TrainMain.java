package io.sparkmlp.cli;

import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.KeyTable;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.train.StoppedException;
import io.sparkmlp.train.TaskProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spark-submit entry point: parse, validate, delegate to {@link TrainJob}. */
@Command(
    name = "submit/train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a multi-layer perceptron on Spark by synchronous data-parallel minibatch SGD.",
      "With no arguments at all it runs the embedded demo job (the lecture's XOR toy problem);",
      "key=value arguments without a job file start from the documented defaults (--list-keys).",
      "SIGINT or SIGTERM stops at the next step boundary, after a last checkpoint if",
      "train.checkpoint_every is on (exit 130 or 143)."
    })
public final class TrainMain implements Callable<Integer> {
  static final String DEFAULT_JOB = "/io/sparkmlp/cli/default-job.properties";
  static final int EXIT_BAD_INPUT = 2;
  static final int EXIT_FAILED = 1;

  /** Largest relative gradient error --check-gradient accepts in double precision. */
  static final double GRADIENT_TOLERANCE = 1e-6;

  @Parameters(
      paramLabel = "[JOB_FILE] [key=value...]",
      description = "a job file (Java properties), then overrides of its keys")
  private List<String> arguments = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "output directory (output.dir)")
  private Path out;

  @Option(names = "--overwrite", description = "replace a finished run in the output directory")
  private boolean overwrite;

  @Option(
      names = "--resume",
      description =
          "go on from the newest valid checkpoint in the output directory (see train.checkpoint_every), or start if there is none")
  private boolean resume;

  @Option(
      names = "--init-from",
      paramLabel = "MODEL_DIR",
      description =
          "start from the weights of a model submit/train saved (its network must be this job's), not from model.init")
  private Path initFrom;

  @Option(names = "--quiet", description = "print nothing but errors (scripts read summary.json)")
  private boolean quiet;

  @Option(
      names = "--check-gradient",
      description =
          "instead of training, compare the distributed gradient with finite differences on a sample of each layer's parameters; exit 1 if a layer's max relative error reaches "
              + GRADIENT_TOLERANCE)
  private boolean checkGradient;

  @Option(names = "--list-keys", description = "print every job key with its default and exit")
  private boolean listKeys;

  @Option(
      names = "--markdown",
      description = "with --list-keys: print the docs' Markdown table of every setting")
  private boolean markdown;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainMain()).execute(args));
  }

  @Override
  public Integer call() {
    if (listKeys) {
      System.out.print(markdown ? KeyTable.markdown() : KeyTable.text());
      return 0;
    }
    JobConfig job;
    try {
      job = JobConfig.from(settings());
      if (initFrom != null) {
        job = job.initializedFrom(initFrom);
      }
      if (!checkGradient) {
        OutputDir.check(job.outputDir(), overwrite, resume);
      }
    } catch (ConfException e) {
      return fail(e.getMessage(), EXIT_BAD_INPUT);
    }
    SparkSession spark;
    try {
      spark = SparkSession.builder().appName("spark-mlp").getOrCreate();
    } catch (RuntimeException e) {
      return fail("cannot start Spark: " + e.getMessage(), EXIT_FAILED);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SignalStop signals = new SignalStop();
    try {
      if (checkGradient) {
        boolean passed = CheckGradient.run(job, jsc, GRADIENT_TOLERANCE, System.out::println);
        return passed ? 0 : fail("gradient check failed", EXIT_FAILED);
      }
      TrainJob.run(
          job,
          overwrite,
          resume,
          jsc,
          quiet ? line -> {} : System.out::println,
          signals.request(),
          TaskProbe.NONE);
      return 0;
    } catch (StoppedException e) {
      return fail(e.getMessage(), signals.exitCode());
    } catch (ConfException | InvalidInputException e) {
      return fail(e.getMessage(), EXIT_BAD_INPUT);
    } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
      return fail("training failed: " + e, EXIT_FAILED);
    } finally {
      signals.close();
      spark.stop();
    }
  }

  /**
   * The embedded demo job when there are no arguments; else the job file, or the defaults when the
   * arguments are all key=value; then overrides, then --out.
   */
  JobFile settings() {
    JobFile settings;
    if (arguments.isEmpty()) {
      settings = JobFile.embedded(DEFAULT_JOB);
    } else {
      boolean hasJobFile = !arguments.get(0).contains("=");
      settings = hasJobFile ? JobFile.read(Path.of(arguments.get(0))) : JobFile.defaults();
      settings.override(arguments.subList(hasJobFile ? 1 : 0, arguments.size()));
    }
    if (out != null) {
      settings.set(Settings.OUTPUT_DIR, out.toString(), "--out");
    }
    return settings;
  }

  private static int fail(String message, int code) {
    System.err.println("spark-mlp: " + message);
    return code;
  }
}
