package io.sparkmlp.cli;

import io.sparkmlp.data.Example;
import io.sparkmlp.nn.Backprop;
import io.sparkmlp.nn.Matrix;
import io.sparkmlp.nn.Task;
import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;
import io.sparkmlp.report.Charts;
import io.sparkmlp.report.LabelledPoints;
import io.sparkmlp.report.Projection;
import io.sparkmlp.train.DistributedGradient;
import io.sparkmlp.train.EpochMetrics;
import io.sparkmlp.train.Metrics;
import io.sparkmlp.train.TrainingData;
import io.sparkmlp.train.TrainingResult;
import io.sparkmlp.train.Workspaces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.spark.api.java.JavaRDD;
import org.knowm.xchart.XYChart;

/**
 * The PNG charts of a finished run: learning curves, a confusion matrix for classifiers, and for
 * 2-D classification data the decision regions and the data seen by the last hidden layer.
 */
final class Pictures {
  static final String CURVES = "curves.png";
  static final String CONFUSION = "confusion_matrix.png";
  static final String BOUNDARY = "decision_boundary.png";
  static final String HIDDEN = "hidden_layer.png";
  static final List<String> ALL = List.of(CURVES, CONFUSION, BOUNDARY, HIDDEN);

  /** Points drawn in the 2-D scatter plots, sampled from the training rows. */
  private static final int SAMPLE = 1000;

  /** Grid cells per axis of the decision-region background. */
  private static final int GRID = 100;

  private Pictures() {}

  /**
   * Writes the charts into {@code out} and returns their file names.
   *
   * @param evaluated the rows of the confusion matrix, named by {@code evaluatedName}
   */
  static List<String> write(
      Path out,
      Topology topology,
      TrainingResult result,
      JavaRDD<Example> trainRows,
      TrainingData<?> evaluated,
      String evaluatedName,
      int treeDepth,
      long seed)
      throws IOException {
    List<String> written = new ArrayList<>();
    Charts.writeRow(out.resolve(CURVES), curves(topology, result));
    written.add(CURVES);
    if (topology.task() != Task.CLASSIFICATION) {
      return written;
    }
    long[] confusion =
        DistributedGradient.confusion(evaluated, topology, result.parameters(), treeDepth);
    Charts.write(
        out.resolve(CONFUSION),
        Charts.confusionMatrix(
            "Confusion matrix, " + evaluatedName + " (" + topology + ")",
            confusion,
            topology.classes()));
    written.add(CONFUSION);
    if (topology.inputs() == 2) {
      List<Example> sample = trainRows.takeSample(false, SAMPLE, seed);
      Forward data = Forward.of(topology, result.parameters(), sample);
      LabelledPoints inputs = data.inputPoints();
      Charts.write(
          out.resolve(BOUNDARY),
          Charts.scatter(
              "Decision regions and training data (" + topology + ")",
              "x1",
              "x2",
              inputs,
              regions(topology, result.parameters(), sample)));
      written.add(BOUNDARY);
      if (topology.layerCount() > 1) {
        Charts.writeRow(out.resolve(HIDDEN), List.of(inputSpace(inputs), data.hiddenChart()));
        written.add(HIDDEN);
      }
    }
    return written;
  }

  private static List<XYChart> curves(Topology topology, TrainingResult result) {
    List<EpochMetrics> history = result.history();
    int[] epochs = history.stream().mapToInt(EpochMetrics::epoch).toArray();
    boolean validated = history.get(0).validation() != null;
    String kept =
        result.keptEpoch() == history.size()
            ? ""
            : " (weights kept from epoch " + result.keptEpoch() + ")";
    boolean classifier = topology.task() == Task.CLASSIFICATION;
    ToDoubleFunction<Metrics> metric = classifier ? Metrics::accuracy : Metrics::rmse;
    return List.of(
        Charts.curves(
            "Loss per epoch" + kept,
            "mean loss",
            false,
            epochs,
            series(history, m -> m.train().loss()),
            validated ? series(history, m -> m.validation().loss()) : null),
        Charts.curves(
            (classifier ? "Accuracy" : "RMSE") + " per epoch" + kept,
            classifier ? "accuracy" : "root mean squared error",
            classifier,
            epochs,
            series(history, m -> metric.applyAsDouble(m.train())),
            validated ? series(history, m -> metric.applyAsDouble(m.validation())) : null));
  }

