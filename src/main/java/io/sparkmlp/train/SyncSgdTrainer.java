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
 * and the driver divides by the true example count, adds the penalty's gradient, clips it if asked
 * and updates the weights with the optimiser. After each epoch it evaluates the validation data, if
 * any, and applies early stopping. With {@link Checkpointing} it saves its whole state every K
 * steps and can go on from the newest checkpoint to the same final weights, bit for bit.
 */
public final class SyncSgdTrainer {
  private final TrainingConfig config;
  private final TaskProbe probe;
  private final Checkpointing checkpointing;

  public SyncSgdTrainer(TrainingConfig config) {
    this(config, TaskProbe.NONE, Checkpointing.OFF);
  }

  /** A trainer whose gradient tasks call {@code probe} first (for fault-injection tests). */
  public SyncSgdTrainer(TrainingConfig config, TaskProbe probe) {
    this(config, probe, Checkpointing.OFF);
  }

  public SyncSgdTrainer(TrainingConfig config, TaskProbe probe, Checkpointing checkpointing) {
    this.config = config;
    this.probe = probe;
    this.checkpointing = checkpointing;
  }

  public TrainingResult fit(TrainingData<?> data, TrainingListener listener) {
    return fit(data, null, listener);
  }

  /**
   * @param validation evaluated after every epoch; null for none
   * @throws IllegalArgumentException if early stopping is on and validation is null, or the
   *     checkpoint to resume from belongs to other settings or data
   * @throws IllegalStateException naming the epoch, step and last checkpoint if the loss or the
   *     gradient stops being finite
   */
  public TrainingResult fit(
      TrainingData<?> data, TrainingData<?> validation, TrainingListener listener) {
    if (data.kernel().precision() != config.precision()) {
      throw new IllegalArgumentException(
          "the training data is cached in "
              + data.kernel().precision().label()
              + " but the steps are "
              + config.precision().label());
    }
    if (config.earlyStopping().enabled() && validation == null) {
      throw new IllegalArgumentException(
          "early stopping watches the validation loss, but there is no validation data");
    }
    return new Run(data, validation, listener).train();
  }

  /** One call of fit: the loop's state, which a checkpoint captures whole. */
  private final class Run {
    private final TrainingData<?> data;
    private final TrainingData<?> validation;
    private final TrainingListener listener;
    private final Topology topology = config.topology();
    private final MinibatchPlan plan;
    private final JavaSparkContext sc;
    private final String fingerprint;
    private final Optimizer optimizer = config.optimizer().copy();
    private final long totalSteps;

    private int epoch;
    private int step;
    private long steps;
    private double[] parameters;

    /** The step's mean gradient: scratch, overwritten every step. */
    private final double[] gradient;

    private Partial<?> epochTotals = new Partial<>();
    private double[] gradientNormSums;
    private int gradientSteps;
    private BestWeights best;
    private List<EpochMetrics> history = new ArrayList<>();
    private double elapsedBefore;
    private long lastCheckpointSteps = -1;

    Run(TrainingData<?> data, TrainingData<?> validation, TrainingListener listener) {
      this.data = data;
      this.validation = validation;
      this.listener = listener;
      plan = new MinibatchPlan(config.seed(), data.count(), config.batchSize());
      sc = JavaSparkContext.fromSparkContext(data.blocks().context());
      fingerprint = config.fingerprint(data.count(), data.partitions());
      totalSteps = (long) plan.stepsPerEpoch() * config.epochs();
      parameters = config.initializer().initialize(topology, config.seed(), config.rectifierBias());
      optimizer.initialize(parameters.length);
      gradient = new double[parameters.length];
      gradientNormSums = new double[topology.layerCount()];
      best = new BestWeights(config.earlyStopping());
      if (checkpointing.resume()) {
        checkpointing
            .store()
            .newestValid(parameters.length, listener::onNotice)
            .ifPresentOrElse(this::restore, this::noCheckpoint);
      }
    }

    TrainingResult train() {
      long start = System.nanoTime();
      boolean stopped = false;
      while (epoch < config.epochs() && !stopped) {
        long epochStart = System.nanoTime();
        boolean checkpointAtEpochEnd = false;
        for (; step < plan.stepsPerEpoch(); step++) {
          takeStep();
          if (checkpointing.due(steps)) {
            if (step + 1 < plan.stepsPerEpoch()) {
              writeCheckpoint(epoch, step + 1, start);
            } else {
              checkpointAtEpochEnd = true; // after the epoch's validation, so it is in the state
            }
          }
        }
        stopped = finishEpoch(epochStart, System.nanoTime(), start);
        epoch++;
        step = 0;
        if (checkpointAtEpochEnd && !stopped) {
          writeCheckpoint(epoch, 0, start);
        }
      }
      sc.setJobDescription(null);
      double seconds = elapsedBefore + (System.nanoTime() - start) / 1e9;
      boolean early = stopped && history.size() < config.epochs();
      if (best.parameters() != null) {
        return new TrainingResult(
            best.parameters(), history, steps, seconds, best.bestEpoch(), early);
      }
      return new TrainingResult(parameters, history, steps, seconds, history.size(), false);
    }

