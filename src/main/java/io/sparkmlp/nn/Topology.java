package io.sparkmlp.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a network is: layer sizes, hidden activations and the fused output layer. Immutable.
 *
 * <p>All parameters live in one flat array; layer l (0-based, mapping {@code sizes[l]} inputs to
 * {@code sizes[l+1]} outputs) is a view into it: its weight matrix W_l, {@code out x in}
 * column-major (leading dimension out), starts at {@link #weightOffset}, and its bias b_l ({@code
 * out} values) follows at {@link #biasOffset}. Layer l computes z_l = W_l a_{l-1} + b_l.
 */
public final class Topology implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] sizes;
  private final Activation[] hidden;
  private final OutputLoss outputLoss;
  private final int[] weightOffsets;
  private final int parameterCount;

  /**
   * @param sizes units per layer, input first, output last (at least 2 entries, each &ge; 1)
   * @param hidden activation of each hidden layer ({@code sizes.length - 2} entries)
   * @throws IllegalArgumentException naming the layer at fault
   */
  public Topology(int[] sizes, List<Activation> hidden, OutputLoss outputLoss) {
    String problem = problemWithSizes(sizes);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (hidden.size() != sizes.length - 2) {
      throw new IllegalArgumentException(
          sizes.length
              - 2
              + " hidden layers need as many activations, got "
              + hidden.size()
              + " "
              + hidden);
    }
    outputLoss.checkOutputs(sizes[sizes.length - 1]);
    this.sizes = sizes.clone();
    this.hidden = hidden.toArray(new Activation[0]);
    this.outputLoss = outputLoss;
    this.weightOffsets = new int[sizes.length - 1];
    long offset = 0;
    for (int l = 0; l < sizes.length - 1; l++) {
      weightOffsets[l] = (int) offset;
      offset += (long) sizes[l + 1] * sizes[l] + sizes[l + 1];
      if (offset > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "layers " + Arrays.toString(sizes) + " need more than 2^31 parameters");
      }
    }
    this.parameterCount = (int) offset;
  }

  /** What is wrong with {@code sizes} as units per layer, or null if nothing is. */
  public static String problemWithSizes(int[] sizes) {
    if (sizes.length < 2) {
      return "a network needs at least 2 layers (input and output), got " + sizes.length;
    }
    for (int l = 0; l < sizes.length; l++) {
      if (sizes[l] < 1) {
        return "layer " + l + " has size " + sizes[l] + ", must be >= 1";
      }
    }
    return null;
  }

  /** A network whose hidden layers all use the same activation. */
  public static Topology uniform(int[] sizes, Activation hiddenActivation, OutputLoss outputLoss) {
    List<Activation> hidden = new ArrayList<>();
    for (int l = 0; l < sizes.length - 2; l++) {
      hidden.add(hiddenActivation);
    }
    return new Topology(sizes, hidden, outputLoss);
  }

  /** Units per layer, input first. A copy. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** Number of weight layers (sizes - 1). */
  public int layerCount() {
    return sizes.length - 1;
  }

  public int inputs() {
    return sizes[0];
  }

  public int outputs() {
    return sizes[sizes.length - 1];
  }

  /** Inputs of weight layer l. */
  public int fanIn(int layer) {
    return sizes[layer];
  }

  /** Outputs of weight layer l. */
  public int fanOut(int layer) {
    return sizes[layer + 1];
  }

  /** Activation of weight layer l; only for hidden layers (l &lt; layerCount() - 1). */
  public Activation activation(int layer) {
    return hidden[layer];
  }

  public List<Activation> hiddenActivations() {
    return List.of(hidden);
  }

  public OutputLoss outputLoss() {
    return outputLoss;
  }

  public Task task() {
    return outputLoss.task();
  }

  /** Rows of a target block: see {@link OutputLoss#targetRows}. */
  public int targetRows() {
    return outputLoss.targetRows(outputs());
  }

  /** Classes of a classifier: the softmax width, or 2 for one sigmoid unit. */
  public int classes() {
    return outputs() == 1 ? 2 : outputs();
  }

  public int weightOffset(int layer) {
    return weightOffsets[layer];
  }

  public int weightCount(int layer) {
    return fanOut(layer) * fanIn(layer);
  }

  public int biasOffset(int layer) {
    return weightOffsets[layer] + weightCount(layer);
  }

  /**
   * The L2 norm of each layer's weight entries of {@code vector} (a flat array laid out like the
   * parameters, e.g. a gradient), biases left out; vector is not modified.
   */
  public double[] weightNorms(double[] vector) {
    double[] norms = new double[layerCount()];
    for (int l = 0; l < layerCount(); l++) {
      double sum = 0;
      for (int i = weightOffset(l); i < weightOffset(l) + weightCount(l); i++) {
        sum += vector[i] * vector[i];
      }
      norms[l] = Math.sqrt(sum);
    }
    return norms;
  }

  /** Length of the flat parameter array. */
  public int parameterCount() {
    return parameterCount;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Topology t
        && Arrays.equals(sizes, t.sizes)
        && Arrays.equals(hidden, t.hidden)
        && outputLoss.equals(t.outputLoss);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(sizes) + Arrays.hashCode(hidden)) + outputLoss.hashCode();
  }

  /** E.g. "2-8-1 tanh, sigmoid+cross_entropy". */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int l = 0; l < sizes.length; l++) {
      text.append(l == 0 ? "" : "-").append(sizes[l]);
    }
    for (Activation activation : hidden) {
      text.append(' ').append(activation.name());
    }
    return text.append(", ")
        .append(outputLoss.outputName())
        .append('+')
        .append(outputLoss.lossName())
        .toString();
  }
}
