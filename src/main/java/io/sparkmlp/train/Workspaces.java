package io.sparkmlp.train;

import io.sparkmlp.nn.Topology;
import io.sparkmlp.nn.Workspace;

/** One {@link Workspace} per executor thread, kept across tasks and steps of the same topology. */
final class Workspaces {
  /** Examples per forward/backward chunk: large enough for level-3 BLAS, small enough to cache. */
  static final int CHUNK = 512;

  private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

  private Workspaces() {}

  static Workspace forThread(Topology topology) {
    Workspace workspace = CURRENT.get();
    if (workspace == null || !workspace.topology().equals(topology)) {
      workspace = new Workspace(topology, CHUNK);
      CURRENT.set(workspace);
    }
    return workspace;
  }
}
