package io.sparkmlp.cli;

import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.source.DataJob;
import io.sparkmlp.source.DataSpec;
import io.sparkmlp.train.TrainingConfig;
import java.nio.file.Path;

/**
 * A validated job: its settings, where the data comes from, how to train. Every value is checked,
 * and the network against the data source, before Spark starts.
 */
public record JobConfig(JobFile settings, DataJob data, TrainingConfig training) {

  /**
   * @throws ConfException naming the first key whose value is bad
   */
  public static JobConfig from(JobFile settings) {
    settings.validated();
    DataJob data = DataJob.from(settings);
    Topology topology = TrainingConfig.topology(settings, TrainingConfig.outputLoss(settings));
    DataSpec spec = data.spec();
    if (spec.features() != DataSpec.UNKNOWN && topology.inputs() != spec.features()) {
      throw settings.bad(
          Settings.LAYERS,
          "the input layer has %s units but data source %s has %s features"
              .formatted(topology.inputs(), spec.label(), spec.features()));
    }
    if (spec.task() != null && topology.task() != spec.task()) {
      throw settings.bad(
          Settings.OUTPUT,
          "data source %s is a %s problem but %s + %s is for %s"
              .formatted(
                  spec.label(),
                  spec.task().label(),
                  topology.outputLoss().outputName(),
                  topology.outputLoss().lossName(),
                  topology.task().label()));
    }
    if (spec.task() == Task.REGRESSION && topology.outputs() != 1) {
      throw settings.bad(
          Settings.LAYERS,
          "the output layer has %s units but data source %s has 1 target"
              .formatted(topology.outputs(), spec.label()));
    }
    if (settings.get(Settings.EARLY_STOPPING_PATIENCE) > 0 && !data.hasValidation()) {
      throw settings.bad(
          Settings.EARLY_STOPPING_PATIENCE,
          "early stopping watches the validation loss: set %s or %s"
              .formatted(Settings.VALIDATION_FRACTION.key(), Settings.VALIDATION_PATH.key()));
    }
    return new JobConfig(settings, data, TrainingConfig.of(topology, settings));
  }

  public Path outputDir() {
    return Path.of(settings.get(Settings.OUTPUT_DIR));
  }
}
