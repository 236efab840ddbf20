package io.sparkmlp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Saturation and dead-unit counts, on layers whose activations are set by hand. */
class ActivationStatsTest {
  private static final OutputLoss SOFTMAX = OutputLoss.of("softmax", "cross_entropy");

  @Test
  void sigmoidAndTanhSaturateWithinTwoPercentOfTheirRangeFromABound() {
    Activation sigmoid = new Activation.Sigmoid();
    assertTrue(sigmoid.isSaturated(0.019));
    assertTrue(sigmoid.isSaturated(0.981));
    assertFalse(sigmoid.isSaturated(0.021));
    assertFalse(sigmoid.isSaturated(0.5));
    Activation tanh = new Activation.Tanh();
    assertTrue(tanh.isSaturated(-0.961));
    assertTrue(tanh.isSaturated(0.961));
    assertFalse(tanh.isSaturated(0.959));
    assertFalse(new Activation.Relu().isSaturated(1e9));
    assertTrue(new Activation.Relu().canDie());
    assertFalse(new Activation.LeakyRelu(0.01).canDie());
  }

  @Test
  void countsSaturatedOutputsOfASigmoidLayer() {
    // one sigmoid unit with weight 1 and bias 0: a = sigmoid(x) for the 4 inputs below
    Topology topology =
        new Topology(new int[] {1, 1, 2}, List.of(new Activation.Sigmoid()), SOFTMAX);
    double[] parameters = new double[topology.parameterCount()];
    parameters[topology.weightOffset(0)] = 1;
    Workspace<double[]> ws = Workspace.float64(topology, 4);
    double[] x = {-10, -0.5, 0.5, 10}; // sigmoid: 4.5e-5, 0.38, 0.62, 0.99995
    Backprop.forward(topology, parameters, Matrix.of(x, 0, topology.inputs(), 4), ws);

    ActivationStats stats = new ActivationStats(topology);
    stats.add(ws, 4);

    assertEquals(1, stats.layers());
    assertEquals(0.5, stats.saturatedFraction(0));
    assertTrue(Double.isNaN(stats.deadFraction(0)), "sigmoid units cannot die");
  }

  @Test
  void aReluUnitIsDeadOnlyIfNoExampleOfAnyPartMadeItActive() {
    // two ReLU units: unit 0 = relu(x), unit 1 = relu(-x)
    Topology topology = new Topology(new int[] {1, 2, 2}, List.of(new Activation.Relu()), SOFTMAX);
    double[] parameters = new double[topology.parameterCount()];
    parameters[topology.weightOffset(0)] = 1;
    parameters[topology.weightOffset(0) + 1] = -1;
    Workspace<double[]> ws = Workspace.float64(topology, 2);

    ActivationStats positives = new ActivationStats(topology);
    Backprop.forward(
        topology, parameters, Matrix.of(new double[] {1, 2}, 0, topology.inputs(), 2), ws);
    positives.add(ws, 2);
    assertEquals(0.5, positives.deadFraction(0), "unit 1 never fired on positive inputs");

    ActivationStats negatives = new ActivationStats(topology);
    Backprop.forward(
        topology, parameters, Matrix.of(new double[] {-3}, 0, topology.inputs(), 1), ws);
    negatives.add(ws, 1);

    assertEquals(0.0, positives.merge(negatives).deadFraction(0));
    assertTrue(Double.isNaN(positives.saturatedFraction(0)), "ReLU does not saturate");
  }

  @Test
  void weightNormsLeaveBiasesOut() {
    Topology topology = new Topology(new int[] {2, 1, 2}, List.of(new Activation.Tanh()), SOFTMAX);
    double[] vector = new double[topology.parameterCount()];
    vector[topology.weightOffset(0)] = 3;
    vector[topology.weightOffset(0) + 1] = 4;
    vector[topology.biasOffset(0)] = 100;
    vector[topology.weightOffset(1) + 1] = -2;
    vector[topology.biasOffset(1)] = 100;

    double[] norms = topology.weightNorms(vector);

    assertEquals(5.0, norms[0]);
    assertEquals(2.0, norms[1]);
  }
}
