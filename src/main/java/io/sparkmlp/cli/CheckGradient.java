package io.sparkmlp.cli;

import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.source.JobRows;
import io.sparkmlp.train.GradientCheck;
import io.sparkmlp.train.TrainingConfig;
import io.sparkmlp.train.TrainingData;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/** What {@code --check-gradient} does instead of training. */
final class CheckGradient {
  /** Weights, and as many biases, checked per layer. */
  static final int ENTRIES_PER_LAYER = 10;

  private CheckGradient() {}

  /**
   * Checks the distributed gradient against finite differences (see {@link GradientCheck}) on the
   * job's training data, reporting the largest relative error of each layer.
   *
   * @return true when every layer's error is below {@code tolerance}
   */
  static boolean run(
      JobConfig job, JavaSparkContext jsc, double tolerance, Consumer<String> progress)
      throws IOException {
    TrainingConfig config = job.training();
    Topology topology = config.topology();
    JobRows rows = JobRows.load(job.data(), topology, jsc);
    try (TrainingData<double[]> train =
        TrainingData.cache(rows.train(), topology, "training data")) {
      progress.accept(
          String.format(
              "gradient check: %s on %s, first minibatch (%d examples) at the initial weights,"
                  + " 4-point stencil with h = %.0e",
              topology,
              job.data().spec().label(),
              Math.min(config.get(Settings.BATCH_SIZE), train.count()),
              GradientCheck.step(topology)));
      boolean passed = true;
      for (GradientCheck.LayerError error : GradientCheck.run(train, config, ENTRIES_PER_LAYER)) {
        boolean ok = error.maxRelativeError() < tolerance;
        passed &= ok;
        progress.accept(
            String.format(
                "layer %d (%d x %d weights + %d biases): max relative error %.2e over %d entries"
                    + " (largest |gradient| %.1e) %s",
                error.layer() + 1,
                topology.fanOut(error.layer()),
                topology.fanIn(error.layer()),
                topology.fanOut(error.layer()),
                error.maxRelativeError(),
                error.checked(),
                error.maxAbsoluteGradient(),
                ok ? "ok" : "ABOVE " + tolerance));
      }
      return passed;
    }
  }
}
