package io.sparkmlp.cli;

import io.sparkmlp.train.StopRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, SIGINT and SIGTERM ask the run to stop at its next step boundary (see {@link
 * StopRequest}) instead of killing the JVM, and Spark with it, mid-step; a second signal exits at
 * once. The exit code is 128 + the signal's number, as a shell reports a process killed by it.
 * Closing puts the JVM's handlers back.
 */
final class SignalStop implements AutoCloseable {
  private static final List<String> SIGNALS = List.of("INT", "TERM");

  private final StopRequest request = new StopRequest();
  private final Map<Signal, SignalHandler> replaced = new HashMap<>();
  private volatile int exitCode = TrainMain.EXIT_FAILED;

  SignalStop() {
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      replaced.put(signal, Signal.handle(signal, this::handle));
    }
  }

  private void handle(Signal signal) {
    if (request.requested()) {
      System.exit(128 + signal.getNumber());
    }
    exitCode = 128 + signal.getNumber();
    System.err.println("spark-mlp: SIG" + signal.getName() + ": stopping after the current step");
    request.request("SIG" + signal.getName());
  }

  StopRequest request() {
    return request;
  }

  /** The exit code for the signal that stopped the run. */
  int exitCode() {
    return exitCode;
  }

  @Override
  public void close() {
    replaced.forEach(Signal::handle);
  }
}
