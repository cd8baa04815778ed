package dev.synapse.signal;

/**
 * Failure codes carried by {@code Message.fail(code, message)} on the event bus. The HTTP layer
 * maps them to statuses in one place ({@code dev.synapse.http.ApiError}).
 */
public final class FailureCodes {
  /** The request was malformed (maps to 400). */
  public static final int INVALID_REQUEST = 400;
  /** The signal's source is not authenticated (maps to 401). */
  public static final int UNAUTHENTICATED = 401;
  /** The signal's source may not do this (maps to 403). */
  public static final int FORBIDDEN = 403;
  /** Unknown review (maps to 404). */
  public static final int NOT_FOUND = 404;
  /** Payload too large (maps to 413). */
  public static final int TOO_LARGE = 413;
  /** Rate limited (maps to 429). */
  public static final int RATE_LIMITED = 429;
  /** An analysis action failed after its retries (maps to 502). */
  public static final int ANALYSIS_FAILED = 502;
  /** The service is not ready, e.g. shutting down (maps to 503). */
  public static final int NOT_READY = 503;

  private FailureCodes() {}
}
