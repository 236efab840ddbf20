package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** An epoch's figures as a checkpoint keeps them. */
class EpochJsonTest {
  private static final EpochMetrics EPOCH =
      new EpochMetrics(
          2,
          5,
          30,
          new Metrics(0.25, 0.9, Double.NaN, 600),
          new Metrics(0.5, 0.8, Double.NaN, 200),
          1.5,
          1.25,
          3.0,
          new double[] {0.1, 0.2},
          null);

  @Test
  void roundTripKeepsEveryFigure() {
    EpochMetrics read = EpochJson.read(EpochJson.write(EPOCH));

    assertEquals(EPOCH.seconds(), read.seconds());
    assertEquals(EPOCH.stepSeconds(), read.stepSeconds());
    assertEquals(EPOCH.elapsedSeconds(), read.elapsedSeconds());
    assertEquals(EPOCH.train(), read.train());
    assertEquals(EPOCH.validation(), read.validation());
    assertArrayEquals(EPOCH.gradientNorms(), read.gradientNorms());
  }

  @Test
  void aCheckpointWrittenBeforeStepSecondsExistedReadsTheWholeEpochAsItsSteps() {
    ObjectNode old = EpochJson.write(EPOCH);
    old.remove("step_seconds");

    assertEquals(1.5, EpochJson.read(old).stepSeconds());
  }
}
