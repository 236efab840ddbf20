package io.sparkmlp.source;

import static org.apache.spark.sql.functions.udf;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Finds a vector's first entry that is NaN or infinite, visiting only the stored entries of a
 * sparse vector, so that a data file's row can name the feature at fault before it is packed.
 */
final class NonFinite {
  private static final UserDefinedFunction FIRST =
      udf((UDF1<Vector, Integer>) NonFinite::first, DataTypes.IntegerType);
  private static final UserDefinedFunction VALUE =
      udf((UDF2<Vector, Integer, String>) NonFinite::value, DataTypes.StringType);

  private NonFinite() {}

  /** The index of the vector column's first non-finite entry, -1 when all are finite. */
  static Column firstIn(Column vector) {
    return FIRST.apply(vector);
  }

  /** The vector's entry at {@code index} as text. */
  static Column valueAt(Column vector, Column index) {
    return VALUE.apply(vector, index);
  }

  private static int first(Vector vector) {
    if (vector == null) {
      return -1;
    }
    double[] values =
        vector instanceof SparseVector sparse ? sparse.values() : ((DenseVector) vector).values();
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k])) {
        return vector instanceof SparseVector sparse ? sparse.indices()[k] : k;
      }
    }
    return -1;
  }

  private static String value(Vector vector, Integer index) {
    return vector == null || index == null || index < 0
        ? null
        : String.valueOf(vector.apply(index));
  }
}
