package dev.synapse.http;

import dev.synapse.ops.SynapseMetrics;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Rejects a source over its budget with 429 {@code rate_limited} and {@code Retry-After}, and
 * counts {@code synapse_rate_limited_total}; otherwise calls {@code next()}. The source is the
 * client's IP address as seen by the server ({@code X-Forwarded-For} is not trusted).
 */
public final class RateLimitHandler implements Handler<RoutingContext> {
  private final SourceRateLimiter limiter;
  private final SynapseMetrics metrics;

  /**
   * @param limiter the buckets
   * @param metrics where rejections are counted
   */
  public RateLimitHandler(SourceRateLimiter limiter, SynapseMetrics metrics) {
    this.limiter = limiter;
    this.metrics = metrics;
  }

  /**
   * Takes one token for a source outside HTTP routing (WebSocket review frames); counts a
   * rejection in {@code synapse_rate_limited_total}.
   *
   * @return 0 when allowed, else nanoseconds to wait
   */
  public long acquire(String source) {
    long waitNanos = limiter.tryAcquire(source);
    if (waitNanos > 0) metrics.rateLimited();
    return waitNanos;
  }

  @Override
  public void handle(RoutingContext rc) {
    SocketAddress remote = rc.request().remoteAddress();
    String source = remote == null || remote.host() == null ? "unknown" : remote.host();
    long waitNanos = acquire(source);
    if (waitNanos == 0) {
      rc.next();
      return;
    }
    long seconds = (waitNanos + 999_999_999L) / 1_000_000_000L;
    ApiError.rateLimited(rc, seconds, "too many requests from this source; retry in " + seconds + " s (SYNAPSE_RATE_LIMIT)");
  }
}
