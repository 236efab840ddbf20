package io.sparkmlp.train;

import java.io.Serializable;

/**
 * Called in each gradient task before it computes, and before each merge of partial sums; lets
 * tests inject failures where the real system fails (inside an executor, mid-step). Production runs
 * use {@link #NONE}.
 */
@FunctionalInterface
public interface TaskProbe extends Serializable {
  TaskProbe NONE = (epoch, step, partition) -> {};

  void beforeGradient(int epoch, int step, int partition);

  /** Called before each merge of two partial sums (in tasks of treeAggregate's upper levels). */
  default void beforeMerge() {}
}
