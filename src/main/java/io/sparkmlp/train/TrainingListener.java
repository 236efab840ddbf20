package io.sparkmlp.train;

/** Told about each finished epoch, on the driver. */
@FunctionalInterface
public interface TrainingListener {
  TrainingListener NONE = metrics -> {};

  void onEpoch(EpochMetrics metrics);
}
