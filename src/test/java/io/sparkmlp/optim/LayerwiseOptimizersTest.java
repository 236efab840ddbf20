package io.sparkmlp.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import org.junit.jupiter.api.Test;

/**
 * Decoupled weight decay (AdamW), LAMB and LARS, each step worked by hand on a 2-input linear unit:
 * weights w = (3, 4) (norm 5), bias b = 1, gradient g = (0.6, 0.8) (norm 1) and 0.5 for the bias.
 * Biases never decay and take no trust ratio.
 */
class LayerwiseOptimizersTest {
  private static final Topology LINE =
      Topology.uniform(
          new int[] {2, 1}, new Activation.Tanh(), OutputLoss.of("identity", "squared_error"));
  private static final double[] GRADIENT = {0.6, 0.8, 0.5};

  /** Adam's first step moves each parameter by lr sign(g); eps = 1e-8 shifts it by ~1e-9. */
  private static final double ADAM_CLOSE = 1e-7;

  private static double[] start() {
    return new double[] {3, 4, 1};
  }

  private static Optimizer create(String name, double decay) {
    Optimizer optimizer = Optimizers.create(name, 0.9, 0.9, 0.999, 1e-8, decay, 0.001, LINE);
    optimizer.initialize(LINE.parameterCount());
    return optimizer;
  }

  @Test
  void adamWShrinksTheWeightsApartFromAdamsStep() {
    double[] p = start();
    create("adam", 0.1).step(p, GRADIENT, 0.1);
    // w * (1 - 0.1 * 0.1) = (2.97, 3.96), then Adam's first step -0.1 sign(g); b = 1 - 0.1
    assertArrayEquals(new double[] {2.87, 3.86, 0.9}, p, ADAM_CLOSE);
  }

  @Test
  void weightDecayZeroIsThePlainOptimizer() {
    double[] decayed = start();
    double[] plain = start();
    create("adam", 0).step(decayed, GRADIENT, 0.1);
    Optimizer adam = new Adam(0.9, 0.999, 1e-8);
    adam.initialize(3);
    adam.step(plain, GRADIENT, 0.1);
    assertArrayEquals(plain, decayed, 0);
  }

  @Test
  void lambScalesEachLayersStepByItsTrustRatio() {
    double[] p = start();
    create("lamb", 0.1).step(p, GRADIENT, 0.1);
    // Adam direction (1, 1); r = (1, 1) + 0.1 w = (1.3, 1.4), |r| = sqrt(3.65);
    // ratio |w| / |r| = 5 / sqrt(3.65) = 2.6171196...; w - 0.1 ratio r; bias 1 - 0.1 * 1
    assertArrayEquals(new double[] {2.6597744510, 3.6336032535, 0.9}, p, ADAM_CLOSE);
  }

  @Test
  void larsTwoStepsWithMomentum() {
    Optimizer lars = create("lars", 0.1);
    double[] p = start();
    // local = 0.001 |w| / (|g| + 0.1 |w|) = 0.005 / 1.5; v = local (g + 0.1 w) = (0.003, 0.004)
    lars.step(p, GRADIENT, 1.0);
    assertArrayEquals(new double[] {2.997, 3.996, 0.5}, p, 1e-12);
    // |w| = 4.995: local = 0.004995 / 1.4995; v = 0.9 (0.003, 0.004) + local (g + 0.1 w)
    // = (0.005697, 0.007596); bias v = 0.9 * 0.5 + 0.5 = 0.95
    lars.step(p, GRADIENT, 1.0);
    assertArrayEquals(new double[] {2.991303, 3.988404, -0.45}, p, 1e-12);
  }

  @Test
  void aLayerAtZeroTakesTheUnscaledStep() {
    double[] p = {0, 0, 0};
    create("lars", 0).step(p, GRADIENT, 0.1);
    assertArrayEquals(new double[] {-0.06, -0.08, -0.05}, p, 1e-15);
  }

  @Test
  void snapshotsRestoreTheSameNextStep() {
    for (String name : new String[] {"lamb", "lars", "adam"}) {
      Optimizer first = create(name, 0.01);
      double[] p = start();
      first.step(p, GRADIENT, 0.1);
      Optimizer restored = create(name, 0.01);
      restored.restore(first.snapshot(), LINE.parameterCount());
      double[] q = p.clone();
      first.step(p, GRADIENT, 0.1);
      restored.step(q, GRADIENT, 0.1);
      assertArrayEquals(p, q, 0, name);
      double[] r = q.clone();
      first.copy().step(q, GRADIENT, 0.1);
      restored.step(r, GRADIENT, 0.1);
      assertArrayEquals(q, r, 0, name + " copy");
    }
  }

  @Test
  void badSettingsAreRefused() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> create("lamb", -1));
    assertEquals("weight decay must be >= 0, got -1.0", error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> create("rmsprop", 0));
  }
}
