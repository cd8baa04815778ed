package dev.synapse.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds how long an API request may take: when no response was sent in time, answers 503
 * {@code timeout} JSON. The default is {@value #DEFAULT_TIMEOUT_MS} ms; {@code POST} requests
 * with {@code ?wait=SECONDS} get that long plus {@value #WAIT_MARGIN_MS} ms, so long-polls are not
 * cut short (an invalid {@code wait} keeps the default; the route reports it as 400).
 */
public final class RequestTimeout implements Handler<RoutingContext> {
  /** Default request timeout, in ms. */
  public static final long DEFAULT_TIMEOUT_MS = 30_000;
  /** Extra time granted beyond {@code ?wait=}, in ms. */
  public static final long WAIT_MARGIN_MS = 10_000;

  private final long defaultMs;

  /** @param defaultMs timeout of ordinary requests, in ms */
  public RequestTimeout(long defaultMs) {
    this.defaultMs = defaultMs;
  }

  @Override
  public void handle(RoutingContext rc) {
    long ms = timeoutFor(rc);
    long timer = rc.vertx().setTimer(ms, t -> ApiError.send(rc, 503, "timeout",
        "the request did not complete within " + ms + " ms", null));
    rc.addEndHandler(ar -> rc.vertx().cancelTimer(timer));
    rc.next();
  }

  private long timeoutFor(RoutingContext rc) {
    String wait = rc.request().method() == HttpMethod.POST ? rc.request().getParam("wait") : null;
    if (wait == null) return defaultMs;
    try {
      int s = Integer.parseInt(wait);
      return s >= 0 && s <= ReviewRoutes.MAX_WAIT_SECONDS ? Math.max(defaultMs, s * 1000L + WAIT_MARGIN_MS) : defaultMs;
    } catch (NumberFormatException e) {
      return defaultMs;
    }
  }
}
