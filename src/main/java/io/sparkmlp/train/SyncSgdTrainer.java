package io.sparkmlp.train;

import io.sparkmlp.nn.ActivationStats;
import io.sparkmlp.nn.Dropout;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Synchronous data-parallel minibatch training: each step the driver broadcasts the weights, every
 * partition sums the gradient of its share of the minibatch, treeAggregate brings the sums back,
 * and the driver updates the weights ({@link WeightUpdate}). After each epoch it evaluates the
 * validation data, if any, and applies early stopping. The loop's whole state is one {@link
 * TrainingState}; with {@link Checkpointing} it is saved every K steps, and a run can go on from
 * the newest checkpoint to the same final weights, bit for bit.
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
   * @throws IllegalArgumentException if early stopping is on and validation is null, the data is
   *     cached in another precision than the steps'
   * @throws io.sparkmlp.settings.ConfException if the checkpoints to resume from belong to other
   *     settings or data (they are left as they are)
   * @throws StoppedException at the step boundary after a {@link Checkpointing#stop()} request
   * @throws IllegalStateException naming the epoch, step and last checkpoint if the loss or the
   *     gradient stops being finite
   */
  public TrainingResult fit(
      TrainingData<?> data, TrainingData<?> validation, TrainingListener listener) {
    if (data.kernel().precision() != config.precision()) {
      throw new IllegalArgumentException(
          "the training data is cached in %s but the steps are %s"
              .formatted(data.kernel().precision().label(), config.precision().label()));
    }
    if (config.earlyStopping().enabled() && validation == null) {
      throw new IllegalArgumentException(
          "early stopping watches the validation loss, but there is no validation data");
    }
    return new Run(data, validation, listener).train();
  }

  /** One call of fit. */
  private final class Run {
    private final TrainingData<?> data;
    private final TrainingData<?> validation;
    private final TrainingListener listener;
    private final Topology topology = config.topology();
    private final int epochs = config.get(Settings.EPOCHS);
    private final int treeDepth = config.get(Settings.TREE_DEPTH);
    private final MinibatchPlan plan;
    private final Dropout dropout = config.dropout();
    private final JavaSparkContext sc;
    private final String fingerprint;
    private final WeightUpdate update;
    private TrainingState state;
    private long lastCheckpointSteps = -1;

    Run(TrainingData<?> data, TrainingData<?> validation, TrainingListener listener) {
      this.data = data;
      this.validation = validation;
      this.listener = listener;
      plan =
          new MinibatchPlan(
              config.get(Settings.SEED),
              data.count(),
              config.get(Settings.BATCH_SIZE),
              data.sharding().shards());
      sc = JavaSparkContext.fromSparkContext(data.blocks().context());
      fingerprint = config.fingerprint(data.count());
      update = new WeightUpdate(config, plan.stepsPerEpoch(), (long) plan.stepsPerEpoch() * epochs);
      state = TrainingState.initial(config);
      if (checkpointing.resume()) {
        checkpointing
            .store()
            .newestValid(config, fingerprint, listener::onNotice)
            .ifPresentOrElse(this::restore, this::noCheckpoint);
      }
    }

    TrainingResult train() {
      long start = System.nanoTime();
      boolean stopped = false;
      while (state.epoch < epochs && !stopped) {
        long epochStart = System.nanoTime();
        boolean checkpointAtEpochEnd = false;
        while (state.step < plan.stepsPerEpoch()) {
          takeStep();
          state.step++;
          if (checkpointing.due(state.steps)) {
            if (state.step < plan.stepsPerEpoch()) {
              writeCheckpoint(start);
            } else {
              checkpointAtEpochEnd = true; // after the epoch's validation, so it is in the state
            }
          }
          if (checkpointing.stop().requested() && state.step < plan.stepsPerEpoch()) {
            stopOnRequest(start);
          }
        }
        stopped = finishEpoch(epochStart, System.nanoTime(), start);
        state.epoch++;
        state.step = 0;
        if (checkpointAtEpochEnd && !stopped) {
          writeCheckpoint(start);
        }
        if (checkpointing.stop().requested() && !stopped && state.epoch < epochs) {
          stopOnRequest(start);
        }
      }
      describe(null, null);
      double seconds = state.elapsedSeconds + (System.nanoTime() - start) / 1e9;
      BestWeights best = state.best;
      if (best.parameters() != null) {
        boolean early = stopped && state.history.size() < epochs;
        return new TrainingResult(
            best.parameters(), state.history, state.steps, seconds, best.bestEpoch(), early);
      }
      return new TrainingResult(
          state.parameters, state.history, state.steps, seconds, state.history.size(), false);
    }

    private void takeStep() {
      describe(
          Phase.STEP,
          "spark-mlp epoch %d/%d step %d/%d"
              .formatted(state.epoch + 1, epochs, state.step + 1, plan.stepsPerEpoch()));
      Partial<?> sums;
      try {
        sums =
            DistributedGradient.sum(
                data,
                topology,
                state.parameters,
                plan,
                dropout,
                state.epoch,
                state.step,
                probe,
                treeDepth);
      } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
        throw new StepFailedException(
            String.format(
                "step %d of epoch %d failed (%s): %s",
                state.step + 1, state.epoch + 1, checkpointText(), e.getMessage()),
            e);
      }
      try {
        update.apply(state, sums);
      } catch (WeightUpdate.DivergedException e) {
        throw new IllegalStateException(
            String.format(
                "training diverged: %s at epoch %d step %d (try a smaller learning rate%s); %s",
                e.getMessage(),
                state.epoch + 1,
                state.step + 1,
                update.clips() ? "" : " or gradient clipping",
                checkpointText()));
      }
    }

    /** Names the jobs that follow in the Spark UI and for listeners; null clears both. */
    private void describe(Phase phase, String description) {
      sc.setJobDescription(description);
      sc.setLocalProperty(Phase.PROPERTY, phase == null ? null : phase.label());
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
        describe(
            Phase.VALIDATION,
            "spark-mlp epoch %d/%d validation".formatted(state.epoch + 1, epochs));
        validationMetrics =
            Metrics.of(
                DistributedGradient.evaluate(validation, topology, state.parameters, treeDepth),
                topology);
        if (config.earlyStopping().enabled()) {
          stop = state.best.record(state.epoch + 1, validationMetrics.loss(), state.parameters);
        }
      }
      ActivationStats activity = null;
      if (config.get(Settings.DIAGNOSTICS)) {
        describe(
            Phase.DIAGNOSTICS,
            "spark-mlp epoch %d/%d diagnostics".formatted(state.epoch + 1, epochs));
        activity = DistributedGradient.activity(data, topology, state.parameters, treeDepth);
      }
      long now = System.nanoTime();
      double[] meanNorms = new double[state.gradientNormSums.length];
      for (int l = 0; l < meanNorms.length; l++) {
        meanNorms[l] =
            state.gradientSteps == 0 ? Double.NaN : state.gradientNormSums[l] / state.gradientSteps;
      }
      EpochMetrics metrics =
          new EpochMetrics(
              state.epoch + 1,
              epochs,
              state.steps,
              Metrics.of(state.epochTotals, topology),
              validationMetrics,
              (now - epochStart) / 1e9,
              (stepsEnd - epochStart) / 1e9,
              state.elapsedSeconds + (now - start) / 1e9,
              meanNorms,
              activity);
      state.history.add(metrics);
      listener.onEpoch(metrics);
      state.startEpochTotals();
      return stop;
    }

    private void writeCheckpoint(long start) {
      checkpointing
          .store()
          .write(fingerprint, state, state.elapsedSeconds + (System.nanoTime() - start) / 1e9);
      lastCheckpointSteps = state.steps;
    }

    /** Writes a last checkpoint if checkpointing is on, and stops. */
    private void stopOnRequest(long start) {
      if (checkpointing.everySteps() > 0 && lastCheckpointSteps != state.steps) {
        writeCheckpoint(start);
      }
      throw new StoppedException(
          "stopped by %s after step %d (%s)"
              .formatted(
                  checkpointing.stop().reason(),
                  state.steps,
                  lastCheckpointSteps < 0
                      ? "no checkpoint: " + Settings.CHECKPOINT_EVERY.key() + " is 0"
                      : "--resume goes on from the checkpoint after step "
                          + lastCheckpointSteps
                          + " in "
                          + checkpointing.store().dir()));
    }

    private void restore(TrainingState saved) {
      state = saved;
      lastCheckpointSteps = state.steps;
      listener.onNotice(
          String.format(
              "resuming from the checkpoint after step %d (epoch %d, step %d) in %s",
              state.steps, state.epoch + 1, state.step + 1, checkpointing.store().dir()));
    }

    private void noCheckpoint() {
      listener.onNotice(
          "no checkpoint in " + checkpointing.store().dir() + ": starting from the beginning");
    }
  }
}
