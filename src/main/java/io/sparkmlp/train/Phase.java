package io.sparkmlp.train;

import io.sparkmlp.nn.Names;

/**
 * What a Spark job of the trainer does, set as the job's local property {@link #PROPERTY} so that
 * listeners (the bench's) tell the jobs apart without reading their descriptions.
 */
public enum Phase {
  STEP,
  VALIDATION,
  DIAGNOSTICS;

  /** The local property that holds a trainer job's phase label. */
  public static final String PROPERTY = "spark-mlp.phase";

  public String label() {
    return Names.label(this);
  }
}
