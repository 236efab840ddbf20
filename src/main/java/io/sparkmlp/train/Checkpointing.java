package io.sparkmlp.train;

/**
 * When a run writes checkpoints, whether it starts from one, and whether it is asked to stop (after
 * writing a last one).
 *
 * @param store where checkpoints go; null when off
 * @param everySteps write one after every this many steps; 0 for never
 * @param resume start from the newest valid checkpoint in store, if there is one
 * @param stop read after every step
 */
public record Checkpointing(
    CheckpointStore store, int everySteps, boolean resume, StopRequest stop) {
  public static final Checkpointing OFF = new Checkpointing(null, 0, false);

  public Checkpointing(CheckpointStore store, int everySteps, boolean resume) {
    this(store, everySteps, resume, new StopRequest());
  }

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
