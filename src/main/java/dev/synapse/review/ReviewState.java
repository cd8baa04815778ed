package dev.synapse.review;

/** Lifecycle of a stored review. */
public enum ReviewState {
  /** Stored and handed to the coordinator; not yet classified. */
  ACCEPTED,
  /** Classified; specialists are running. */
  RUNNING,
  /** Summary emitted with status {@code complete}. */
  COMPLETE,
  /** Summary emitted with status {@code failed}. */
  FAILED;

  /** @return lower-case wire name */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** @return true once a summary exists */
  public boolean done() {
    return this == COMPLETE || this == FAILED;
  }
}
