package dev.synapse.ops;

import dev.synapse.review.LocalReviewStore;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.ReviewRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Snapshot section {@code reviews} for a {@link LocalReviewStore}: {@code {"reviews": [
 * StoredReview.toJson(), …]}}, oldest first. On restore, finished reviews are put back as they
 * were; reviews that were still in flight when the snapshot was taken are submitted again
 * through {@code resubmit} (same review id), so they reach their one summary after the restart
 * instead of staying "running" forever. The whole section is validated before anything is
 * restored. Thread-safe.
 */
public final class LocalStoreSnapshots implements SnapshotSource {
  /** Section name in the snapshot payload. */
  public static final String SECTION = "reviews";
  private final LocalReviewStore store;
  private final Function<ReviewRequest, Future<?>> resubmit;

  /**
   * @param store the node's local store
   * @param resubmit runs a restored in-flight review again (usually {@code ReviewService::submit})
   */
  public LocalStoreSnapshots(LocalReviewStore store, Function<ReviewRequest, Future<?>> resubmit) {
    this.store = store;
    this.resubmit = resubmit;
  }

  @Override
  public Future<JsonObject> capture() {
    JsonArray reviews = new JsonArray();
    for (StoredReview r : store.all()) reviews.add(r.toJson());
    return Future.succeededFuture(new JsonObject().put("reviews", reviews));
  }

  @Override
  public Future<Integer> restore(JsonObject section) {
    List<StoredReview> parsed = new ArrayList<>();
    try {
      JsonArray reviews = section.getJsonArray("reviews");
      if (reviews == null) throw new IllegalArgumentException("no reviews array");
      for (int i = 0; i < reviews.size(); i++) parsed.add(StoredReview.fromJson(reviews.getJsonObject(i)));
    } catch (RuntimeException e) {
      return Future.failedFuture(new SnapshotException("section 'reviews' is malformed: " + e.getClass().getSimpleName()));
    }
    List<Future<?>> resubmitted = new ArrayList<>();
    for (StoredReview r : parsed) {
      if (r.state().done()) {
        store.put(r);
      } else {
        resubmitted.add(resubmit.apply(r.request()));
      }
    }
    // a failed re-submission is logged by the ingress; the restored count stays what was read
    return Future.join(resubmitted).transform(ar -> Future.succeededFuture(parsed.size()));
  }
}
