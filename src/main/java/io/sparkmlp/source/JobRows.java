package io.sparkmlp.source;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.FeatureScaling;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.Settings;
import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A job's rows: training, and validation and test when there are (else null), every set scaled with
 * the factor fitted on the training rows.
 *
 * @param partitions the cached rows' partitions, over which the cache spreads the shards
 * @param featureColumns the columns the features were assembled from; empty for a vector column or
 *     a fixed source
 * @param featureScale what every feature was multiplied by (see {@link FeatureScaling})
 * @param labels the classes as the data names them, or null when they are the class indices
 */
public record JobRows(
    JavaRDD<Example> train,
    JavaRDD<Example> validation,
    JavaRDD<Example> test,
    int partitions,
    List<String> featureColumns,
    double featureScale,
    Labels labels) {

  /**
   * Loads the job's data source, checks its feature count against the network's input layer and its
   * labels against the output layer's classes, and splits off the validation rows if the job asks
   * for a share of them.
   *
   * @throws ConfException if the rows do not fit the network
   */
  public static JobRows load(DataJob job, Topology topology, JavaSparkContext jsc)
      throws IOException {
    int partitions = job.partitions() > 0 ? job.partitions() : jsc.defaultParallelism();
    DataSpec.Loaded rows = job.spec().load(jsc, partitions, topology.task());
    if (rows.features() != topology.inputs()) {
      throw new ConfException(
          "%s: the input layer has %s units but %s has %s features"
              .formatted(
                  Settings.LAYERS.key(), topology.inputs(), job.spec().label(), rows.features()));
    }
    Labels labels = rows.labels();
    if (labels != null && labels.size() != topology.classes()) {
      throw new ConfException(
          "%s: the output layer (%s) has %d classes but %s holds %d labels (%s)%s"
              .formatted(
                  Settings.LAYERS.key(),
                  topology.outputLoss().outputName(),
                  topology.classes(),
                  job.spec().describe(DataSpec.Part.TRAINING),
                  labels.size(),
                  labels.text(),
                  labels.size() > topology.classes()
                      ? ""
                      : "; name every class with " + Settings.LABELS.key()));
    }
    if (job.validationFraction() > 0) {
      rows = rows.withValidationSplit(job.validationFraction(), job.seed());
    }
    double scale = job.scaling().factor(rows.train());
    return new JobRows(
        FeatureScaling.apply(rows.train(), scale),
        rows.validation() == null ? null : FeatureScaling.apply(rows.validation(), scale),
        rows.test() == null ? null : FeatureScaling.apply(rows.test(), scale),
        partitions,
        rows.featureColumns(),
        scale,
        labels);
  }
}
