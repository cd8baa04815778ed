package dev.synapse.cluster.trust;

/**
 * A sealed value failed verification: not sealed, sealed with another key, changed, or moved to
 * another context. Carries a short reason, never the value or key material.
 */
public final class TamperedValueException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param reason why verification failed */
  public TamperedValueException(String reason) {
    super(reason, null, false, false);
  }
}