    private void takeStep() {
      sc.setJobDescription(
          String.format(
              "spark-mlp epoch %d/%d step %d/%d",
              epoch + 1, config.epochs(), step + 1, plan.stepsPerEpoch()));
      Partial<?> sums;
      try {
        sums =
            DistributedGradient.sum(
                data, topology, parameters, plan, epoch, step, probe, config.treeDepth());
      } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
        throw new StepFailedException(
            String.format(
                "step %d of epoch %d failed (%s): %s",
                step + 1, epoch + 1, checkpointText(), e.getMessage()),
            e);
      }
      steps++;
      if (sums.count() == 0) {
        return; // tiny batches over many partitions can leave a step with no examples
      }
      if (!Double.isFinite(sums.lossSum())) {
        throw diverged("loss is " + sums.lossSum());
      }
      sums.meanGradient(gradient);
      double[] norms = topology.weightNorms(gradient);
      for (int l = 0; l < norms.length; l++) {
        gradientNormSums[l] += norms[l];
      }
      gradientSteps++;
      config.regularization().addGradient(topology, parameters, gradient);
      clipOrRefuse(gradient);
      optimizer.step(
          parameters,
          gradient,
          config
              .schedule()
              .rate(config.learningRate(), steps - 1, plan.stepsPerEpoch(), totalSteps));
      epochTotals.plusTotals(sums);
    }

    /** Rescales gradient to clipNorm if its global L2 norm is larger; refuses a non-finite one. */
    private void clipOrRefuse(double[] gradient) {
      double squares = 0;
      for (double g : gradient) {
        squares += g * g;
      }
      double norm = Math.sqrt(squares);
      if (!Double.isFinite(norm)) {
        throw diverged("the gradient's norm is " + norm);
      }
      if (config.clipNorm() > 0 && norm > config.clipNorm()) {
        double scale = config.clipNorm() / norm;
        for (int i = 0; i < gradient.length; i++) {
          gradient[i] *= scale;
        }
      }
    }

    private IllegalStateException diverged(String what) {
      return new IllegalStateException(
          String.format(
              "training diverged: %s at epoch %d step %d (try a smaller learning rate%s); %s",
              what,
              epoch + 1,
              step + 1,
              config.clipNorm() > 0 ? "" : " or gradient clipping",
              checkpointText()));
    }

    private String checkpointText() {
      return lastCheckpointSteps < 0
          ? "no checkpoint was written"
          : "last good checkpoint: after step "
              + lastCheckpointSteps
              + " in "
              + checkpointing.store().dir();
    }

    /** Validation, early stopping, diagnostics and the epoch's report; true to stop. */
    private boolean finishEpoch(long epochStart, long stepsEnd, long start) {
      boolean stop = false;
      Metrics validationMetrics = null;
      if (validation != null) {
        sc.setJobDescription(
            String.format("spark-mlp epoch %d/%d validation", epoch + 1, config.epochs()));
        validationMetrics =
            Metrics.of(
                DistributedGradient.evaluate(validation, topology, parameters, config.treeDepth()),
                topology);
        if (config.earlyStopping().enabled()) {
          stop = best.record(epoch + 1, validationMetrics.loss(), parameters);
        }
      }
      ActivationStats activity = null;
      if (config.diagnostics()) {
        sc.setJobDescription(
            String.format("spark-mlp epoch %d/%d diagnostics", epoch + 1, config.epochs()));
        activity = DistributedGradient.activity(data, topology, parameters, config.treeDepth());
      }
      long now = System.nanoTime();
      double[] meanNorms = new double[gradientNormSums.length];
      for (int l = 0; l < meanNorms.length; l++) {
        meanNorms[l] = gradientSteps == 0 ? Double.NaN : gradientNormSums[l] / gradientSteps;
      }
      EpochMetrics metrics =
          new EpochMetrics(
              epoch + 1,
              config.epochs(),
              steps,
              Metrics.of(epochTotals, topology),
              validationMetrics,
              (now - epochStart) / 1e9,
              (stepsEnd - epochStart) / 1e9,
              elapsedBefore + (now - start) / 1e9,
              meanNorms,
              activity);
      history.add(metrics);
      listener.onEpoch(metrics);
      epochTotals = new Partial<>();
      gradientNormSums = new double[topology.layerCount()];
      gradientSteps = 0;
      return stop;
    }

    private void writeCheckpoint(int nextEpoch, int nextStep, long start) {
      checkpointing
          .store()
          .write(
              new Checkpoint(
                  fingerprint,
                  nextEpoch,
                  nextStep,
                  steps,
                  elapsedBefore + (System.nanoTime() - start) / 1e9,
                  parameters,
                  optimizer.snapshot(),
                  epochTotals,
                  gradientNormSums,
                  gradientSteps,
                  best.state(),
                  history));
      lastCheckpointSteps = steps;
    }

    private void restore(Checkpoint checkpoint) {
      if (!checkpoint.fingerprint().equals(fingerprint)) {
        throw new IllegalArgumentException(
            "the checkpoints in "
                + checkpointing.store().dir()
                + " belong to another run: they were written for ["
                + checkpoint.fingerprint()
                + "], this run is ["
                + fingerprint
                + "]");
      }
      epoch = checkpoint.epoch();
      step = checkpoint.step();
      steps = checkpoint.steps();
      elapsedBefore = checkpoint.elapsedSeconds();
      parameters = checkpoint.parameters();
      optimizer.restore(checkpoint.optimizer(), parameters.length);
      epochTotals = checkpoint.epochTotals();
      gradientNormSums = checkpoint.gradientNormSums();
      gradientSteps = checkpoint.gradientSteps();
      best = new BestWeights(config.earlyStopping(), checkpoint.best());
      history = new ArrayList<>(checkpoint.history());
      lastCheckpointSteps = steps;
      listener.onNotice(
          String.format(
              "resuming from the checkpoint after step %d (epoch %d, step %d) in %s",
              steps, epoch + 1, step + 1, checkpointing.store().dir()));
    }

    private void noCheckpoint() {
      listener.onNotice(
          "no checkpoint in " + checkpointing.store().dir() + ": starting from the beginning");
    }
  }
}
