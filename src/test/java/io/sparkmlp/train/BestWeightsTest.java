package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Early stopping's bookkeeping: patience, minimum improvement, and the copy of the best weights.
 */
class BestWeightsTest {
  @Test
  void stopsAfterPatienceEpochsWithoutImprovementAndKeepsTheBestWeights() {
    BestWeights best = new BestWeights(new EarlyStopping(2, 0));
    double[] weights = {1};
    assertFalse(best.record(1, 0.5, weights));
    weights[0] = 2;
    assertFalse(best.record(2, 0.4, weights));
    weights[0] = 3;
    assertFalse(best.record(3, 0.45, weights), "one epoch without improvement is within patience");
    weights[0] = 4;
    assertTrue(best.record(4, 0.41, weights), "second epoch without improvement stops");

    assertEquals(2, best.bestEpoch());
    assertArrayEquals(new double[] {2}, best.parameters(), "a copy, not the live array");
  }

  @Test
  void anImprovementSmallerThanMinDeltaDoesNotCount() {
    BestWeights best = new BestWeights(new EarlyStopping(1, 0.01));
    assertFalse(best.record(1, 0.5, new double[] {1}));
    assertTrue(best.record(2, 0.495, new double[] {2}));
    assertEquals(1, best.bestEpoch());
  }

  @Test
  void anImprovementResetsTheCount() {
    BestWeights best = new BestWeights(new EarlyStopping(2, 0));
    best.record(1, 0.5, new double[] {1});
    assertFalse(best.record(2, 0.6, new double[] {2}));
    assertFalse(best.record(3, 0.3, new double[] {3}));
    assertFalse(best.record(4, 0.6, new double[] {4}));
    assertTrue(best.record(5, 0.6, new double[] {5}));
    assertEquals(3, best.bestEpoch());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, -0.1));
    assertFalse(EarlyStopping.OFF.enabled());
  }
}
