package io.sparkmlp.ml;

import io.sparkmlp.data.DatasetRows;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.train.SyncSgdTrainer;
import io.sparkmlp.train.TrainingData;
import io.sparkmlp.train.TrainingListener;
import io.sparkmlp.train.TrainingResult;
import org.apache.spark.sql.Dataset;

/** What an estimator's fit does: cache the rows as blocks, train, keep weights and history. */
final class MlpFit {
  private MlpFit() {}

  static MlpModelData fit(
      HasMlpParams<?> params,
      Dataset<?> dataset,
      String featuresCol,
      String labelCol,
      OutputLoss outputLoss) {
    Topology topology = params.topology(outputLoss);
    try (TrainingData data =
        TrainingData.cache(
            DatasetRows.examples(dataset, featuresCol, labelCol),
            topology,
            "training data (columns '" + featuresCol + "', '" + labelCol + "')")) {
      TrainingResult result =
          new SyncSgdTrainer(params.trainingConfig(topology)).fit(data, TrainingListener.NONE);
      return new MlpModelData(topology, result.parameters(), result.lossHistory());
    }
  }
}
