package io.sparkmlp.cli;

import static io.sparkmlp.settings.Settings.EARLY_STOPPING_PATIENCE;
import static io.sparkmlp.settings.Settings.LAYERS;
import static io.sparkmlp.settings.Settings.OUTPUT;
import static io.sparkmlp.settings.Settings.OUTPUT_DIR;
import static io.sparkmlp.settings.Settings.VALIDATION_FRACTION;
import static io.sparkmlp.settings.Settings.VALIDATION_PATH;

import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.JobFile;
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
          LAYERS,
          "the input layer has "
              + topology.inputs()
              + " units but data source "
              + spec.label()
              + " has "
              + spec.features()
              + " features");
    }
    if (spec.task() != null && topology.task() != spec.task()) {
      throw settings.bad(
          OUTPUT,
          "data source "
              + spec.label()
              + " is a "
              + spec.task().label()
              + " problem but "
              + topology.outputLoss().outputName()
              + " + "
              + topology.outputLoss().lossName()
              + " is for "
              + topology.task().label());
    }
    if (spec.task() == Task.REGRESSION && topology.outputs() != 1) {
      throw settings.bad(
          LAYERS,
          "the output layer has "
              + topology.outputs()
              + " units but data source "
              + spec.label()
              + " has 1 target");
    }
    if (settings.get(EARLY_STOPPING_PATIENCE) > 0 && !data.hasValidation()) {
      throw settings.bad(
          EARLY_STOPPING_PATIENCE,
          "early stopping watches the validation loss: set "
              + VALIDATION_FRACTION.key()
              + " or "
              + VALIDATION_PATH.key());
    }
    return new JobConfig(settings, data, TrainingConfig.of(topology, settings));
  }

  public Path outputDir() {
    return Path.of(settings.get(OUTPUT_DIR));
  }
}
