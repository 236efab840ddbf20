package io.sparkmlp.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.sparkmlp.data.DatasetRows;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.SettingValues;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.train.LabelAccuracy;
import io.sparkmlp.train.SyncSgdTrainer;
import io.sparkmlp.train.TrainingConfig;
import io.sparkmlp.train.TrainingData;
import io.sparkmlp.train.TrainingListener;
import io.sparkmlp.train.TrainingResult;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.BooleanType$;

/**
 * What an estimator's fit does: split off the validation rows if asked, cache the rows as blocks,
 * train, keep weights, history and summary.
 */
final class MlpFit {
  private MlpFit() {}

  static MlpModelData fit(
      HasMlpParams<?> params,
      Dataset<?> dataset,
      String featuresCol,
      String labelCol,
      OutputLoss outputLoss) {
    Topology topology = params.topology(outputLoss);
    Dataset<?>[] split = trainAndValidation(params, dataset);
    String weightCol = params.settingValues().get(Settings.WEIGHT_COL);
    String columns =
        "(columns '%s', '%s'%s)"
            .formatted(featuresCol, labelCol, weightCol.isEmpty() ? "" : ", '" + weightCol + "'");
    TrainingConfig config = params.trainingConfig(topology);
    try (TrainingData<?> data =
            TrainingData.cache(
                DatasetRows.examples(split[0], featuresCol, labelCol, weightCol),
                topology,
                "training data " + columns,
                config.precision(),
                config.featureLayout());
        TrainingData<?> validation =
            split[1] == null
                ? null
                : TrainingData.cache(
                    DatasetRows.examples(split[1], featuresCol, labelCol, weightCol),
                    topology,
                    "validation data " + columns,
                    config.precision(),
                    data.layout())) {
      TrainingResult result =
          new SyncSgdTrainer(config).fit(data, validation, TrainingListener.NONE);
      double[] labelAccuracy =
          topology.task() == Task.MULTI_LABEL
              ? LabelAccuracy.of(data, topology, result.parameters(), config).accuracy()
              : new double[0];
      return new MlpModelData(
          topology,
          result.parameters(),
          result.lossHistory(),
          1,
          MlpTrainingSummary.of(result, topology.task(), data.layout(), labelAccuracy));
    }
  }

  /** The training rows and the validation rows (null when there are none). */
  private static Dataset<?>[] trainAndValidation(HasMlpParams<?> params, Dataset<?> dataset) {
    SettingValues settings = params.settingValues();
    String indicator = settings.get(Settings.VALIDATION_INDICATOR_COL);
    double fraction = settings.get(Settings.VALIDATION_FRACTION);
    if (!indicator.isEmpty() && fraction > 0) {
      throw new IllegalArgumentException(
          "set validationIndicatorCol or validationFraction, not both");
    }
    if (!indicator.isEmpty()) {
      if (!Arrays.asList(dataset.columns()).contains(indicator)) {
        throw new IllegalArgumentException(
            "validationIndicatorCol '" + indicator + "' is not a column of the dataset");
      }
      if (!(dataset.schema().apply(indicator).dataType() instanceof BooleanType$)) {
        throw new IllegalArgumentException(
            "validationIndicatorCol '%s' must be boolean, not %s"
                .formatted(indicator, dataset.schema().apply(indicator).dataType().simpleString()));
      }
      return new Dataset<?>[] {dataset.filter(not(col(indicator))), dataset.filter(col(indicator))};
    }
    if (fraction > 0) {
      return dataset.randomSplit(
          new double[] {1 - fraction, fraction}, settings.get(Settings.SEED));
    }
    if (settings.get(Settings.EARLY_STOPPING_PATIENCE) > 0) {
      throw new IllegalArgumentException(
          "earlyStoppingPatience watches the validation loss: set validationFraction or"
              + " validationIndicatorCol");
    }
    return new Dataset<?>[] {dataset, null};
  }
}
