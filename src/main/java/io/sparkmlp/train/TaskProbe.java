package io.sparkmlp.train;

import java.io.Serializable;

/**
 * Called in each gradient task before it computes; lets tests inject failures where the real system
 * fails (inside an executor, mid-step). Production runs use {@link #NONE}.
 */
@FunctionalInterface
public interface TaskProbe extends Serializable {
  TaskProbe NONE = (epoch, step, partition) -> {};

  void beforeGradient(int epoch, int step, int partition);
}
