package io.sparkmlp.data;

import io.sparkmlp.data.InvalidInputException.Cell;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;

/**
 * Rows of a DataFrame with a vector column, a label column (numeric, or a vector or numeric array
 * of one 0/1 per label for multi-label) and weights, as examples.
 */
public final class DatasetRows {
  private DatasetRows() {}

  /**
   * One example per row: the features vector, the label as the target (one element for a number,
   * the elements of a vector or array) and the weight from {@code weightCol} (1 when it is empty).
   * Nulls are refused with the column's name, and a weight that is negative or not finite with its
   * value; features are checked when the rows are packed.
   */
  public static JavaRDD<Example> examples(
      Dataset<?> dataset, String featuresCol, String labelCol, String weightCol) {
    return examples(dataset, featuresCol, labelCol, weightCol, null);
  }

  /**
   * {@link #examples(Dataset, String, String, String)}, first refusing a row whose {@code faultCol}
   * (a struct of problem, line text, cell column and cell value, as {@code
   * io.sparkmlp.source.RowFaults} makes it) is not null, with that problem and its clues to the
   * line.
   */
  public static JavaRDD<Example> examples(
      Dataset<?> dataset, String featuresCol, String labelCol, String weightCol, String faultCol) {
    boolean weighted = !weightCol.isEmpty();
    if (weighted && !Arrays.asList(dataset.columns()).contains(weightCol)) {
      throw new InvalidInputException(
          "weight column '%s' is not a column of the data (columns: %s)"
              .formatted(weightCol, String.join(", ", dataset.columns())));
    }
    if (weighted && !(dataset.schema().apply(weightCol).dataType() instanceof NumericType)) {
      throw new InvalidInputException(
          "weight column '%s' must be numeric, not %s"
              .formatted(weightCol, dataset.schema().apply(weightCol).dataType().simpleString()));
    }
    Column weight = weighted ? functions.col(weightCol) : functions.lit(1.0);
    Column fault = faultCol == null ? functions.lit(null) : functions.col(faultCol);
    return dataset
        .select(functions.col(featuresCol), functions.col(labelCol), weight, fault)
        .toJavaRDD()
        .map(
            row -> {
              if (!row.isNullAt(3)) {
                throw fault(row.getStruct(3));
              }
              if (row.isNullAt(0)) {
                throw new InvalidInputException("column '" + featuresCol + "' holds a null vector");
              }
              if (row.isNullAt(1)) {
                throw new InvalidInputException("column '" + labelCol + "' holds a null label");
              }
              if (row.isNullAt(2)) {
                throw InvalidInputException.atCell(
                    "column '" + weightCol + "' holds a null weight", weightCol, "");
              }
              double w = ((Number) row.get(2)).doubleValue();
              String problem = Example.problemWithWeight(w);
              if (problem != null) {
                throw InvalidInputException.atCell(
                    "weight %s in column '%s' %s".formatted(w, weightCol, problem),
                    weightCol,
                    String.valueOf(w));
              }
              return new Example((Vector) row.getAs(0), target(row.get(1)), w);
            });
  }

  private static double[] target(Object label) {
    if (label instanceof Vector labels) {
      return labels.toArray();
    }
    if (label instanceof scala.collection.Seq<?> labels) {
      double[] values = new double[labels.size()];
      for (int k = 0; k < values.length; k++) {
        if (labels.apply(k) == null) {
          throw new InvalidInputException("label " + (k + 1) + " of a row is null");
        }
        values[k] = ((Number) labels.apply(k)).doubleValue();
      }
      return values;
    }
    return new double[] {((Number) label).doubleValue()};
  }

  private static InvalidInputException fault(Row fault) {
    String problem = fault.getString(0);
    return new InvalidInputException(
        problem,
        problem,
        fault.isNullAt(1) ? null : fault.getString(1),
        fault.isNullAt(2) ? null : new Cell(fault.getString(2), fault.getString(3)));
  }
}
