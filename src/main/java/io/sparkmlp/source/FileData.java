package io.sparkmlp.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.sparkmlp.data.DatasetRows;
import io.sparkmlp.data.Example;
import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.nn.Task;
import io.sparkmlp.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Rows read by Spark's own data sources (libsvm, csv with a header, parquet), assembled into a
 * features vector with Spark's VectorAssembler when they come as columns.
 *
 * @param validationPath "" for none
 * @param testPath "" for none
 * @param testFraction 0 for none
 * @param featureCols empty for the default (see {@link Settings#FEATURE_COLS})
 * @param numFeatures libsvm only; 0 to infer
 */
public record FileData(
    String format,
    String path,
    String validationPath,
    String testPath,
    double testFraction,
    long seed,
    String labelCol,
    List<String> featureCols,
    int numFeatures)
    implements DataSpec {
  private static final String FEATURES = "features";

  @Override
  public String label() {
    return format + " " + path;
  }

  /** Known only once the file is read: see {@link DataSpec.Loaded#features()}. */
  @Override
  public int features() {
    return UNKNOWN;
  }

  /** Files may hold classes or values: the model's output layer decides. */
  @Override
  public Task task() {
    return null;
  }

  @Override
  public Loaded load(JavaSparkContext jsc, int partitions) {
    SparkSession spark = SparkSession.builder().sparkContext(jsc.sc()).getOrCreate();
    Dataset<Row> train = readChecked(spark, path);
    Dataset<Row> validation = validationPath.isEmpty() ? null : readChecked(spark, validationPath);
    Dataset<Row> test = testPath.isEmpty() ? null : readChecked(spark, testPath);
    if (testFraction > 0) {
      Dataset<Row>[] split = train.randomSplit(new double[] {1 - testFraction, testFraction}, seed);
      train = split[0];
      test = split[1];
    }
    Dataset<Row> trainRows = train;
    Row first =
        checked(path, () -> trainRows.select(FEATURES).takeAsList(1)).stream()
            .findFirst()
            .orElseThrow(() -> new InvalidInputException("no training rows are left in " + path));
    int features = ((Vector) first.get(0)).size();
    return new Loaded(
        examples(path, train, partitions),
        validation == null ? null : examples(validationPath, validation, partitions),
        test == null ? null : examples(testPath, test, partitions),
        features);
  }

  /** The rows as examples; Spark's adaptive execution reads the file here, for the shuffle. */
  private JavaRDD<Example> examples(String file, Dataset<Row> rows, int partitions) {
    return checked(
        file, () -> DatasetRows.examples(rows.repartition(partitions), FEATURES, labelCol));
  }

  /**
   * The file's rows as features and label, checked; a line Spark's reader cannot parse (a LIBSVM
   * index that is not one-based and ascending, say) is reported with the file's name.
   */
  private Dataset<Row> readChecked(SparkSession spark, String file) {
    return checked(file, () -> vectors(read(spark, file), file));
  }

  /** Runs a read of {@code file}; a failure to parse it becomes a one-line message naming it. */
  private static <T> T checked(String file, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
      throw InvalidInputException.fromReadFailure("data file " + file, e);
    }
  }

  private Dataset<Row> read(SparkSession spark, String file) {
    if (!file.contains("://") && !Files.exists(Path.of(file))) {
      throw new InvalidInputException("data file " + file + " does not exist");
    }
    DataFrameReader reader = spark.read();
    return switch (format) {
      case "libsvm" ->
          (numFeatures > 0 ? reader.option("numFeatures", numFeatures) : reader)
              .format("libsvm")
              .load(file);
      case "csv" -> reader.option("header", true).option("inferSchema", true).csv(file);
      case "parquet" -> reader.parquet(file);
      default -> throw new IllegalStateException("format " + format);
    };
  }

  /** The rows with a vector column "features" and the label column, each checked. */
  private Dataset<Row> vectors(Dataset<Row> rows, String file) {
    if (rows.isEmpty()) {
      throw new InvalidInputException("data file " + file + " holds no rows");
    }
    List<String> columns = Arrays.asList(rows.columns());
    if (!columns.contains(labelCol)) {
      throw new InvalidInputException(
          "data file %s has no label column '%s' (columns: %s)".formatted(file, labelCol, columns));
    }
    boolean hasVector =
        columns.contains(FEATURES) && rows.schema().apply(FEATURES).dataType() instanceof VectorUDT;
    if (featureCols.isEmpty() && hasVector) {
      return rows.select(col(FEATURES), asDouble(labelCol).as(labelCol));
    }
    List<String> inputs =
        featureCols.isEmpty()
            ? columns.stream().filter(c -> !c.equals(labelCol)).toList()
            : featureCols;
    for (String input : inputs) {
      if (!columns.contains(input)) {
        throw new InvalidInputException(
            "data file %s has no feature column '%s' (columns: %s)"
                .formatted(file, input, columns));
      }
      StructField field = rows.schema().apply(input);
      if (!(field.dataType() instanceof NumericType)) {
        Row bad =
            rows.filter(col(input).isNotNull().and(asDouble(input).isNull())).takeAsList(1).stream()
                .findFirst()
                .orElse(null);
        throw new InvalidInputException(
            "data file %s: column '%s' is not numeric%s"
                .formatted(
                    file, input, (bad == null ? "" : " (it holds '" + bad.getAs(input) + "')")));
      }
    }
    return new VectorAssembler()
        .setInputCols(inputs.toArray(new String[0]))
        .setOutputCol(FEATURES)
        .setHandleInvalid("keep") // NaN goes on to BlockPacker, which names its row
        .transform(rows)
        .select(col(FEATURES), asDouble(labelCol).as(labelCol));
  }

  /**
   * The column as a double, null where its text is not a number: SQL's try_cast, the same in Spark
   * 3.5 and in Spark 4 (whose ANSI mode makes a plain cast of such text throw).
   */
  private static Column asDouble(String column) {
    return expr("try_cast(`" + column.replace("`", "``") + "` AS DOUBLE)");
  }
}
