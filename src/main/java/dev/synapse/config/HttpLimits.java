package dev.synapse.config;

/**
 * Limits of the HTTP edge ({@code max_inflight_bytes}, {@code http_header_timeout_ms},
 * {@code http_body_timeout_ms}, {@code http_max_connections}; see {@link ConfigKey} and
 * docs/security.md).
 *
 * @param maxInflightBytes node-wide bytes of request bodies read at once; 0 = a quarter of the
 *     maximum heap (see {@link #inflightBudgetBytes(long)})
 * @param headerTimeoutMs longest time from a connection's accept (or the end of its previous
 *     response) to the end of the next request's headers, in ms; also the keep-alive idle time
 * @param bodyTimeoutMs longest time to receive a request body, in ms (408 after)
 * @param maxConnections HTTP connections open at once per node; more are closed on accept
 */
public record HttpLimits(long maxInflightBytes, long headerTimeoutMs, long bodyTimeoutMs, int maxConnections) {
  /** The defaults of {@link ConfigKey}. */
  public static final HttpLimits DEFAULTS = new HttpLimits(0, 10_000, 30_000, 10_000);

  /**
   * @param maxDiffBytes the largest accepted body ({@code max_diff_bytes})
   * @return the in-flight body budget in bytes: {@code maxInflightBytes}, or when it is 0 a
   *     quarter of the JVM's maximum heap but at least {@code maxDiffBytes}, so one body of the
   *     largest accepted size always fits
   */
  public long inflightBudgetBytes(long maxDiffBytes) {
    if (maxInflightBytes > 0) return maxInflightBytes;
    return Math.max(Runtime.getRuntime().maxMemory() / 4, maxDiffBytes);
  }
}
