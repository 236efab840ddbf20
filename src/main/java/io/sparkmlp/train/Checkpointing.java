package io.sparkmlp.train;

/**
 * When a run writes checkpoints and whether it starts from one.
 *
 * @param store where checkpoints go; null when off
 * @param everySteps write one after every this many steps; 0 for never
 * @param resume start from the newest valid checkpoint in store, if there is one
 */
public record Checkpointing(CheckpointStore store, int everySteps, boolean resume) {
  public static final Checkpointing OFF = new Checkpointing(null, 0, false);

  public Checkpointing {
    if (everySteps < 0) {
      throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + everySteps);
    }
    if ((everySteps > 0 || resume) && store == null) {
      throw new IllegalArgumentException("checkpoints need a directory");
    }
  }

  boolean due(long steps) {
    return everySteps > 0 && steps % everySteps == 0;
  }
}
