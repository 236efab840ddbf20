package io.sparkmlp.ml;

import io.sparkmlp.data.FeatureLayout;
import io.sparkmlp.nn.Task;
import io.sparkmlp.train.EpochMetrics;
import io.sparkmlp.train.Metrics;
import io.sparkmlp.train.TrainingResult;
import java.io.Serializable;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What a fit did, epoch by epoch, as Spark's training summaries tell it ({@code objectiveHistory},
 * {@code totalIterations}): the training figures are running ones, means over each epoch's
 * minibatches; the validation figures are taken with the weights at each epoch's end. Saved with
 * the model.
 *
 * @param metric "accuracy" for a classifier (for multi-label, the mean of the labels' accuracies),
 *     "rmse" for a regressor
 * @param objectiveHistory each epoch's mean training loss (cross-entropy, or 1/2 squared error),
 *     penalty left out
 * @param metricHistory each epoch's training accuracy or RMSE
 * @param validationLossHistory each epoch's validation loss; empty without validation rows
 * @param validationMetricHistory each epoch's validation accuracy or RMSE; empty without them
 * @param keptEpoch the 1-based epoch whose weights the model has: the last, or with early stopping
 *     the best
 * @param totalIterations the synchronous steps taken
 * @param stoppedEarly true when early stopping ended the fit before its last epoch
 * @param labelAccuracy multi-label: each label's accuracy on the training rows with the kept
 *     weights; empty for the other tasks
 * @param featureLayout how the training rows' features were kept: "dense" or "sparse" (see the
 *     featureLayout Param)
 */
public record MlpTrainingSummary(
    String metric,
    double[] objectiveHistory,
    double[] metricHistory,
    double[] validationLossHistory,
    double[] validationMetricHistory,
    int keptEpoch,
    long totalIterations,
    boolean stoppedEarly,
    double[] labelAccuracy,
    String featureLayout)
    implements Serializable {

  static MlpTrainingSummary of(
      TrainingResult result, Task task, FeatureLayout layout, double[] labelAccuracy) {
    ToDoubleFunction<Metrics> metric = task.countsCorrect() ? Metrics::accuracy : Metrics::rmse;
    List<EpochMetrics> history = result.history();
    List<Metrics> validation =
        history.stream().map(EpochMetrics::validation).filter(m -> m != null).toList();
    return new MlpTrainingSummary(
        task.countsCorrect() ? "accuracy" : "rmse",
        result.lossHistory(),
        history.stream().map(EpochMetrics::train).mapToDouble(metric).toArray(),
        validation.stream().mapToDouble(Metrics::loss).toArray(),
        validation.stream().mapToDouble(metric).toArray(),
        result.keptEpoch(),
        result.steps(),
        result.stoppedEarly(),
        labelAccuracy,
        layout.label());
  }
}