  private static double[] series(List<EpochMetrics> history, ToDoubleFunction<EpochMetrics> f) {
    return history.stream().mapToDouble(f).toArray();
  }

  private static XYChart inputSpace(LabelledPoints inputs) {
    return Charts.scatter("Input space", "x1", "x2", inputs, null);
  }

  /** The predicted class at the centre of each cell of a grid over the sample's bounding box. */
  private static LabelledPoints regions(
      Topology topology, double[] parameters, List<Example> sample) {
    double[] xRange = range(sample, 0);
    double[] yRange = range(sample, 1);
    List<Example> cells = new ArrayList<>(GRID * GRID);
    for (int i = 0; i < GRID; i++) {
      for (int j = 0; j < GRID; j++) {
        double x = xRange[0] + (i + 0.5) * (xRange[1] - xRange[0]) / GRID;
        double y = yRange[0] + (j + 0.5) * (yRange[1] - yRange[0]) / GRID;
        cells.add(Example.labeled(new double[] {x, y}, 0));
      }
    }
    Forward grid = Forward.of(topology, parameters, cells);
    return new LabelledPoints(grid.x1, grid.x2, grid.predicted, topology.classes());
  }

  /** Smallest and largest value of feature k in the sample, widened by 5% on each side. */
  private static double[] range(List<Example> sample, int k) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Example example : sample) {
      min = Math.min(min, example.features().apply(k));
      max = Math.max(max, example.features().apply(k));
    }
    double pad = 0.05 * Math.max(max - min, 1e-9);
    return new double[] {min - pad, max + pad};
  }

  /** A forward pass on the driver over a few examples, keeping two features of each to draw. */
  private record Forward(
      Topology topology,
      double[] x1,
      double[] x2,
      int[] labels,
      int[] predicted,
      double[] hidden,
      int hiddenUnits) {

    static Forward of(Topology topology, double[] parameters, List<Example> examples) {
      int n = examples.size();
      int lastHidden = topology.layerCount() - 2;
      int units = lastHidden >= 0 ? topology.fanOut(lastHidden) : 0;
      Forward result =
          new Forward(
              topology,
              new double[n],
              new double[n],
              new int[n],
              new int[n],
              new double[n * units],
              units);
      Workspace<double[]> ws = Workspace.float64(topology, Workspaces.CHUNK);
      for (int start = 0; start < n; start += ws.capacity()) {
        int count = Math.min(ws.capacity(), n - start);
        for (int j = 0; j < count; j++) {
          Example example = examples.get(start + j);
          int inputs = topology.inputs();
          System.arraycopy(example.features().toArray(), 0, ws.inputs(), j * inputs, inputs);
          result.x1[start + j] = example.features().apply(0);
          result.x2[start + j] = example.features().apply(1);
          result.labels[start + j] = (int) example.target()[0];
        }
        Backprop.forward(
            topology, parameters, Matrix.of(ws.inputs(), 0, topology.inputs(), count), ws);
        for (int j = 0; j < count; j++) {
          result.predicted[start + j] =
              topology.outputLoss().predictedClass(ws.outputs(), j, topology.outputs());
        }
        if (units > 0) {
          System.arraycopy(
              ws.activations(lastHidden), 0, result.hidden, start * units, count * units);
        }
      }
      return result;
    }

    LabelledPoints inputPoints() {
      return new LabelledPoints(x1, x2, labels, topology.classes());
    }

    /** The examples in the last hidden layer's coordinates (a1, a2), or its first two PCs. */
    XYChart hiddenChart() {
      double[][] plane = Projection.toPlane(hidden, labels.length, hiddenUnits);
      String layer =
          "last hidden layer (%s %s units)"
              .formatted(hiddenUnits, topology.activation(topology.layerCount() - 2).name());
      boolean direct = hiddenUnits <= 2;
      return Charts.scatter(
          direct ? "Data in the " + layer : "Data in the " + layer + ", principal components",
          direct ? "a1" : "first principal component of a",
          direct ? (hiddenUnits == 2 ? "a2" : "0") : "second principal component of a",
          new LabelledPoints(plane[0], plane[1], labels, topology.classes()),
          null);
    }
  }
}
