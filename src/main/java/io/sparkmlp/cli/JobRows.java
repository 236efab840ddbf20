package io.sparkmlp.cli;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Topology;
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
   * Loads the job's data source, checks its feature count against the input layer, and splits off
   * the validation rows if the job asks for a share of them.
   */
  public static JobRows load(JobConfig job, JavaSparkContext jsc) throws IOException {
    Topology topology = job.training().topology();
    int partitions = job.partitions() > 0 ? job.partitions() : jsc.defaultParallelism();
    DataSpec.Loaded rows = job.data().load(jsc, partitions);
    if (rows.features() != topology.inputs()) {
      throw new ConfException(
          ConfKey.MODEL_LAYERS.key()
              + ": the input layer has "
              + topology.inputs()
              + " units but "
              + job.data().label()
              + " has "
              + rows.features()
              + " features");
    }
    if (job.validationFraction() > 0) {
      rows = rows.withValidationSplit(job.validationFraction(), job.validationSeed());
    }
    double scale = job.scaling().factor(rows.train());
    return new JobRows(
        FeatureScaling.apply(rows.train(), scale),
        rows.validation() == null ? null : FeatureScaling.apply(rows.validation(), scale),
        rows.test() == null ? null : FeatureScaling.apply(rows.test(), scale),
        partitions);
  }
}
