package io.sparkmlp.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.sparkmlp.data.DatasetRows;
import io.sparkmlp.data.Example;
import io.sparkmlp.data.RowSplit;
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
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
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
    String weightCol = params.settingValues().get(Settings.WEIGHT_COL);
    List<JavaRDD<Example>> split =
        trainAndValidation(
            params, dataset, rows -> DatasetRows.examples(rows, featuresCol, labelCol, weightCol));
    String columns =
        "(columns '%s', '%s'%s)"
            .formatted(featuresCol, labelCol, weightCol.isEmpty() ? "" : ", '" + weightCol + "'");
    TrainingConfig config = params.trainingConfig(topology);
    try (TrainingData<?> data =
            TrainingData.cache(
                split.get(0),
                topology,
                "training data " + columns,
                config.precision(),
                config.featureLayout(),
                config.sharding(split.get(0).getNumPartitions()),
                config.storageLevel());
        TrainingData<?> validation =
            split.size() == 1
                ? null
                : TrainingData.cache(
                    split.get(1),
                    topology,
                    "validation data " + columns,
                    config.precision(),
                    data.layout(),
                    data.sharding(),
                    data.storage())) {
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

  /**
   * The training rows as examples, and the validation rows if there are: those the indicator column
   * marks, or a seeded share of the rows by position ({@link RowSplit}, the same rows on any
   * partitioning).
   */
  private static List<JavaRDD<Example>> trainAndValidation(
      HasMlpParams<?> params, Dataset<?> dataset, Function<Dataset<?>, JavaRDD<Example>> examples) {
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
      return List.of(
          examples.apply(dataset.filter(not(col(indicator)))),
          examples.apply(dataset.filter(col(indicator))));
    }
    if (fraction > 0) {
      RowSplit split = RowSplit.of(examples.apply(dataset), fraction, settings.get(Settings.SEED));
      return List.of(split.kept(), split.taken());
    }
    if (settings.get(Settings.EARLY_STOPPING_PATIENCE) > 0) {
      throw new IllegalArgumentException(
          "earlyStoppingPatience watches the validation loss: set validationFraction or"
              + " validationIndicatorCol");
    }
    return List.of(examples.apply(dataset));
  }
}
