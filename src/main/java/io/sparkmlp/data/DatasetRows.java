package io.sparkmlp.data;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;

/** Rows of a DataFrame with a vector column and a numeric label column, as examples. */
public final class DatasetRows {
  private DatasetRows() {}

  /**
   * One example per row: the features vector and the label as a one-element target. Nulls are
   * refused with the column's name; values are checked when the rows are packed.
   */
  public static JavaRDD<Example> examples(Dataset<?> dataset, String featuresCol, String labelCol) {
    return examples(dataset, featuresCol, labelCol, null, null);
  }

  /**
   * {@link #examples(Dataset, String, String)}, refusing a row whose {@code problemCol} (e.g.
   * "label 'Q' is not one of the classes (A, B)") is not null with that text, and with the text of
   * its line from {@code lineCol} where that is not null.
   */
  public static JavaRDD<Example> examples(
      Dataset<?> dataset, String featuresCol, String labelCol, String problemCol, String lineCol) {
    return dataset
        .select(
            featuresCol,
            labelCol,
            problemCol == null ? labelCol : problemCol,
            lineCol == null ? labelCol : lineCol)
        .toJavaRDD()
        .map(
            row -> {
              if (problemCol != null && !row.isNullAt(2)) {
                String problem = row.getString(2);
                throw new InvalidInputException(
                    problem, problem, lineCol == null || row.isNullAt(3) ? null : row.getString(3));
              }
              if (row.isNullAt(0)) {
                throw new InvalidInputException("column '" + featuresCol + "' holds a null vector");
              }
              if (row.isNullAt(1)) {
                throw new InvalidInputException("column '" + labelCol + "' holds a null label");
              }
              Vector features = row.getAs(0);
              return new Example(features.toArray(), new double[] {row.getDouble(1)});
            });
  }
}
