package io.sparkmlp.source;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The column that says what is wrong with a row of a data file, null when nothing is: the first of
 * the faults added whose condition holds, as a struct of the problem's text, the text of the line
 * at fault and the cell at fault (each null when unknown), which {@link
 * io.sparkmlp.data.DatasetRows} turns into an {@link io.sparkmlp.data.InvalidInputException}.
 */
final class RowFaults {
  static final StructType TYPE =
      new StructType()
          .add("problem", DataTypes.StringType)
          .add("line", DataTypes.StringType)
          .add("column", DataTypes.StringType)
          .add("value", DataTypes.StringType);

  private record Fault(Column condition, Column value) {}

  private final List<Fault> faults = new ArrayList<>();

  /** A fault of the line as a whole: its text is what the driver looks for in the file. */
  RowFaults line(Column condition, Column problem, Column line) {
    return add(condition, problem, line, lit(null), lit(null));
  }

  /** A fault of one cell: the cell's column as the file names it and its value as text. */
  RowFaults cell(Column condition, Column problem, Column column, Column value) {
    return add(condition, problem, lit(null), column, value);
  }

  private RowFaults add(
      Column condition, Column problem, Column line, Column column, Column value) {
    faults.add(
        new Fault(
            condition,
            struct(
                problem.cast("string").as("problem"),
                line.cast("string").as("line"),
                column.cast("string").as("column"),
                value.cast("string").as("value"))));
    return this;
  }

  /** The fault column: the first fault whose condition holds, else null. */
  Column column() {
    Column fault = lit(null).cast(TYPE);
    for (int i = faults.size() - 1; i >= 0; i--) {
      fault = when(faults.get(i).condition(), faults.get(i).value()).otherwise(fault);
    }
    return fault;
  }
}
