package io.sparkmlp.train;

/** Told about each finished epoch, on the driver. */
@FunctionalInterface
public interface TrainingListener {
  TrainingListener NONE = metrics -> {};

  void onEpoch(EpochMetrics metrics);

  /** A one-line notice for people: a resume, or a checkpoint that could not be used. */
  default void onNotice(String message) {}
}
