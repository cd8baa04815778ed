package dev.synapse.review;

import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * In-memory {@link ReviewStore} for a single node. Keeps at most {@code retention} reviews: when
 * over, the oldest completed reviews are evicted (in-flight reviews are never evicted).
 * Thread-safe; every method completes synchronously.
 */
public final class LocalReviewStore implements ReviewStore {
  private final ConcurrentHashMap<String, StoredReview> reviews = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<String> order = new ConcurrentLinkedDeque<>();
  private final int retention;

  /** @param retention most reviews kept, ≥ 1 */
  public LocalReviewStore(int retention) {
    this.retention = retention;
  }

  @Override
  public Future<Submission> submit(ReviewRequest request, String owner) {
    StoredReview fresh = StoredReview.accepted(request, Instant.now(), owner);
    StoredReview prev = reviews.putIfAbsent(request.reviewId(), fresh);
    if (prev != null) return Future.succeededFuture(new Submission(prev, false));
    order.addLast(request.reviewId());
    evict();
    return Future.succeededFuture(new Submission(fresh, true));
  }

  /** Puts a review as it is (snapshot restore); replaces any review with the same id. */
  public void put(StoredReview review) {
    if (reviews.put(review.reviewId(), review) == null) order.addLast(review.reviewId());
  }

  /** @return every review, oldest first (snapshots) */
  public List<StoredReview> all() {
    List<StoredReview> out = new ArrayList<>();
    for (String id : order) {
      StoredReview r = reviews.get(id);
      if (r != null) out.add(r);
    }
    return out;
  }

  private void evict() {
    int excess = reviews.size() - retention;
    if (excess <= 0) return;
    Iterator<String> it = order.iterator();
    while (excess > 0 && it.hasNext()) {
      String id = it.next();
      StoredReview r = reviews.get(id);
      if (r == null) {
        it.remove();
      } else if (r.state().done()) {
        reviews.remove(id);
        it.remove();
        excess--;
      }
    }
  }

  @Override
  public Future<StoredReview> get(String reviewId) {
    return Future.succeededFuture(reviews.get(reviewId));
  }

  @Override
  public Future<Void> classify(String reviewId, String decisionPath, String rationale) {
    reviews.computeIfPresent(reviewId, (k, r) -> r.state().done() ? r : r.classified(decisionPath, rationale));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> addResult(String reviewId, ReviewResult result) {
    reviews.computeIfPresent(reviewId, (k, r) -> r.state().done() ? r : r.withResult(result));
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> complete(String reviewId, ReviewSummary summary) {
    boolean[] stored = {false};
    reviews.computeIfPresent(reviewId, (k, r) -> {
      if (r.state().done()) return r;
      stored[0] = true;
      return r.completed(summary);
    });
    if (stored[0]) evict();
    return Future.succeededFuture(stored[0]);
  }

  @Override
  public Future<Page> list(int offset, int limit) {
    List<StoredReview> out = new ArrayList<>();
    Iterator<String> it = order.descendingIterator();
    int skipped = 0;
    while (it.hasNext() && out.size() < limit) {
      StoredReview r = reviews.get(it.next());
      if (r == null) continue;
      if (skipped++ < offset) continue;
      out.add(r);
    }
    return Future.succeededFuture(new Page(out, reviews.size()));
  }

  @Override
  public Future<List<StoredReview>> inFlight() {
    List<StoredReview> out = new ArrayList<>();
    for (StoredReview r : reviews.values()) if (!r.state().done()) out.add(r);
    return Future.succeededFuture(out);
  }
}
