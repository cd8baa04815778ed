package dev.synapse.ops;

/**
 * A snapshot file that cannot be used: unreadable, not JSON, a foreign format or version, a
 * checksum mismatch or a malformed section. Reported and skipped, never fatal.
 */
public final class SnapshotException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the file when known; never file contents */
  public SnapshotException(String message) {
    super(message);
  }
}
