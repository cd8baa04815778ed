package dev.synapse.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingress authentication (DESIGN.md section 3; docs/security.md) when {@code SYNAPSE_SECRET} is
 * set, in two steps around the body:
 * <ol>
 *   <li>{@link #headers()}, before any body byte is read: {@code Authorization: Bearer <secret>}
 *       passes; {@code X-Synapse-Signature} with an {@code X-Synapse-Timestamp} within
 *       ±{@value RequestSigning#WINDOW_SECONDS} s goes on to step 2; anything else (no
 *       credentials, a wrong token, GitHub's {@code X-Hub-Signature-256}, which is only accepted
 *       on the GitHub webhook route, a stale or missing timestamp) answers 401 and closes the
 *       connection without reading the body;</li>
 *   <li>{@link #signature()}, after the body: the signature must be the {@link RequestSigning}
 *       HMAC of method, request target (path and query), timestamp and body, and must not have
 *       been accepted before within the window ({@link ReplayGuard}, cluster-wide when
 *       clustered): a replay answers 401.</li>
 * </ol>
 * Comparisons are constant-time. Credentials are never echoed or logged. Thread-safe.
 */
public final class IngressAuth {
  private static final Logger LOG = LoggerFactory.getLogger(IngressAuth.class);
  /** Synapse's signature header. */
  public static final String SIGNATURE_HEADER = RequestSigning.SIGNATURE_HEADER;
  /** GitHub's webhook signature header: accepted only on the GitHub webhook route. */
  public static final String GITHUB_SIGNATURE_HEADER = "X-Hub-Signature-256";
  /** Routing-context key holding how the caller authenticated: {@link #BEARER} or {@link #SIGNED}. */
  public static final String PRINCIPAL_KEY = "synapse.principal";
  /** Principal of a request with the bearer token. */
  public static final String BEARER = "bearer";
  /** Principal of a request whose signature was verified. */
  public static final String SIGNED = "hmac";
  /** Bodies above this size (bytes) are hashed on a worker thread. */
  static final int INLINE_HASH_BYTES = 64 * 1024;
  private static final String PENDING_KEY = "synapse.auth.pending";

  private final byte[] secret;
  private final ReplayGuard replay;

  /**
   * @param secret the shared secret, non-empty
   * @param replay memory of accepted signatures
   */
  public IngressAuth(String secret, ReplayGuard replay) {
    if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("secret must be non-empty");
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.replay = replay;
  }

  /** @return step 1, on the headers only (mount before the body is read) */
  public Handler<RoutingContext> headers() {
    return this::checkHeaders;
  }

  /** @return step 2, the signature over the request (mount after the body is read) */
  public Handler<RoutingContext> signature() {
    return this::checkSignature;
  }

  private void checkHeaders(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    String authorization = req.getHeader("Authorization");
    if (authorization != null) {
      if (bearerMatches(authorization)) {
        rc.put(PRINCIPAL_KEY, BEARER);
        rc.next();
      } else {
        refuse(rc, "invalid credentials in Authorization header");
      }
      return;
    }
    String signature = req.getHeader(SIGNATURE_HEADER);
    if (signature == null) {
      refuse(rc, req.getHeader(GITHUB_SIGNATURE_HEADER) != null
          ? GITHUB_SIGNATURE_HEADER + " is accepted only on the GitHub webhook route; sign /api requests with "
              + SIGNATURE_HEADER + " and " + RequestSigning.TIMESTAMP_HEADER
          : "authentication required: send Authorization: Bearer <token> or " + SIGNATURE_HEADER + " and "
              + RequestSigning.TIMESTAMP_HEADER + " (docs/security.md)");
      return;
    }
    if (RequestSigning.parse(signature) == null) {
      refuse(rc, SIGNATURE_HEADER + " must be sha256=<64 hex digits>");
      return;
    }
    String problem = timestampProblem(req.getHeader(RequestSigning.TIMESTAMP_HEADER), System.currentTimeMillis() / 1000);
    if (problem != null) {
      refuse(rc, problem);
      return;
    }
    rc.put(PENDING_KEY, Boolean.TRUE);
    rc.next();
  }

  /** @return why the timestamp header is refused, or null when within the window */
  static String timestampProblem(String header, long nowSeconds) {
    if (header == null) return RequestSigning.TIMESTAMP_HEADER + " (Unix seconds) is required with " + SIGNATURE_HEADER;
    long ts;
    try {
      ts = Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return RequestSigning.TIMESTAMP_HEADER + " must be Unix time in whole seconds";
    }
    if (Math.abs(nowSeconds - ts) > RequestSigning.WINDOW_SECONDS) {
      return RequestSigning.TIMESTAMP_HEADER + " is more than " + RequestSigning.WINDOW_SECONDS
          + " s away from the server's clock";
    }
    return null;
  }

  private void checkSignature(RoutingContext rc) {
    if (rc.remove(PENDING_KEY) == null) {
      rc.next();
      return;
    }
    HttpServerRequest req = rc.request();
    String presented = req.getHeader(SIGNATURE_HEADER);
    String timestamp = req.getHeader(RequestSigning.TIMESTAMP_HEADER).trim();
    String method = req.method().name();
    String target = req.uri();
    byte[] body = rc.body() == null || rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    // A request whose end is not read yet (GET /ws, GET /metrics: no body handler) is paused while
    // the replay memory answers (asynchronous when clustered): a WebSocket upgrade must start
    // before the request's end is consumed. The upgrade resumes it itself.
    boolean paused = !req.isEnded();
    if (paused) req.pause();
    Runnable resume = () -> {
      if (paused && req.getHeader("Upgrade") == null) req.resume();
    };
    Future<Boolean> matches = body.length <= INLINE_HASH_BYTES
        ? Future.succeededFuture(RequestSigning.matches(secret, presented, method, target, timestamp, body))
        : rc.vertx().executeBlocking(() -> RequestSigning.matches(secret, presented, method, target, timestamp, body), false);
    matches.compose(ok -> ok
        ? replay.firstUse(presented.trim().toLowerCase(Locale.ROOT), 2 * RequestSigning.WINDOW_SECONDS * 1000)
        : Future.succeededFuture((ReplayGuard.Use) null))
        .onSuccess(use -> {
          if (use != ReplayGuard.Use.FIRST) req.resume();
          if (use == null) {
            refuse(rc, "signature does not match the method, path, query, timestamp and body");
          } else if (use == ReplayGuard.Use.REPLAY) {
            refuse(rc, "signature already used: a replay is refused; sign each request anew");
          } else if (use == ReplayGuard.Use.FULL) {
            rc.response().putHeader("Retry-After", "5");
            ApiError.send(rc, 503, "overloaded", "too many signed requests to remember; retry later", null);
          } else {
            resume.run();
            rc.put(PRINCIPAL_KEY, SIGNED);
            rc.next();
          }
        })
        .onFailure(err -> {
          req.resume();
          LOG.debug("replay memory unavailable: {}", err.toString());
          ApiError.send(rc, 503, "not_ready", "the signature memory is unavailable; retry", null);
        });
  }

  private static void refuse(RoutingContext rc, String message) {
    rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"synapse\"");
    EdgeGate.refuse(rc.request(), 401, "unauthorized", message);
  }

  boolean bearerMatches(String authorization) {
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) return false;
    byte[] token = authorization.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token, secret);
  }
}
