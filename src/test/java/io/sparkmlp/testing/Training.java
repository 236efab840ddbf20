package io.sparkmlp.testing;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.train.DistributedGradient;
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

  /** The defaults (SGD with momentum 0.9, uniform initial weights) with these five settings. */
  public static TrainingConfig config(
      Topology topology, double learningRate, int batchSize, int epochs, long seed) {
    return TrainingConfig.defaults(topology)
        .with(Settings.LEARNING_RATE, learningRate)
        .with(Settings.BATCH_SIZE, batchSize)
        .with(Settings.EPOCHS, epochs)
        .with(Settings.SEED, seed);
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
            config.precision(),
            config.featureLayout())) {
      TrainingResult result = new SyncSgdTrainer(config, probe).fit(data, TrainingListener.NONE);
      Metrics metrics =
          Metrics.of(
              DistributedGradient.evaluate(data, config.topology(), result.parameters(), 2),
              config.topology());
      return new Outcome(result, metrics);
    }
  }
}
