package io.sparkmlp.train;

import io.sparkmlp.nn.ActivationStats;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Synchronous data-parallel minibatch training: each step the driver broadcasts the weights, every
 * partition sums the gradient of its share of the minibatch, treeAggregate brings the sums back,
 * and the driver divides by the true example count, adds the penalty's gradient and updates the
 * weights with the optimiser. After each epoch it evaluates the validation data, if any, and
 * applies early stopping.
 */
public final class SyncSgdTrainer {
  private final TrainingConfig config;
  private final TaskProbe probe;

  public SyncSgdTrainer(TrainingConfig config) {
    this(config, TaskProbe.NONE);
  }

  /** A trainer whose gradient tasks call {@code probe} first (for fault-injection tests). */
  public SyncSgdTrainer(TrainingConfig config, TaskProbe probe) {
    this.config = config;
    this.probe = probe;
  }

  public TrainingResult fit(TrainingData data, TrainingListener listener) {
    return fit(data, null, listener);
  }

  /**
   * @param validation evaluated after every epoch; null for none
   * @throws IllegalArgumentException if early stopping is on and validation is null
   */
  public TrainingResult fit(TrainingData data, TrainingData validation, TrainingListener listener) {
    if (config.earlyStopping().enabled() && validation == null) {
      throw new IllegalArgumentException(
          "early stopping watches the validation loss, but there is no validation data");
    }
    Topology topology = config.topology();
    double[] parameters =
        config.initializer().initialize(topology, config.seed(), config.rectifierBias());
    Optimizer optimizer = config.optimizer().copy();
    optimizer.initialize(parameters.length);
    MinibatchPlan plan = new MinibatchPlan(config.seed(), data.count(), config.batchSize());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.blocks().context());
    BestWeights best = new BestWeights(config.earlyStopping());

    long totalSteps = (long) plan.stepsPerEpoch() * config.epochs();
    List<EpochMetrics> history = new ArrayList<>();
    long steps = 0;
    boolean stoppedEarly = false;
    long start = System.nanoTime();
    for (int epoch = 0; epoch < config.epochs() && !stoppedEarly; epoch++) {
      long epochStart = System.nanoTime();
      Partial epochSums = new Partial();
      double[] gradientNormSums = new double[topology.layerCount()];
      int gradientSteps = 0;
      for (int step = 0; step < plan.stepsPerEpoch(); step++) {
        sc.setJobDescription(
            String.format(
                "spark-mlp epoch %d/%d step %d/%d",
                epoch + 1, config.epochs(), step + 1, plan.stepsPerEpoch()));
        Partial sums =
            DistributedGradient.sum(
                data, topology, parameters, plan, epoch, step, probe, config.treeDepth());
        steps++;
        if (sums.count() == 0) {
          continue; // tiny batches over many partitions can leave a step with no examples
        }
        if (!Double.isFinite(sums.lossSum())) {
          throw new IllegalStateException(
              String.format(
                  "training diverged: loss is %s at epoch %d step %d (try a smaller learning rate)",
                  sums.lossSum(), epoch + 1, step + 1));
        }
        double[] gradient = sums.gradient();
        double inverseCount = 1.0 / sums.count();
        for (int i = 0; i < gradient.length; i++) {
          gradient[i] *= inverseCount;
        }
        addTo(gradientNormSums, topology.weightNorms(gradient));
        gradientSteps++;
        config.regularization().addGradient(topology, parameters, gradient);
        optimizer.step(
            parameters,
            gradient,
            config
                .schedule()
                .rate(config.learningRate(), steps - 1, plan.stepsPerEpoch(), totalSteps));
        epochSums.plusTotals(sums);
      }
      Metrics validationMetrics = null;
      if (validation != null) {
        sc.setJobDescription(
            String.format("spark-mlp epoch %d/%d validation", epoch + 1, config.epochs()));
        validationMetrics =
            Metrics.of(
                DistributedGradient.evaluate(validation, topology, parameters, config.treeDepth()),
                topology);
        if (config.earlyStopping().enabled()) {
          stoppedEarly = best.record(epoch + 1, validationMetrics.loss(), parameters);
        }
      }
      ActivationStats activity = null;
      if (config.diagnostics()) {
        sc.setJobDescription(
            String.format("spark-mlp epoch %d/%d diagnostics", epoch + 1, config.epochs()));
        activity = DistributedGradient.activity(data, topology, parameters, config.treeDepth());
      }
      long now = System.nanoTime();
      EpochMetrics metrics =
          new EpochMetrics(
              epoch + 1,
              config.epochs(),
              steps,
              Metrics.of(epochSums, topology),
              validationMetrics,
              (now - epochStart) / 1e9,
              (now - start) / 1e9,
              divide(gradientNormSums, gradientSteps),
              activity);
      history.add(metrics);
      listener.onEpoch(metrics);
    }
    sc.setJobDescription(null);
    double seconds = (System.nanoTime() - start) / 1e9;
    stoppedEarly &= history.size() < config.epochs();
    if (best.parameters() != null) {
      return new TrainingResult(
          best.parameters(), history, steps, seconds, best.bestEpoch(), stoppedEarly);
    }
    return new TrainingResult(parameters, history, steps, seconds, history.size(), false);
  }

  private static void addTo(double[] sums, double[] values) {
    for (int i = 0; i < sums.length; i++) {
      sums[i] += values[i];
    }
  }

  private static double[] divide(double[] sums, int count) {
    double[] means = new double[sums.length];
    for (int i = 0; i < sums.length; i++) {
      means[i] = count == 0 ? Double.NaN : sums[i] / count;
    }
    return means;
  }
}
