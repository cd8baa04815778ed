package dev.synapse.http;

import dev.synapse.review.LargeDiffAdmission;
import dev.synapse.review.ReviewService;
import dev.synapse.signal.FailureCodes;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import dev.synapse.review.ReviewStore;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ValidationException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/reviews} and {@code GET /api/reviews/{id}} (DESIGN.md section 3). Bodies
 * larger than {@value #INLINE_VALIDATION_BYTES} bytes are validated on a worker thread so that
 * diff parsing never stalls the event loop.
 */
public final class ReviewRoutes {
  /** Bodies up to this size (bytes) are validated inline on the event loop. */
  public static final int INLINE_VALIDATION_BYTES = 32 * 1024;
  /** Longest accepted {@code ?wait=} in seconds. */
  public static final int MAX_WAIT_SECONDS = 300;

  private final Vertx vertx;
  private final ReviewService reviews;
  private final long largeReviewChars;

  /**
   * @param vertx for worker-thread validation
   * @param reviews the ingress service
   */
  public ReviewRoutes(Vertx vertx, ReviewService reviews) {
    this(vertx, reviews, Long.MAX_VALUE);
  }

  /**
   * @param largeReviewChars diffs of at least this many characters are validated chunk by chunk,
   *     without keeping their parse ({@code large_review_bytes})
   * @see #ReviewRoutes(Vertx, ReviewService)
   */
  public ReviewRoutes(Vertx vertx, ReviewService reviews, long largeReviewChars) {
    this.vertx = vertx;
    this.reviews = reviews;
    this.largeReviewChars = largeReviewChars;
  }

  /**
   * Handles {@code POST /api/reviews}. A body over {@value #INLINE_VALIDATION_BYTES} bytes, or
   * one spooled to a file ({@link SpoolingBodyHandler}), is decoded (JSON or text) and validated
   * on a worker thread: the event loop never decodes or parses a large diff.
   */
  public void submit(RoutingContext rc) {
    int waitSeconds;
    JsonObject query;
    boolean json = mediaType(rc.request().getHeader("Content-Type")).equals("application/json");
    try {
      waitSeconds = waitSeconds(rc.request());
      // the query fields of a raw diff are read here, on the event loop; the body may be decoded on a worker
      query = json ? null : queryFields(rc.request());
    } catch (ValidationException e) {
      ApiError.invalid(rc, e);
      return;
    }
    SpoolingBodyHandler.SpooledBody spooled = rc.get(SpoolingBodyHandler.KEY);
    long size = spooled != null ? spooled.bytes() : rc.body() == null ? 0 : rc.body().length();
    boolean[] latin1 = {true};
    java.util.concurrent.Callable<ReviewService.Validated> validate = () -> {
      JsonObject body;
      if (spooled != null) {
        io.vertx.core.buffer.Buffer bytes = spooled.readAndDelete();
        body = json ? JsonBodies.object(bytes) : query.put("diff", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
      } else if (json) {
        body = JsonBodies.object(rc);
      } else {
        String text = rc.body().asString();
        body = query.put("diff", text == null ? "" : text);
      }
      ReviewService.Validated v = ReviewService.validateParsed(body, largeReviewChars);
      // on this (worker) thread: whether the diff's String is compact, for the large-diff admission
      latin1[0] = v.request().diff().length() < largeReviewChars || LargeDiffAdmission.latin1(v.request().diff());
      return v;
    };
    LargeDiffAdmission a = reviews.largeDiffs();
    // a spooled body is admitted before it is decoded (decoding makes its String, the large copy):
    // under a token, renamed to the review id once known
    String token = spooled != null && a != null ? "body:" + java.util.UUID.randomUUID() : null;
    if (token != null && !a.tryAdmit(token, spooled.bytes())) {
      vertx.executeBlocking(() -> java.nio.file.Files.deleteIfExists(spooled.file()), false);
      rc.response().putHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
      ApiError.fail(rc, busy(a));
      return;
    }
    Future<ReviewService.Validated> validated = spooled == null && size <= INLINE_VALIDATION_BYTES
        ? validateNow(validate)
        : vertx.executeBlocking(validate, false);
    validated
        .onFailure(err -> {
          if (token != null) a.release(token);
        })
        .compose(v -> {
          String id = v.request().reviewId();
          // a re-submitted id that holds an admission already keeps it; only a fresh one is given back
          boolean fresh = a != null && !a.holds(id);
          if (token != null) a.rename(token, id);
          Future<Void> admitted = token != null ? Future.succeededFuture() : admit(v);
          if (fresh) a.reweigh(id, v.request().diff().length(), latin1[0]);
          return admitted.compose(x -> reviews.submit(v.request(), v.diff()))
              .onFailure(err -> {
                if (fresh) a.release(id);
              })
              .onSuccess(sub -> {
                if (fresh && !sub.created()) a.release(id);
              });
        })
        .onSuccess(sub -> respond(rc, sub, waitSeconds))
        .onFailure(err -> {
          if (err instanceof ReplyException re && re.failureCode() == FailureCodes.NOT_READY) {
            rc.response().putHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
          }
          ApiError.fail(rc, err);
        });
  }

  /** Seconds a client is told to wait when the node holds as many large diffs as it can. */
  static final long RETRY_AFTER_SECONDS = 5;

  private Future<Void> admit(ReviewService.Validated v) {
    LargeDiffAdmission a = reviews.largeDiffs();
    if (a == null || a.tryAdmit(v.request().reviewId(), v.request().diff().length())) return Future.succeededFuture();
    return Future.failedFuture(busy(a));
  }

  private static ReplyException busy(LargeDiffAdmission a) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.NOT_READY,
        "this node holds as many large diffs in unfinished reviews as its heap allows ("
            + (a.capacity() >> 20) + " MiB); retry in " + RETRY_AFTER_SECONDS + " s or on another node");
  }

  private static Future<ReviewService.Validated> validateNow(java.util.concurrent.Callable<ReviewService.Validated> v) {
    try {
      return Future.succeededFuture(v.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private void respond(RoutingContext rc, ReviewStore.Submission sub, int waitSeconds) {
    StoredReview review = sub.review();
    if (waitSeconds <= 0) {
      accepted(rc, review, sub.created());
      return;
    }
    reviews.awaitSummaryJson(review.reviewId(), waitSeconds * 1000L).onComplete(ar -> {
      if (ar.succeeded() && ar.result() != null) {
        JsonObject summary = sub.created() ? ar.result() : ar.result().copy().put("duplicate", true);
        rc.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .end(summary.toBuffer());
      } else if (ar.failed()) {
        ApiError.fail(rc, ar.cause());
      } else {
        accepted(rc, review, sub.created());
      }
    });
  }

  private static void accepted(RoutingContext rc, StoredReview review, boolean created) {
    String id = review.reviewId();
    String self = "/api/reviews/" + encode(id);
    JsonObject body = new JsonObject()
        .put("review_id", id)
        .put("status", review.state().wire())
        .put("links", new JsonObject().put("self", self).put("sarif", self + "/sarif"));
    if (!created) body.put("duplicate", true);
    rc.response().setStatusCode(created ? 202 : 200).putHeader("Content-Type", "application/json")
        .putHeader("Location", self).end(body.encode());
  }

  /** Handles {@code GET /api/reviews/{id}}. */
  public void get(RoutingContext rc) {
    String id = rc.pathParam("id");
    reviews.store().get(id).onSuccess(r -> {
      if (r == null) {
        ApiError.send(rc, 404, "not_found", "no review with id '" + truncate(id) + "'", null);
      } else {
        rc.response().putHeader("Content-Type", "application/json").end(r.statusJson().encode());
      }
    }).onFailure(err -> ApiError.fail(rc, err));
  }

  static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String truncate(String s) {
    return s == null ? "" : s.length() > 128 ? s.substring(0, 128) + "…" : s;
  }

  private static int waitSeconds(HttpServerRequest req) {
    String w = req.getParam("wait");
    if (w == null || w.isEmpty()) return 0;
    try {
      int v = Integer.parseInt(w);
      if (v < 0 || v > MAX_WAIT_SECONDS) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new ValidationException("invalid_request", "wait",
          "wait must be an integer number of seconds between 0 and " + MAX_WAIT_SECONDS);
    }
  }

  /**
   * The review.request fields of a raw-diff body taken from query parameters ({@code review_id},
   * {@code labels} (comma-separated or repeated), {@code intent}, {@code risk_factor},
   * {@code files_changed}, {@code repo}); the caller adds {@code diff}.
   */
  private static JsonObject queryFields(HttpServerRequest req) {
    JsonObject json = new JsonObject();
    putIfPresent(json, "review_id", req.getParam("review_id"));
    putIfPresent(json, "intent", req.getParam("intent"));
    List<String> labels = new ArrayList<>();
    for (String l : req.params().getAll("labels")) {
      for (String part : l.split(",")) if (!part.isBlank()) labels.add(part.trim());
    }
    json.put("labels", new JsonArray(labels));
    String risk = req.getParam("risk_factor");
    if (risk != null) json.put("risk_factor", number("risk_factor", risk));
    String files = req.getParam("files_changed");
    if (files != null) json.put("files_changed", number("files_changed", files));
    String repo = req.getParam("repo");
    if (repo != null) json.put("metadata", new JsonObject().put("repo", repo));
    return json;
  }

  private static Number number(String field, String value) {
    try {
      return value.contains(".") ? Double.parseDouble(value) : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ValidationException("invalid_request", field, field + " must be a number; got '" + truncate(value) + "'");
    }
  }

  private static void putIfPresent(JsonObject json, String key, String value) {
    if (value != null) json.put(key, value);
  }

  /** @return the lower-case media type without parameters; {@code text/plain} when absent */
  static String mediaType(String header) {
    if (header == null || header.isBlank()) return "text/plain";
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
