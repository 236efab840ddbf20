package io.sparkmlp.bench;

import io.sparkmlp.train.Phase;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Times the trainer's jobs of one {@link Phase} (its steps, say): their wall time from submission
 * to end, their tasks' run time as the executors measure it, and how long that computing held the
 * jobs up: per stage, its slowest task's run time, or its tasks' run time spread over all cores if
 * that is longer (more tasks than cores); and the bytes their tasks sent: serialized results and
 * shuffle writes (treeAggregate's intermediate merges).
 */
final class TaskTimes extends SparkListener {
  /**
   * Totals since the last {@link #take}.
   *
   * @param computeSeconds summed over stages, the longer of the slowest task's run time and the
   *     tasks' run time over the cores: how long the jobs' computing held them up
   * @param sentBytes the tasks' serialized results and shuffle writes
   */
  record Totals(
      int jobs, double jobSeconds, double taskSeconds, double computeSeconds, long sentBytes) {}

  private final JavaSparkContext jsc;
  private final Map<Integer, Boolean> stageCounted = new HashMap<>();
  private final Map<Integer, Long> jobStarts = new HashMap<>();
  private final int cores;
  private final Map<Integer, Long> stageSlowestMillis = new HashMap<>();
  private final Map<Integer, Long> stageTaskMillis = new HashMap<>();
  private Phase phase;
  private int jobs;
  private long jobNanos;
  private long taskMillis;
  private double computeMillis;
  private long sentBytes;

  TaskTimes(JavaSparkContext jsc) {
    this.jsc = jsc;
    this.cores = jsc.defaultParallelism();
    jsc.sc().addSparkListener(this);
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart start) {
    boolean counted =
        phase != null && phase.label().equals(start.properties().getProperty(Phase.PROPERTY));
    start.stageInfos().foreach(stage -> stageCounted.put(stage.stageId(), counted));
    if (counted) {
      jobStarts.put(start.jobId(), start.time());
    }
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd end) {
    Long started = jobStarts.remove(end.jobId());
    if (started != null) {
      jobs++;
      jobNanos += (end.time() - started) * 1_000_000L;
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.taskMetrics() != null && stageCounted.getOrDefault(end.stageId(), false)) {
      long run = end.taskMetrics().executorRunTime();
      taskMillis += run;
      sentBytes +=
          end.taskMetrics().resultSize() + end.taskMetrics().shuffleWriteMetrics().bytesWritten();
      stageSlowestMillis.merge(end.stageId(), run, Math::max);
      stageTaskMillis.merge(end.stageId(), run, Long::sum);
    }
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
    int stage = completed.stageInfo().stageId();
    Long slowest = stageSlowestMillis.remove(stage);
    Long total = stageTaskMillis.remove(stage);
    if (slowest != null) {
      computeMillis += stageComputeMillis(slowest, total, cores);
    }
  }

  /**
   * How long a stage's computing held it up: at least its slowest task's run time, and at least its
   * tasks' total run time spread over all cores (when it has more tasks than cores).
   */
  static double stageComputeMillis(long slowestTaskMillis, long totalTaskMillis, int cores) {
    return Math.max(slowestTaskMillis, (double) totalTaskMillis / cores);
  }

  /** Counts the trainer's jobs of {@code phase} from now on. */
  synchronized void count(Phase phase) {
    this.phase = phase;
  }

  /** The totals since the last call (once Spark has delivered its events), and resets them. */
  Totals take() {
    try {
      jsc.sc().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain", e);
    }
    synchronized (this) {
      Totals totals =
          new Totals(jobs, jobNanos / 1e9, taskMillis / 1e3, computeMillis / 1e3, sentBytes);
      jobs = 0;
      sentBytes = 0;
      jobNanos = 0;
      taskMillis = 0;
      computeMillis = 0;
      return totals;
    }
  }
}
