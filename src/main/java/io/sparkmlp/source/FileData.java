package io.sparkmlp.source;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;

import io.sparkmlp.data.DatasetRows;
import io.sparkmlp.data.Example;
import io.sparkmlp.data.InvalidInputException;
import io.sparkmlp.data.RowSplit;
import io.sparkmlp.nn.Task;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.settings.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Rows read by Spark's own data sources (libsvm, csv, parquet), assembled into a features vector
 * with Spark's VectorAssembler when they come as columns. The validation and test files are matched
 * to the training file by column name; classification labels are indexed by {@link Labels}; row
 * weights come from a column when the job names one. A bad row is reported with its file, its line
 * (see {@link LineFinder}) and what is wrong with it: a CSV line whose cell count is not the
 * header's, a label that is missing or not a class, a weight or a cell that is not a number, a
 * feature that is not finite ({@link RowFaults}).
 *
 * @param validationPath "" for none
 * @param testPath "" for none
 * @param testFraction 0 for none
 * @param weightCol "" for rows of weight 1
 * @param featureCols empty for the default (see {@link Settings#FEATURE_COLS})
 * @param numFeatures libsvm only; 0 to infer
 * @param header csv only: the first line names the columns
 * @param delimiter csv only: one character, or {@link Settings#TAB}
 * @param labels the classes in index order; empty to take the training file's, sorted
 */
public record FileData(
    String format,
    String path,
    String validationPath,
    String testPath,
    double testFraction,
    long seed,
    String labelCol,
    String weightCol,
    List<String> featureCols,
    int numFeatures,
    boolean header,
    String delimiter,
    List<String> labels)
    implements DataSpec {
  private static final String FEATURES = "features";
  private static final String LABEL = "_label";
  private static final String FAULT = "_fault";
  private static final String WEIGHT = "_weight";
  private static final String CORRUPT = "_malformed_line";

  /** More distinct labels than this is a regression target, not classes. */
  static final int MAX_CLASSES = 100_000;

  @Override
  public String label() {
    return format + " " + path;
  }

  @Override
  public String name() {
    return Path.of(path).getFileName().toString().replaceFirst("\\.[^.]*$", "");
  }

  /** "test file t.csv", or "test data (held out of the training file a.csv)". */
  @Override
  public String describe(Part part) {
    String file =
        switch (part) {
          case TRAINING -> path;
          case VALIDATION -> validationPath;
          case TEST -> testFraction > 0 ? "" : testPath;
        };
    return file.isEmpty()
        ? part.label() + " data (held out of the training file " + path + ")"
        : part.label() + " file " + file;
  }

  /**
   * With the number of the line at fault, when the part's file is a local text file that has it:
   * "training file a.csv, line 4: ...". Found by reading the file on the driver, on this error path
   * only.
   */
  @Override
  public InvalidInputException located(Part part, InvalidInputException invalid) {
    String file =
        switch (part) {
          case TRAINING -> path;
          case VALIDATION -> validationPath.isEmpty() ? path : validationPath;
          case TEST -> testPath.isEmpty() ? path : testPath;
        };
    return lines().located(describe(part), file, invalid);
  }

  private LineFinder lines() {
    return new LineFinder(format, header, separator());
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
  public Loaded load(JavaSparkContext jsc, int partitions, Task task) {
    SparkSession spark = SparkSession.builder().sparkContext(jsc.sc()).getOrCreate();
    Dataset<Row> trainFile = checked(path, () -> read(spark, path, true));
    List<String> inputs = checked(path, () -> inputs(trainFile, path));
    Labels classes =
        task == Task.CLASSIFICATION ? checked(path, () -> classes(trainFile, path)) : null;
    Dataset<Row> validation =
        validationPath.isEmpty()
            ? null
            : other(spark, validationPath, trainFile, inputs, classes, task);
    Dataset<Row> train = prepared(trainFile, path, inputs, classes, task);
    Dataset<Row> test =
        testFraction > 0 || testPath.isEmpty()
            ? null
            : other(spark, testPath, trainFile, inputs, classes, task);
    int features =
        width(train, path)
            .orElseThrow(() -> new InvalidInputException("no training rows are left in " + path));
    checkWidth(validation, validationPath, features);
    checkWidth(test, testPath, features);
    JavaRDD<Example> trainRows = examples(path, train);
    JavaRDD<Example> testRows = test == null ? null : examples(testPath, test);
    if (testFraction > 0) {
      RowSplit split = RowSplit.of(trainRows, testFraction, seed);
      trainRows = split.kept();
      testRows = split.taken();
    }
    return new Loaded(
        trainRows,
        validation == null ? null : examples(validationPath, validation),
        testRows,
        features,
        inputs.equals(List.of(FEATURES)) && hasVector(trainFile) ? List.of() : inputs,
        task == Task.MULTI_LABEL ? new Labels(labelCols()) : classes);
  }

  /**
   * The rows of the data file to score: the features as a vector column "features" (from the
   * feature columns by name, or the file's vector column), the label as "label" when the file has
   * the label column (a classifier's as text, as {@link Labels} names classes; else the value), and
   * the {@code keep} columns as they are.
   */
  public Dataset<Row> scoringRows(SparkSession spark, Task task, List<String> keep) {
    Dataset<Row> rows = checked(path, () -> read(spark, path, false));
    List<String> inputs = checked(path, () -> inputs(rows, path));
    List<String> columns = dataColumns(rows);
    List<Column> selected = new java.util.ArrayList<>();
    for (String column : keep) {
      if (!columns.contains(column)) {
        throw new InvalidInputException(
            "data file %s has no column '%s' to keep (columns: %s)"
                .formatted(path, column, columns));
      }
      selected.add(col(column));
    }
    Dataset<Row> vectors = assembled(rows, inputs);
    if (Arrays.asList(rows.columns()).contains(CORRUPT)) {
      Row malformed =
          checked(path, () -> vectors.where(col(CORRUPT).isNotNull()).takeAsList(1)).stream()
              .findFirst()
              .orElse(null);
      if (malformed != null) {
        throw new InvalidInputException(
            "data file %s: a line with another cell count than the %s: '%s'"
                .formatted(path, header ? "header" : "first line", malformed.getAs(CORRUPT)));
      }
    }
    selected.add(col(FEATURES));
    if (task != Task.MULTI_LABEL && columns.contains(labelCol)) {
      boolean numeric = rows.schema().apply(labelCol).dataType() instanceof NumericType;
      selected.add(
          (task == Task.CLASSIFICATION ? Labels.text(col(labelCol), numeric) : asDouble(labelCol))
              .as("label"));
    }
    return vectors.select(selected.toArray(new Column[0]));
  }

  /** A validation or test file, which must have the training file's columns, by name. */
  private Dataset<Row> other(
      SparkSession spark,
      String file,
      Dataset<Row> trainFile,
      List<String> inputs,
      Labels classes,
      Task task) {
    Dataset<Row> rows = checked(file, () -> read(spark, file, true));
    List<String> theirs = dataColumns(rows);
    List<String> ours = dataColumns(trainFile);
    for (String column : ours) {
      if (!theirs.contains(column)) {
        throw new InvalidInputException(
            "data file %s has no column '%s', which the training file %s has"
                .formatted(file, column, path));
      }
    }
    for (String column : theirs) {
      if (!ours.contains(column)) {
        throw new InvalidInputException(
            "data file %s has a column '%s', which the training file %s has not"
                .formatted(file, column, path));
      }
    }
    checked(file, () -> inputs(rows, file)); // the same columns; each must be numeric here too
    return prepared(rows, file, inputs, classes, task);
  }

  /** The rows as examples, in the file's order (the shards follow the rows' positions). */
  private JavaRDD<Example> examples(String file, Dataset<Row> rows) {
    return checked(file, () -> DatasetRows.examples(rows, FEATURES, LABEL, weightColumn(), FAULT));
  }

  /**
   * Runs a read of {@code file}; a failure to parse it becomes a one-line message naming it, with
   * its line when that can be found.
   */
  private <T> T checked(String file, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidInputException e) {
      throw lines().located("data file " + file, file, e);
    } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
      RuntimeException failure = InvalidInputException.fromReadFailure("data file " + file, e);
      throw failure instanceof InvalidInputException invalid
          ? lines().located("data file " + file, file, invalid)
          : failure;
    }
  }

  /**
   * The file's rows; refuses a file without rows, and one without the label column or the weight
   * column if {@code needsLabel}.
   */
  private Dataset<Row> read(SparkSession spark, String file, boolean needsLabel) {
    if (!file.contains(":/") && !Files.exists(Path.of(file))) {
      throw new InvalidInputException("data file " + file + " does not exist");
    }
    Dataset<Row> rows =
        switch (format) {
          case "libsvm" ->
              (numFeatures > 0 ? spark.read().option("numFeatures", numFeatures) : spark.read())
                  .format("libsvm")
                  .load(file);
          case "csv" -> csv(spark, file);
          case "parquet" -> spark.read().parquet(file);
          default -> throw new IllegalStateException("format " + format);
        };
    if (rows.isEmpty()) {
      throw new InvalidInputException("data file " + file + " holds no rows");
    }
    for (String label : needsLabel ? labelCols() : List.<String>of()) {
      if (!dataColumns(rows).contains(label)) {
        throw new InvalidInputException(
            "data file %s has no label column '%s' (columns: %s)"
                .formatted(file, label, dataColumns(rows)));
      }
    }
    if (needsLabel && !weightCol.isEmpty() && !dataColumns(rows).contains(weightCol)) {
      throw new InvalidInputException(
          "data file %s has no weight column '%s' (columns: %s)"
              .formatted(file, weightCol, dataColumns(rows)));
    }
    return rows;
  }

  /**
   * The CSV file with the column types Spark infers, and a column holding each line whose cell
   * count is not the header's (Spark would otherwise fill the missing cells with null and drop the
   * extra ones without a word).
   */
  private Dataset<Row> csv(SparkSession spark, String file) {
    StructType inferred =
        spark
            .read()
            .option("header", header)
            .option("sep", separator())
            .option("inferSchema", true)
            .csv(file)
            .schema();
    return spark
        .read()
        .option("header", header)
        .option("sep", separator())
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .schema(inferred.add(CORRUPT, DataTypes.StringType))
        .csv(file);
  }

  /** The file's columns, without the one that reports malformed lines. */
  private static List<String> dataColumns(Dataset<Row> rows) {
    return Arrays.stream(rows.columns()).filter(c -> !c.equals(CORRUPT)).toList();
  }

  /**
   * The feature columns: data.feature_cols, else a vector column "features" if there is one, else
   * every column but the label and the weight; each must be numeric.
   */
  private List<String> inputs(Dataset<Row> rows, String file) {
    List<String> columns = dataColumns(rows);
    if (featureCols.isEmpty() && hasVector(rows)) {
      return List.of(FEATURES);
    }
    List<String> inputs =
        featureCols.isEmpty()
            ? columns.stream()
                .filter(c -> !labelCols().contains(c) && !c.equals(weightCol))
                .toList()
            : featureCols;
    for (String input : inputs) {
      if (!columns.contains(input)) {
        throw new InvalidInputException(
            "data file %s has no feature column '%s' (columns: %s)"
                .formatted(file, input, columns));
      }
      if (!(rows.schema().apply(input).dataType() instanceof NumericType)) {
        Row bad =
            rows.filter(col(input).isNotNull().and(asDouble(input).isNull())).takeAsList(1).stream()
                .findFirst()
                .orElse(null);
        String problem =
            "column '%s' is not numeric%s"
                .formatted(input, (bad == null ? "" : " (it holds '" + bad.getAs(input) + "')"));
        throw new InvalidInputException(
            "data file " + file + ": " + problem,
            problem,
            null,
            bad == null
                ? null
                : new InvalidInputException.Cell(input, bad.getAs(input).toString()));
      }
    }
    return inputs;
  }

  private static boolean hasVector(Dataset<Row> rows) {
    return Arrays.asList(rows.columns()).contains(FEATURES)
        && rows.schema().apply(FEATURES).dataType() instanceof VectorUDT;
  }

  /** data.labels, else the training file's labels, sorted. */
  private Labels classes(Dataset<Row> rows, String file) {
    if (!labels.isEmpty()) {
      return new Labels(labels);
    }
    boolean numeric = rows.schema().apply(labelCol).dataType() instanceof NumericType;
    List<Row> found =
        rows.select(col(labelCol))
            .where(col(labelCol).isNotNull())
            .distinct()
            .limit(MAX_CLASSES + 1)
            .collectAsList();
    if (found.size() > MAX_CLASSES) {
      throw new InvalidInputException(
          "data file %s has more than %d distinct labels in column '%s': for values, use model.output = identity"
              .formatted(file, MAX_CLASSES, labelCol));
    }
    List<String> names = new java.util.ArrayList<>();
    for (Row row : found) {
      if (numeric && !Double.isFinite(((Number) row.get(0)).doubleValue())) {
        throw new InvalidInputException(
            "data file %s: label %s in column '%s' is not a class label"
                .formatted(file, row.get(0), labelCol));
      }
      names.add(
          numeric
              ? Labels.ofNumber(((Number) row.get(0)).doubleValue())
              : row.get(0).toString().trim());
    }
    return Labels.sorted(names);
  }

  /**
   * The rows as a features vector, the label as a double (a class index for classification), the
   * weight if there is a weight column, and what is wrong with the row ({@link RowFaults}), null
   * when nothing is.
   */
  private Dataset<Row> prepared(
      Dataset<Row> rows, String file, List<String> inputs, Labels classes, Task task) {
    Dataset<Row> vectors = assembled(rows, inputs);
    RowFaults faults = new RowFaults();
    if (Arrays.asList(rows.columns()).contains(CORRUPT)) {
      faults.line(
          col(CORRUPT).isNotNull(),
          concat(
              lit("a line of "),
              size(split(col(CORRUPT), Pattern.quote(separator()))).cast("string"),
              lit(" cells where the " + (header ? "header has " : "first line has ")),
              lit(dataColumns(rows).size()),
              lit(": '"),
              col(CORRUPT),
              lit("'")),
          col(CORRUPT));
    }
    Column label =
        task == Task.MULTI_LABEL
            ? multiLabel(faults)
            : label(faults, classes, rows.schema().apply(labelCol).dataType());
    List<Column> selected = new java.util.ArrayList<>(List.of(col(FEATURES), label.as(LABEL)));
    if (!weightCol.isEmpty()) {
      Column weight = col(weightCol);
      faults
          .cell(
              weight.isNull(),
              lit("a row without a weight in column '" + weightCol + "'"),
              lit(weightCol),
              lit(""))
          .cell(
              asDouble(weightCol).isNull(),
              concat(lit("weight '"), weight.cast("string"), lit("' is not a number")),
              lit(weightCol),
              weight);
    }
    // every row has a weight, 1 when the file gives none
    selected.add((weightCol.isEmpty() ? lit(1.0) : asDouble(weightCol)).as(weightColumn()));
    Column nonFinite = NonFinite.firstIn(col(FEATURES));
    faults.cell(
        nonFinite.geq(0),
        concat(
            lit("feature "),
            featureName(inputs, nonFinite),
            lit(" is "),
            NonFinite.valueAt(col(FEATURES), nonFinite),
            lit(": features must be finite")),
        featureCell(inputs, nonFinite),
        NonFinite.valueAt(col(FEATURES), nonFinite));
    selected.add(faults.column().as(FAULT));
    return vectors.select(selected.toArray(new Column[0]));
  }

  /** The label as a double (a class index for classification), its faults added to faults. */
  private Column label(RowFaults faults, Labels classes, DataType type) {
    Column raw = col(labelCol);
    Column label =
        classes == null ? asDouble(labelCol) : classes.index(raw, type instanceof NumericType);
    withoutLabel(faults, labelCol)
        .cell(
            label.isNull(),
            concat(
                lit("label '"),
                raw.cast("string"),
                lit(
                    classes == null
                        ? "' is not a number"
                        : "' is not one of the classes (" + classes.text() + ")")),
            lit(labelCol),
            raw);
    return label;
  }

  /** Multi-label: an array of each label column's 0 or 1, its faults added to faults. */
  private Column multiLabel(RowFaults faults) {
    List<Column> values = new java.util.ArrayList<>();
    for (String column : labelCols()) {
      Column raw = col(column);
      Column value = asDouble(column);
      withoutLabel(faults, column)
          .cell(
              value.isNull().or(functions.not(value.isin(0.0, 1.0))),
              concat(
                  lit("label '"),
                  raw.cast("string"),
                  lit("' in column '" + column + "' must be 0 or 1")),
              lit(column),
              raw);
      values.add(value);
    }
    return array(values.toArray(new Column[0]));
  }

  /** faults with the fault of a row whose label column is empty. */
  private static RowFaults withoutLabel(RowFaults faults, String column) {
    return faults.cell(
        col(column).isNull(),
        lit("a row without a label in column '" + column + "'"),
        lit(column),
        lit(""));
  }

  /** The label columns: one, or for multi-label one per label ({@code data.label_col}). */
  public List<String> labelCols() {
    return Type.items(labelCol);
  }

  /** The weight column of the prepared rows: the file's, by the name messages give it. */
  private String weightColumn() {
    return weightCol.isEmpty() ? WEIGHT : weightCol;
  }

  /**
   * How a message names the feature at {@code index} of the assembled vector: by its column, or by
   * its index as the file counts (LIBSVM from 1).
   */
  private Column featureName(List<String> inputs, Column index) {
    return inputs.equals(List.of(FEATURES))
        ? concat(lit(format.equals("libsvm") ? "index " : "at index "), featureCell(inputs, index))
        : concat(lit("column '"), featureCell(inputs, index), lit("'"));
  }

  /** The column of the feature at {@code index}, as {@link LineFinder} looks for it. */
  private Column featureCell(List<String> inputs, Column index) {
    if (!inputs.equals(List.of(FEATURES))) {
      return element_at(
          array(inputs.stream().map(functions::lit).toArray(Column[]::new)), index.plus(1));
    }
    return (format.equals("libsvm") ? index.plus(1) : index).cast("string");
  }

  /** The rows with the feature columns as one vector column "features". */
  private static Dataset<Row> assembled(Dataset<Row> rows, List<String> inputs) {
    return inputs.equals(List.of(FEATURES)) && hasVector(rows)
        ? rows
        : new VectorAssembler()
            .setInputCols(inputs.toArray(new String[0]))
            .setOutputCol(FEATURES)
            .setHandleInvalid("keep") // NaN goes on to BlockPacker, which names its row
            .transform(rows);
  }

  private String separator() {
    return delimiter.equals(Settings.TAB) ? "\t" : delimiter;
  }

  /** The features per row of the first row, if there is one. */
  private java.util.Optional<Integer> width(Dataset<Row> rows, String file) {
    return checked(file, () -> rows.select(FEATURES).takeAsList(1)).stream()
        .findFirst()
        .map(row -> ((Vector) row.get(0)).size());
  }

  /** A validation or test file's vectors must be as wide as the training file's. */
  private void checkWidth(Dataset<Row> rows, String file, int features) {
    if (rows == null) {
      return;
    }
    width(rows, file)
        .filter(width -> width != features)
        .ifPresent(
            width -> {
              throw new InvalidInputException(
                  "data file %s has %d features per row, the training file %s %d%s"
                      .formatted(
                          file,
                          width,
                          path,
                          features,
                          format.equals("libsvm")
                              ? " (give both with " + Settings.NUM_FEATURES.key() + ")"
                              : ""));
            });
  }

  /**
   * The column as a double, null where its text is not a number: SQL's try_cast, the same in Spark
   * 3.5 and in Spark 4 (whose ANSI mode makes a plain cast of such text throw).
   */
  private static Column asDouble(String column) {
    return expr("try_cast(`" + column.replace("`", "``") + "` AS DOUBLE)");
  }
}
