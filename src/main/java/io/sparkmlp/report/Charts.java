package io.sparkmlp.report;

import io.sparkmlp.files.AtomicFiles;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of a training run, drawn with XChart and written atomically. */
public final class Charts {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 540;
  private static final Color TRAIN = new Color(31, 119, 180);
  private static final Color VALIDATION = new Color(255, 127, 14);

  /** Strong colours for the data points of each class, pale ones for the regions behind them. */
  private static final Color[] CLASS_COLORS = {
    new Color(31, 119, 180),
    new Color(214, 39, 40),
    new Color(44, 160, 44),
    new Color(148, 103, 189),
    new Color(255, 127, 14),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(127, 127, 127),
    new Color(188, 189, 34),
    new Color(23, 190, 207)
  };

  private Charts() {}

  /**
   * One curve per epoch for training and, if given, validation figures.
   *
   * @param rising true for a figure that grows as training goes (accuracy): the legend then goes
   *     bottom right, out of the curves' way
   * @param validation null when there is no validation set
   */
  public static XYChart curves(
      String title,
      String quantity,
      boolean rising,
      int[] epochs,
      double[] train,
      double[] validation) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle(quantity)
            .build();
    chart.getStyler().setLegendPosition(rising ? LegendPosition.InsideSE : LegendPosition.InsideNE);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisDecimalPattern("0.0##");
    line(chart, "train", epochs, train, TRAIN);
    if (validation != null) {
      line(chart, "validation", epochs, validation, VALIDATION);
    }
    return chart;
  }

  private static void line(XYChart chart, String name, int[] epochs, double[] values, Color color) {
    XYSeries series = chart.addSeries(name, toDoubles(epochs), values);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setLineColor(color);
    series.setMarkerColor(color);
  }

  /**
   * Labelled 2-D points as a scatter plot, over a grid of predicted classes drawn as pale squares
   * when {@code regions} is not null: the classifier's decision regions and their boundary.
   */
  public static XYChart scatter(
      String title, String xTitle, String yTitle, LabelledPoints points, LabelledPoints regions) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setMarkerSize(5);
    if (regions != null) {
      for (int c = 0; c < regions.classes(); c++) {
        if (regions.count(c) > 0) {
          XYSeries series = chart.addSeries("predicted " + c, regions.xs(c), regions.ys(c), null);
          series.setMarker(SeriesMarkers.SQUARE);
          series.setMarkerColor(pale(colorOf(c)));
        }
      }
    }
    for (int c = 0; c < points.classes(); c++) {
      if (points.count(c) > 0) {
        XYSeries series = chart.addSeries("class " + c, points.xs(c), points.ys(c), null);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(colorOf(c));
      }
    }
    return chart;
  }

  /** Counts of true class (rows) against predicted class (columns), each cell labelled. */
  public static HeatMapChart confusionMatrix(String title, long[] counts, int classes) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(Math.max(WIDTH, 60 * classes + 200))
            .height(Math.max(HEIGHT, 50 * classes + 150))
            .title(title)
            .xAxisTitle("predicted class")
            .yAxisTitle("true class")
            .build();
    chart.getStyler().setShowValue(true);
    chart.getStyler().setHeatMapValueDecimalPattern("0");
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(66, 146, 198)});
    chart.getStyler().setValueFontColor(Color.BLACK);
    chart.getStyler().setLegendVisible(false);
    int[] axis = new int[classes];
    for (int c = 0; c < classes; c++) {
      axis[c] = c;
    }
    int[][] cells = new int[classes][classes];
    for (int trueClass = 0; trueClass < classes; trueClass++) {
      for (int predicted = 0; predicted < classes; predicted++) {
        // XChart indexes cells [x][y]; rows are drawn bottom-up, so flip y to read top-down
        cells[predicted][classes - 1 - trueClass] =
            Math.toIntExact(counts[trueClass * classes + predicted]);
      }
    }
    int[] yAxis = new int[classes];
    for (int c = 0; c < classes; c++) {
      yAxis[c] = classes - 1 - c;
    }
    chart.addSeries("examples", axis, yAxis, cells);
    return chart;
  }

  /** Writes one chart as a PNG file. */
  public static void write(Path file, Chart<?, ?> chart) throws IOException {
    AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
  }

  /** Writes charts side by side, in one row, as one PNG file. */
  public static void writeRow(Path file, List<? extends Chart<?, ?>> charts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BitmapEncoder.saveBitmap(new ArrayList<>(charts), 1, charts.size(), bytes, BitmapFormat.PNG);
    AtomicFiles.write(file, bytes.toByteArray());
  }

  private static Color colorOf(int c) {
    return CLASS_COLORS[c % CLASS_COLORS.length];
  }

  /** The colour mixed 75% with white. */
  private static Color pale(Color color) {
    return new Color(
        (color.getRed() + 3 * 255) / 4,
        (color.getGreen() + 3 * 255) / 4,
        (color.getBlue() + 3 * 255) / 4);
  }

  private static double[] toDoubles(int[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }
}
