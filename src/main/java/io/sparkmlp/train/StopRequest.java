package io.sparkmlp.train;

/**
 * A request, from a signal handler say, that training stop at the next step boundary. The trainer
 * then writes a last checkpoint (if checkpointing is on) and throws {@link StoppedException}.
 */
public final class StopRequest {
  private volatile String reason;

  /** Asks the trainer to stop; {@code reason} names what asked (e.g. "SIGINT"). */
  public void request(String reason) {
    this.reason = reason;
  }

  public boolean requested() {
    return reason != null;
  }

  String reason() {
    return reason;
  }
}
