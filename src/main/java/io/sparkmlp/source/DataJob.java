package io.sparkmlp.source;

import io.sparkmlp.data.FeatureScaling;
import io.sparkmlp.data.MnistIdx;
import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.settings.Setting;
import io.sparkmlp.settings.SettingValues;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.settings.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a job's rows come from and how they are prepared: the source, the feature scaling, the
 * partition count and the validation split, from the {@code data.*} settings.
 *
 * @param partitions 0 for Spark's default parallelism
 * @param validationFraction of the training rows held out for validation; 0 for none
 * @param seed seeds the validation split
 */
public record DataJob(
    DataSpec spec, FeatureScaling scaling, int partitions, double validationFraction, long seed) {

  /**
   * The data part of a job, checked: a file or directory the source needs is named, and a
   * validation set is asked for in one way only.
   *
   * @throws RuntimeException from {@link SettingValues#bad}, naming the setting at fault
   */
  public static DataJob from(SettingValues settings) {
    DataSpec spec = source(settings);
    double validationFraction = settings.get(Settings.VALIDATION_FRACTION);
    if (validationFraction > 0
        && spec instanceof FileData file
        && !file.validationPath().isEmpty()) {
      throw settings.bad(
          Settings.VALIDATION_FRACTION,
          "give a validation fraction or " + Settings.VALIDATION_PATH.key() + ", not both");
    }
    if (settings.get(Settings.TEST_FRACTION) > 0
        && spec instanceof FileData file
        && !file.testPath().isEmpty()) {
      throw settings.bad(
          Settings.TEST_FRACTION,
          "give a test fraction or " + Settings.TEST_PATH.key() + ", not both");
    }
    return new DataJob(
        spec,
        FeatureScaling.byName(settings.get(Settings.SCALE)),
        settings.get(Settings.PARTITIONS),
        validationFraction,
        settings.get(Settings.DATA_SEED));
  }

  /** Whether the job validates after every epoch: a held-out share or a validation file. */
  public boolean hasValidation() {
    return validationFraction > 0
        || spec instanceof FileData file && !file.validationPath().isEmpty();
  }

  /**
   * The settings that say how a job's rows are read, which a model keeps to read rows to score the
   * same way.
   */
  public static final List<Setting<?>> READING =
      List.of(
          Settings.DATA_SOURCE,
          Settings.LABEL_COL,
          Settings.HEADER,
          Settings.DELIMITER,
          Settings.NUM_FEATURES,
          Settings.TEST_EXAMPLES,
          Settings.DATA_SEED);

  /** Where the rows come from, checked: a file or directory the source needs is named. */
  public static DataSpec source(SettingValues settings) {
    String source = settings.get(Settings.DATA_SOURCE).trim().toLowerCase(Locale.ROOT);
    if (Settings.FILE_FORMATS.contains(source)) {
      return file(settings, source);
    }
    if (!settings.get(Settings.VALIDATION_PATH).isEmpty()) {
      throw settings.bad(
          Settings.VALIDATION_PATH,
          "only the file sources (%s) read a validation file; use %s for %s"
              .formatted(
                  String.join(", ", Settings.FILE_FORMATS),
                  Settings.VALIDATION_FRACTION.key(),
                  source));
    }
    if (!settings.get(Settings.WEIGHT_COL).isEmpty()) {
      throw settings.bad(
          Settings.WEIGHT_COL,
          "only csv and parquet files have a weight column, not data.source = " + source);
    }
    if (!source.equals(Settings.MNIST)) {
      return new DataSpec.Generated(
          SyntheticData.byName(source),
          settings.get(Settings.EXAMPLES),
          settings.get(Settings.TEST_EXAMPLES),
          settings.get(Settings.DATA_SEED));
    }
    String path = settings.get(Settings.DATA_PATH);
    if (path.isEmpty()) {
      throw settings.bad(
          Settings.DATA_PATH, "data.source = mnist needs the directory of the IDX files");
    }
    Path dir = Path.of(onDriver(path));
    Path images = MnistIdx.find(dir, MnistIdx.TRAIN_IMAGES);
    if (!Files.exists(images)) {
      throw settings.bad(
          Settings.DATA_PATH, "no " + MnistIdx.TRAIN_IMAGES + "[.gz] in that directory");
    }
    try {
      return new DataSpec.Mnist(dir, settings.get(Settings.LIMIT), MnistIdx.pixelsPerImage(images));
    } catch (IOException e) {
      throw settings.bad(Settings.DATA_PATH, "cannot read " + images + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw settings.bad(Settings.DATA_PATH, e.getMessage());
    }
  }

  /**
   * A local path resolved against the driver's working directory, so that executors, which run
   * elsewhere (a worker's work/app-*&#47;N/), read the same file; a URI (hdfs://, s3a://, file:/)
   * or "" as it is.
   */
  private static String onDriver(String path) {
    return path.isEmpty() || path.contains(":/")
        ? path
        : Path.of(path).toAbsolutePath().normalize().toString();
  }

  private static FileData file(SettingValues settings, String format) {
    String path = settings.get(Settings.DATA_PATH);
    if (path.isEmpty()) {
      throw settings.bad(Settings.DATA_PATH, "data.source = " + format + " needs the data file");
    }
    String featureCols = settings.get(Settings.FEATURE_COLS);
    String weightCol = settings.get(Settings.WEIGHT_COL);
    if (!weightCol.isEmpty() && format.equals("libsvm")) {
      throw settings.bad(Settings.WEIGHT_COL, "LIBSVM files have no columns: use csv or parquet");
    }
    if (weightCol.equals(settings.get(Settings.LABEL_COL))) {
      throw settings.bad(Settings.WEIGHT_COL, "is the label column");
    }
    String labels = settings.get(Settings.LABELS);
    if (!labels.isEmpty()
        && Type.items(labels).stream().distinct().count() < Type.items(labels).size()) {
      throw settings.bad(Settings.LABELS, "names a label twice");
    }
    return new FileData(
        format,
        onDriver(path),
        onDriver(settings.get(Settings.VALIDATION_PATH)),
        onDriver(settings.get(Settings.TEST_PATH)),
        settings.get(Settings.TEST_FRACTION),
        settings.get(Settings.DATA_SEED),
        settings.get(Settings.LABEL_COL),
        weightCol,
        featureCols.isEmpty() ? List.of() : Type.items(featureCols),
        settings.get(Settings.NUM_FEATURES),
        settings.get(Settings.HEADER),
        settings.get(Settings.DELIMITER),
        labels.isEmpty() ? List.of() : Type.items(labels));
  }
}
