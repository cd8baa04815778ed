package dev.synapse.github;

/**
 * A GitHub REST call that did not end in the expected status. The message names the operation
 * and status and quotes at most the first 200 characters of GitHub's {@code message}; it never
 * holds a token.
 */
public final class GitHubException extends RuntimeException {
  /** {@link #status()} of an answer larger than the client's limit. */
  public static final int TOO_LARGE = -2;
  private final String operation;
  private final int status;

  /**
   * @param operation OpenAPI operation id
   * @param status HTTP status, -1 when no answer came, {@link #TOO_LARGE} for an oversized answer
   * @param message what happened
   */
  public GitHubException(String operation, int status, String message) {
    super(operation + (status < 0 ? "" : " answered " + status) + ": " + message);
    // (a negative status never shows in the message)
    this.operation = operation;
    this.status = status;
  }

  /** @return the OpenAPI operation id */
  public String operation() {
    return operation;
  }

  /** @return the HTTP status, or -1 when no answer came */
  public int status() {
    return status;
  }
}
