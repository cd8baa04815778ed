package dev.synapse.http;

import dev.synapse.review.ReviewStore;
import dev.synapse.review.SarifRenderer;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.ValidationException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/reviews} (newest first, paginated with {@code ?limit=&offset=}) and
 * {@code GET /api/reviews/{id}/sarif} (DESIGN.md section 3). SARIF rendering costs about
 * 0.1 ms per finding, so large logs are rendered off the event loop.
 */
public final class ReviewQueryRoutes {
  /** Default page size. */
  public static final int DEFAULT_LIMIT = 20;
  /** Largest page size. */
  public static final int MAX_LIMIT = 100;
  /** Largest offset accepted. */
  public static final int MAX_OFFSET = 1_000_000;

  /** Summaries with more findings than this are rendered to SARIF on a worker thread. */
  public static final int INLINE_SARIF_FINDINGS = 50;

  private final Vertx vertx;
  private final ReviewStore store;

  /**
   * @param vertx worker threads for large SARIF logs
   * @param store where reviews are read
   */
  public ReviewQueryRoutes(Vertx vertx, ReviewStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /**
   * Handles {@code GET /api/reviews?limit=&offset=}: {@code {reviews: [{review_id, status,
   * accepted_at, decision_path?, severity?, findings?}], total, limit, offset, next?}}.
   */
  public void list(RoutingContext rc) {
    int limit;
    int offset;
    try {
      limit = QueryParams.integer(rc, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
      offset = QueryParams.integer(rc, "offset", 0, 0, MAX_OFFSET);
    } catch (ValidationException e) {
      ApiError.invalid(rc, e);
      return;
    }
    store.list(offset, limit).onSuccess(page -> {
      JsonArray items = new JsonArray();
      for (StoredReview r : page.reviews()) items.add(brief(r));
      JsonObject body = new JsonObject().put("reviews", items).put("total", page.total())
          .put("limit", limit).put("offset", offset);
      if (offset + items.size() < page.total()) {
        body.put("next", "/api/reviews?limit=" + limit + "&offset=" + (offset + items.size()));
      }
      rc.response().putHeader("Content-Type", "application/json").end(body.encode());
    }).onFailure(err -> ApiError.fail(rc, err));
  }

  /** Handles {@code GET /api/reviews/{id}/sarif}: 404 unknown, 409 not finished. */
  public void sarif(RoutingContext rc) {
    String id = rc.pathParam("id");
    store.get(id).onSuccess(r -> {
      if (r == null) {
        ApiError.notFound(rc, "no review with id '" + ReviewRoutes.truncate(id) + "'");
      } else if (r.summary() == null) {
        ApiError.inProgress(rc, id);
      } else {
        Future<String> sarif = r.summary().findings().size() <= INLINE_SARIF_FINDINGS
            ? Future.succeededFuture(SarifRenderer.render(r.summary()))
            : vertx.executeBlocking(() -> SarifRenderer.render(r.summary()), false);
        sarif.onSuccess(text -> rc.response().putHeader("Content-Type", SarifRenderer.MEDIA_TYPE).end(text))
            .onFailure(err -> ApiError.fail(rc, err));
      }
    }).onFailure(err -> ApiError.fail(rc, err));
  }

  static JsonObject brief(StoredReview r) {
    JsonObject j = new JsonObject().put("review_id", r.reviewId()).put("status", r.state().wire())
        .put("accepted_at", r.acceptedAt().toString());
    if (r.decisionPath() != null) j.put("decision_path", r.decisionPath());
    if (r.request().repo() != null) j.put("repo", r.request().repo());
    if (r.summary() != null) {
      j.put("severity", r.summary().severity().wire()).put("findings", r.summary().findings().size());
    }
    j.put("links", new JsonObject().put("self", "/api/reviews/" + ReviewRoutes.encode(r.reviewId())));
    return j;
  }
}
