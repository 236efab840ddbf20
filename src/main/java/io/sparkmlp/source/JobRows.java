package io.sparkmlp.source;

import io.sparkmlp.data.Example;
import io.sparkmlp.data.FeatureScaling;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.Settings;
import java.io.IOException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A job's rows: training, and validation and test when there are (else null), every set scaled with
 * the factor fitted on the training rows.
 *
 * @param partitions of the training rows
 */
public record JobRows(
    JavaRDD<Example> train, JavaRDD<Example> validation, JavaRDD<Example> test, int partitions) {

  /**
   * Loads the job's data source, checks its feature count against the network's {@code inputs}, and
   * splits off the validation rows if the job asks for a share of them.
   *
   * @throws ConfException if the rows do not have {@code inputs} features
   */
  public static JobRows load(DataJob job, int inputs, JavaSparkContext jsc) throws IOException {
    int partitions = job.partitions() > 0 ? job.partitions() : jsc.defaultParallelism();
    DataSpec.Loaded rows = job.spec().load(jsc, partitions);
    if (rows.features() != inputs) {
      throw new ConfException(
          "%s: the input layer has %s units but %s has %s features"
              .formatted(Settings.LAYERS.key(), inputs, job.spec().label(), rows.features()));
    }
    if (job.validationFraction() > 0) {
      rows = rows.withValidationSplit(job.validationFraction(), job.seed());
    }
    double scale = job.scaling().factor(rows.train());
    return new JobRows(
        FeatureScaling.apply(rows.train(), scale),
        rows.validation() == null ? null : FeatureScaling.apply(rows.validation(), scale),
        rows.test() == null ? null : FeatureScaling.apply(rows.test(), scale),
        partitions);
  }
}
