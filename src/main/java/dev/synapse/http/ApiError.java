package dev.synapse.http;

import dev.synapse.signal.FailureCodes;
import dev.synapse.signal.ValidationException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error responses, in one place: every error is JSON {@code {error, message, details?}} with the
 * right status (DESIGN.md section 3). Event-bus failures are mapped by their failure code and
 * failure type; unexpected exceptions become 500 {@code internal_error} with no stack trace.
 */
public final class ApiError {
  private static final Logger LOG = LoggerFactory.getLogger(ApiError.class);

  private ApiError() {}

  /**
   * Sends an error.
   *
   * @param rc the request
   * @param status HTTP status
   * @param code machine-readable code, e.g. {@code invalid_request}
   * @param message human-readable message naming the field at fault
   * @param details optional extra detail (e.g. {@code {"field": "risk_factor"}}), or null
   */
  public static void send(RoutingContext rc, int status, String code, String message, JsonObject details) {
    HttpServerResponse resp = rc.response();
    if (resp.ended() || resp.closed()) return;
    JsonObject body = new JsonObject().put("error", code).put("message", message);
    if (details != null && !details.isEmpty()) body.put("details", details);
    resp.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** Sends a validation failure as 400 with the field in {@code details.field}. */
  public static void invalid(RoutingContext rc, ValidationException e) {
    send(rc, 400, e.code(), e.getMessage(), e.field() == null ? null : new JsonObject().put("field", e.field()));
  }

  /** Sends 404 {@code not_found}. */
  public static void notFound(RoutingContext rc, String message) {
    send(rc, 404, "not_found", message, null);
  }

  /**
   * Sends 401 {@code unauthorized} with {@code WWW-Authenticate: Bearer} (RFC 6750 section 3).
   *
   * @param message what was wrong (never echoes the presented credential)
   */
  public static void unauthorized(RoutingContext rc, String message) {
    if (!rc.response().ended()) rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"synapse\"");
    send(rc, 401, "unauthorized", message, null);
  }

  /**
   * Sends 429 {@code rate_limited} with {@code Retry-After} (RFC 9110 section 10.2.3).
   *
   * @param retryAfterSeconds whole seconds until a request may succeed, ≥ 1
   */
  public static void rateLimited(RoutingContext rc, long retryAfterSeconds, String message) {
    long s = Math.max(1, retryAfterSeconds);
    if (!rc.response().ended()) rc.response().putHeader("Retry-After", Long.toString(s));
    send(rc, 429, "rate_limited", message, new JsonObject().put("retry_after_seconds", s));
  }

  /** Sends 409 {@code review_in_progress}: the review has no summary yet. */
  public static void inProgress(RoutingContext rc, String reviewId) {
    send(rc, 409, "review_in_progress", "review '" + ReviewRoutes.truncate(reviewId)
        + "' has no summary yet; retry when its status is complete or failed", null);
  }

  /**
   * Maps any failure (validation, malformed JSON, event-bus reply, other) to a response. Bad input
   * never becomes a 500: {@link ValidationException} and {@link io.vertx.core.json.DecodeException}
   * map to 400; only unexpected failures answer 500 {@code internal_error}, without a stack trace.
   */
  public static void fail(RoutingContext rc, Throwable err) {
    if (err instanceof ValidationException ve) {
      invalid(rc, ve);
    } else if (err instanceof dev.synapse.review.ReviewConflictException ce) {
      send(rc, 409, "conflict", ce.getMessage(), new JsonObject().put("review_id", ce.reviewId()));
    } else if (err instanceof io.vertx.core.json.DecodeException) {
      send(rc, 400, "invalid_json", "request body is not valid JSON", null);
    } else if (err instanceof ReplyException re) {
      switch (re.failureType()) {
        case TIMEOUT -> send(rc, 504, "timeout", "the operation timed out", null);
        case NO_HANDLERS -> send(rc, 503, "not_ready", "no handler is available; try again", null);
        default -> fromCode(rc, re.failureCode(), re.getMessage());
      }
    } else {
      LOG.error("unexpected error on {} {}: {}", rc.request().method(), rc.normalizedPath(), err.toString());
      send(rc, 500, "internal_error", "an internal error occurred", null);
    }
  }

  private static void fromCode(RoutingContext rc, int code, String message) {
    switch (code) {
      case FailureCodes.INVALID_REQUEST -> send(rc, 400, "invalid_request", message, null);
      case FailureCodes.UNAUTHENTICATED -> send(rc, 401, "unauthorized", message, null);
      case FailureCodes.FORBIDDEN -> send(rc, 403, "forbidden", message, null);
      case FailureCodes.NOT_FOUND -> send(rc, 404, "not_found", message, null);
      case FailureCodes.TOO_LARGE -> send(rc, 413, "payload_too_large", message, null);
      case FailureCodes.RATE_LIMITED -> send(rc, 429, "rate_limited", message, null);
      case FailureCodes.NOT_READY -> send(rc, 503, "not_ready", message, null);
      default -> send(rc, 502, "upstream_error", message, null);
    }
  }
}
