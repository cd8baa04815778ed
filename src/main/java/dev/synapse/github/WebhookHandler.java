package dev.synapse.github;

import dev.synapse.signal.ValidationException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/github}. In order: the signature over the raw body bytes (missing or
 * wrong: {@code 401}); the {@code X-GitHub-Event} and {@code X-GitHub-Delivery} headers and a
 * JSON object body ({@code 400} naming what is wrong); then by event:
 * <ul>
 *   <li>{@code ping}: {@code 200 {"pong": true}};</li>
 *   <li>{@code pull_request} with action {@code opened}, {@code synchronize}, {@code reopened} or
 *       {@code ready_for_review}: the payload is validated ({@code 400} naming the field), drafts
 *       are skipped unless configured, a delivery id seen before answers
 *       {@code 200 {"duplicate": true}}, otherwise {@code 202 {"accepted": true, "review_id"}} at
 *       once and the work continues in a {@link JobQueue};</li>
 *   <li>anything else: {@code 202 {"ignored": reason}}.</li>
 * </ul>
 * Errors are JSON {@code {error, message, details?}} like the rest of the API.
 */
public final class WebhookHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  /** Pull-request actions that start a review. */
  public static final Set<String> REVIEWED_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review");
  private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern EVENT = Pattern.compile("[a-z_]{1,64}");

  private final WebhookSignature signature;
  private final DeliveryLog deliveries;
  private final JobQueue jobs;
  private final GitHubMetrics metrics;
  private final boolean reviewDrafts;
  private final String credentialProblem;
  private final PullRequestReviewer reviewer;

  /**
   * @param signature the webhook secret's verifier
   * @param deliveries redelivery dedupe
   * @param jobs where reviews run
   * @param metrics event counts
   * @param reviewDrafts true to review drafts
   * @param credentialProblem why no review can be published (no credentials), or null
   * @param reviewer runs a review
   */
  public WebhookHandler(WebhookSignature signature, DeliveryLog deliveries, JobQueue jobs, GitHubMetrics metrics,
      boolean reviewDrafts, String credentialProblem, PullRequestReviewer reviewer) {
    this.signature = signature;
    this.deliveries = deliveries;
    this.jobs = jobs;
    this.metrics = metrics;
    this.reviewDrafts = reviewDrafts;
    this.credentialProblem = credentialProblem;
    this.reviewer = reviewer;
  }

  /**
   * Handles one delivery.
   *
   * @param rc the request
   * @param raw the body exactly as received (the signature is over these bytes)
   */
  public void handle(RoutingContext rc, Buffer raw) {
    String eventHeader = rc.request().getHeader("X-GitHub-Event");
    String event = eventHeader != null && EVENT.matcher(eventHeader).matches() ? eventHeader : "other";
    String sig = rc.request().getHeader(WebhookSignature.HEADER);
    if (sig == null) {
      metrics.event(event, null, "rejected");
      error(rc, 401, "unauthorized", WebhookSignature.HEADER + " is required (HMAC-SHA256 of the body with the webhook secret)", null);
      return;
    }
    if (!signature.matches(sig, raw.getBytes())) {
      metrics.event(event, null, "rejected");
      error(rc, 401, "unauthorized", WebhookSignature.HEADER + " does not match the request body", null);
      return;
    }
    if (eventHeader == null || !EVENT.matcher(eventHeader).matches()) {
      metrics.event(event, null, "rejected");
      error(rc, 400, "invalid_request", "X-GitHub-Event header is required (e.g. pull_request)", "X-GitHub-Event");
      return;
    }
    String delivery = rc.request().getHeader("X-GitHub-Delivery");
    if (delivery == null || !DELIVERY.matcher(delivery).matches()) {
      metrics.event(event, null, "rejected");
      error(rc, 400, "invalid_request", "X-GitHub-Delivery header is required (the delivery GUID)", "X-GitHub-Delivery");
      return;
    }
    JsonObject payload;
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(json(rc.request().getHeader("Content-Type"), raw));
      if (!(parsed instanceof JsonObject o)) throw new DecodeException("not an object");
      payload = o;
    } catch (DecodeException e) {
      metrics.event(event, null, "rejected");
      error(rc, 400, "invalid_payload", "body must be a JSON object (or a form with a payload field holding one)", "body");
      return;
    }
    String action = payload.getValue("action") instanceof String a ? a : null;
    switch (event) {
      case "ping" -> {
        metrics.event(event, null, "pong");
        json(rc, 200, new JsonObject().put("pong", true));
      }
      case "pull_request" -> pullRequest(rc, delivery, action, payload);
      default -> {
        metrics.event(event, action, "ignored");
        json(rc, 202, new JsonObject().put("ignored", "event '" + event + "' is not handled"));
      }
    }
  }

  private void pullRequest(RoutingContext rc, String delivery, String action, JsonObject payload) {
    PullRequestEvent pr;
    try {
      pr = PullRequestEvent.parse(payload);
    } catch (ValidationException e) {
      metrics.event("pull_request", action, "rejected");
      error(rc, 400, e.code(), e.getMessage(), e.field());
      return;
    }
    String ignored = null;
    if (!REVIEWED_ACTIONS.contains(pr.action())) {
      ignored = "action '" + pr.action() + "' is not reviewed (reviewed: opened, synchronize, reopened, ready_for_review)";
    } else if (pr.draft() && !reviewDrafts) {
      ignored = "draft pull request (set SYNAPSE_GITHUB_REVIEW_DRAFTS=true to review drafts)";
    } else if (credentialProblem != null) {
      ignored = credentialProblem;
    }
    if (ignored != null) {
      metrics.event("pull_request", pr.action(), "ignored");
      json(rc, 202, new JsonObject().put("ignored", ignored));
      return;
    }
    if (!jobs.hasRoom()) {
      metrics.event("pull_request", pr.action(), "rejected");
      rc.response().putHeader("Retry-After", "60");
      error(rc, 503, "not_ready", "too many pull requests under review; redeliver later", null);
      return;
    }
    String reviewId = ReviewIds.of(pr.owner(), pr.repo(), pr.number(), pr.headSha());
    deliveries.firstSeen(delivery).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("github delivery={} cannot be recorded: {}", delivery, ar.cause().getMessage());
        metrics.event("pull_request", pr.action(), "rejected");
        error(rc, 503, "not_ready", "the delivery log is unavailable; redeliver later", null);
        return;
      }
      if (!ar.result()) {
        metrics.event("pull_request", pr.action(), "duplicate");
        json(rc, 200, new JsonObject().put("duplicate", true).put("review_id", reviewId));
        return;
      }
      boolean taken = jobs.offer(() -> reviewer.review(pr).onComplete(done -> {
        if (done.succeeded()) {
          metrics.event("pull_request", pr.action(), "completed");
          LOG.info("github delivery={} repo={} pull={} review_id={} conclusion={} problems={}", delivery, pr.fullName(),
              pr.number(), reviewId, done.result().conclusion(), done.result().problems().size());
        } else {
          metrics.event("pull_request", pr.action(), "failed");
        }
      }));
      if (!taken) {
        metrics.event("pull_request", pr.action(), "rejected");
        rc.response().putHeader("Retry-After", "60");
        error(rc, 503, "not_ready", "too many pull requests under review; redeliver later", null);
        return;
      }
      metrics.event("pull_request", pr.action(), "accepted");
      json(rc, 202, new JsonObject().put("accepted", true).put("review_id", reviewId).put("delivery", delivery));
    });
  }

  /**
   * @return the JSON text: the body, or for a webhook configured with
   *     {@code application/x-www-form-urlencoded} its {@code payload} field
   */
  static Buffer json(String contentType, Buffer raw) {
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return raw;
    }
    for (String pair : raw.toString(java.nio.charset.StandardCharsets.UTF_8).split("&")) {
      if (pair.startsWith("payload=")) {
        return Buffer.buffer(java.net.URLDecoder.decode(pair.substring(8), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    throw new DecodeException("no payload field");
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    if (rc.response().ended()) return;
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  private static void error(RoutingContext rc, int status, String code, String message, String field) {
    JsonObject body = new JsonObject().put("error", code).put("message", message);
    if (field != null) body.put("details", new JsonObject().put("field", field));
    json(rc, status, body);
  }
}
