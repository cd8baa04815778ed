package dev.synapse.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a request body before a byte of it is read (mounted after authentication of the
 * headers, before the {@code BodyHandler}):
 * <ul>
 *   <li>a {@code Content-Length} over the body limit answers 413 {@code payload_too_large};
 *       a malformed one 400 {@code bad_request};</li>
 *   <li>the body's declared length (for a chunked body: the body limit) is reserved from the
 *       node's {@link InflightBudget}; when it does not fit, 503 {@code overloaded} with
 *       {@code Retry-After}; the reservation is given back when the request ends;</li>
 *   <li>a body not received within the body timeout answers 408 {@code request_timeout}.</li>
 * </ul>
 * Each refusal closes the connection so the unread body is never drained. {@link #bodyRead()}
 * (mounted right after the BodyHandler) disarms the timeout. Runs on the request's event loop.
 * Other body-reading routes (e.g. a webhook route outside {@code /api}) mount the same three
 * handlers: {@code BodyGuard}, a {@code BodyHandler}, {@link #bodyRead()}.
 */
public final class BodyGuard implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(BodyGuard.class);
  private static final String TIMER_KEY = "synapse.body.timer";
  /** Seconds a client is told to wait when the in-flight budget is full. */
  static final long RETRY_AFTER_SECONDS = 2;

  private final InflightBudget budget;
  private final long maxBodyBytes;
  private final long bodyTimeoutMs;

  /**
   * @param budget the node's in-flight byte budget
   * @param maxBodyBytes largest body accepted ({@code max_diff_bytes})
   * @param bodyTimeoutMs longest time to receive a body, ms
   */
  public BodyGuard(InflightBudget budget, long maxBodyBytes, long bodyTimeoutMs) {
    this.budget = budget;
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTimeoutMs = bodyTimeoutMs;
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    String lengthHeader = req.getHeader("Content-Length");
    boolean chunked = req.getHeader("Transfer-Encoding") != null;
    if ((lengthHeader == null && !chunked) || req.isEnded()) {
      rc.next();
      return;
    }
    long declared;
    try {
      declared = chunked ? maxBodyBytes : Long.parseLong(lengthHeader.trim());
    } catch (NumberFormatException e) {
      EdgeGate.refuse(req, 400, "bad_request", "Content-Length is not a number");
      return;
    }
    if (declared < 0) {
      EdgeGate.refuse(req, 400, "bad_request", "Content-Length is negative");
      return;
    }
    if (declared > maxBodyBytes) {
      EdgeGate.refuse(req, 413, "payload_too_large",
          tooLarge("request body of " + declared + " bytes", maxBodyBytes));
      return;
    }
    if (declared == 0) {
      rc.next();
      return;
    }
    if (!budget.tryReserve(declared)) {
      LOG.debug("body of {} bytes refused: in-flight budget {} of {} bytes in use", declared, budget.inUse(), budget.capacity());
      req.response().putHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
      EdgeGate.refuse(req, 503, "overloaded", "the node is reading as many request bodies as it can hold "
          + "(SYNAPSE_MAX_INFLIGHT_BYTES); retry in " + RETRY_AFTER_SECONDS + " s");
      return;
    }
    boolean[] released = {false};
    rc.addEndHandler(ar -> {
      if (!released[0]) {
        released[0] = true;
        budget.release(declared);
      }
    });
    long timer = rc.vertx().setTimer(bodyTimeoutMs, id -> {
      rc.remove(TIMER_KEY);
      if (req.response().ended() || req.response().closed()) {
        // already answered (e.g. the request timeout's 503) while the body still trickles in
        if (req.version() != io.vertx.core.http.HttpVersion.HTTP_2) req.connection().close();
        return;
      }
      EdgeGate.refuse(req, 408, "request_timeout", "the request body was not received within " + bodyTimeoutMs
          + " ms (SYNAPSE_HTTP_BODY_TIMEOUT_MS)");
    });
    rc.put(TIMER_KEY, timer);
    rc.next();
  }

  /**
   * @param what what is too large, e.g. "request body of 60000000 bytes"
   * @param limit the limit in force ({@code max_diff_bytes})
   * @return the 413 message: the limit, and the configuration key that raises it
   */
  static String tooLarge(String what, long limit) {
    return what + " exceeds the limit of " + limit + " bytes (" + (limit >> 20) + " MiB); an operator can raise it "
        + "with the configuration key max_diff_bytes (environment SYNAPSE_MAX_DIFF_BYTES)";
  }

  /** @return the handler, mounted after the BodyHandler, that disarms the body timeout */
  public static Handler<RoutingContext> bodyRead() {
    return rc -> {
      Long timer = rc.remove(TIMER_KEY);
      if (timer != null) rc.vertx().cancelTimer(timer);
      rc.next();
    };
  }
}
