package io.sparkmlp.testing;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.Precision;
import io.sparkmlp.nn.Regularization;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.optim.LearningRateSchedule;
import io.sparkmlp.optim.MomentumSgd;
import io.sparkmlp.optim.Optimizer;
import io.sparkmlp.optim.Schedule;
import io.sparkmlp.train.DistributedGradient;
import io.sparkmlp.train.EarlyStopping;
import io.sparkmlp.train.Metrics;
import io.sparkmlp.train.SyncSgdTrainer;
import io.sparkmlp.train.TaskProbe;
import io.sparkmlp.train.TrainingConfig;
import io.sparkmlp.train.TrainingData;
import io.sparkmlp.train.TrainingListener;
import io.sparkmlp.train.TrainingResult;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/** Trains a network through Spark and measures it on its training data, for tests. */
public final class Training {
  private Training() {}

  /** The trained result and the final weights' loss and metric over the training data. */
  public record Outcome(TrainingResult result, Metrics trainMetrics) {}

  public static TrainingConfig config(
      Topology topology, double learningRate, int batchSize, int epochs, long seed) {
    return new TrainingConfig(
        topology,
        Initializer.UNIFORM,
        Initializer.DEFAULT_RECTIFIER_BIAS,
        Regularization.NONE,
        new MomentumSgd(0.9),
        learningRate,
        Schedule.of(LearningRateSchedule.CONSTANT),
        batchSize,
        epochs,
        seed,
        2,
        EarlyStopping.OFF,
        0,
        false,
        Precision.FLOAT64);
  }

  /** base with another optimiser, early stopping, clip norm and diagnostics switch. */
  public static TrainingConfig with(
      TrainingConfig base,
      Optimizer optimizer,
      EarlyStopping earlyStopping,
      double clipNorm,
      boolean diagnostics) {
    return new TrainingConfig(
        base.topology(),
        base.initializer(),
        base.rectifierBias(),
        base.regularization(),
        optimizer,
        base.learningRate(),
        base.schedule(),
        base.batchSize(),
        base.epochs(),
        base.seed(),
        base.treeDepth(),
        earlyStopping,
        clipNorm,
        diagnostics,
        base.precision());
  }

  public static Outcome run(
      JavaSparkContext jsc,
      List<Example> examples,
      int partitions,
      TrainingConfig config,
      TaskProbe probe) {
    try (TrainingData<?> data =
        TrainingData.cache(
            jsc.parallelize(examples, partitions),
            config.topology(),
            "test data",
            config.precision())) {
      TrainingResult result = new SyncSgdTrainer(config, probe).fit(data, TrainingListener.NONE);
      Metrics metrics =
          Metrics.of(
              DistributedGradient.evaluate(data, config.topology(), result.parameters(), 2),
              config.topology());
      return new Outcome(result, metrics);
    }
  }
}
