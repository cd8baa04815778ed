package dev.synapse.http;

import dev.synapse.review.ReviewService;
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

  /**
   * @param vertx for worker-thread validation
   * @param reviews the ingress service
   */
  public ReviewRoutes(Vertx vertx, ReviewService reviews) {
    this.vertx = vertx;
    this.reviews = reviews;
  }

  /** Handles {@code POST /api/reviews}. */
  public void submit(RoutingContext rc) {
    int waitSeconds;
    JsonObject body;
    try {
      waitSeconds = waitSeconds(rc.request());
      body = requestBody(rc);
    } catch (ValidationException e) {
      ApiError.invalid(rc, e);
      return;
    }
    int size = rc.body().length();
    Future<ReviewService.Validated> validated = size <= INLINE_VALIDATION_BYTES
        ? validateNow(body)
        : vertx.executeBlocking(() -> ReviewService.validateParsed(body), false);
    validated
        .compose(v -> reviews.submit(v.request(), v.diff()))
        .onSuccess(sub -> respond(rc, sub, waitSeconds))
        .onFailure(err -> ApiError.fail(rc, err));
  }

  private static Future<ReviewService.Validated> validateNow(JsonObject body) {
    try {
      return Future.succeededFuture(ReviewService.validateParsed(body));
    } catch (ValidationException e) {
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
   * Reads the body as a review.request payload: JSON as is, or a raw diff with the other fields
   * from query parameters ({@code review_id}, {@code labels} (comma-separated or repeated),
   * {@code intent}, {@code risk_factor}, {@code files_changed}, {@code repo}).
   */
  private static JsonObject requestBody(RoutingContext rc) {
    String type = mediaType(rc.request().getHeader("Content-Type"));
    if (type.equals("application/json")) return JsonBodies.object(rc);
    String text = rc.body().asString();
    HttpServerRequest req = rc.request();
    JsonObject json = new JsonObject().put("diff", text == null ? "" : text);
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
