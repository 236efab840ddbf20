package io.sparkmlp.ml;

/**
 * Carries a uid into a Spark ML constructor before its superclass runs.
 *
 * <p>Spark's shared-param traits create their Params inside the superclass constructor and read
 * {@code uid()} there, before a Java subclass could have stored the uid it was given. A constructor
 * {@code X(String uid)} therefore calls {@code this(PendingUid.stash(uid))}, and {@code uid()}
 * takes the stashed value when its own field is still empty.
 */
final class PendingUid {
  private static final ThreadLocal<String> STASHED = new ThreadLocal<>();

  private final String uid;

  private PendingUid(String uid) {
    this.uid = uid;
  }

  static PendingUid stash(String uid) {
    STASHED.set(uid);
    return new PendingUid(uid);
  }

  /** The uid stashed by the constructor running on this thread. */
  static String current() {
    String uid = STASHED.get();
    if (uid == null) {
      throw new IllegalStateException("uid() called outside construction before a uid was set");
    }
    return uid;
  }

  /** Ends construction: returns the uid and forgets it. */
  String release() {
    STASHED.remove();
    return uid;
  }
}
