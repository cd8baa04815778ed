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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * In-memory {@link ReviewStore} for a single node. Keeps at most {@code retention} reviews and
 * at most {@code retentionBytes} bytes of reviews ({@link StoredReview#estimatedBytes()}): when
 * over either bound, the oldest completed reviews are evicted (in-flight reviews are never
 * evicted; a finished review no longer holds its diff). Evicted ids are reported to an optional
 * listener (the journal forgets them). Thread-safe; every method completes synchronously.
 */
public final class LocalReviewStore implements ReviewStore {
  /** Default byte bound: no bound beyond the count. */
  public static final long UNBOUNDED_BYTES = Long.MAX_VALUE;

  private final ConcurrentHashMap<String, StoredReview> reviews = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> sizes = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<String> order = new ConcurrentLinkedDeque<>();
  private final AtomicLong bytes = new AtomicLong();
  private final int retention;
  private final long retentionBytes;
  private volatile Consumer<List<String>> onEvict = ids -> { };

  /** @param retention most reviews kept, ≥ 1 */
  public LocalReviewStore(int retention) {
    this(retention, UNBOUNDED_BYTES);
  }

  /**
   * @param retention most reviews kept, ≥ 1
   * @param retentionBytes most bytes of reviews kept (estimated), ≥ 1
   */
  public LocalReviewStore(int retention, long retentionBytes) {
    this.retention = retention;
    this.retentionBytes = retentionBytes;
  }

  /**
   * @param listener called with the ids evicted by one eviction pass (on the thread that caused
   *     it; must not block)
   */
  public void onEvict(Consumer<List<String>> listener) {
    this.onEvict = listener;
  }

  @Override
  public Future<Submission> submit(ReviewRequest request, String owner) {
    return Future.succeededFuture(insert(StoredReview.accepted(request, Instant.now(), owner)));
  }

  /**
   * Stores a review unless one with its id exists (what {@link #submit} does with a fresh review).
   *
   * @return the stored review and whether this call created it
   */
  public Submission insert(StoredReview fresh) {
    StoredReview prev = reviews.putIfAbsent(fresh.reviewId(), fresh);
    if (prev != null) return new Submission(prev, false);
    account(fresh);
    order.addLast(fresh.reviewId());
    evict();
    return new Submission(fresh, true);
  }

  /** Puts a review as it is (snapshot restore); replaces any review with the same id. */
  public void put(StoredReview review) {
    if (reviews.put(review.reviewId(), review) == null) order.addLast(review.reviewId());
    account(review);
    evict();
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

  /** @return the estimated bytes of the reviews held */
  public long bytes() {
    return bytes.get();
  }

  /** @return reviews held */
  public int size() {
    return reviews.size();
  }

  private void account(StoredReview r) {
    long size = r.estimatedBytes();
    Long old = sizes.put(r.reviewId(), size);
    bytes.addAndGet(size - (old == null ? 0 : old));
  }

  private synchronized void evict() {
    if (reviews.size() <= retention && bytes.get() <= retentionBytes) return;
    List<String> evicted = new ArrayList<>();
    Iterator<String> it = order.iterator();
    while ((reviews.size() > retention || bytes.get() > retentionBytes) && it.hasNext()) {
      String id = it.next();
      StoredReview r = reviews.get(id);
      if (r == null) {
        it.remove();
      } else if (r.state().done() && reviews.remove(id, r)) {
        Long size = sizes.remove(id);
        if (size != null) bytes.addAndGet(-size);
        it.remove();
        evicted.add(id);
      }
    }
    if (!evicted.isEmpty()) onEvict.accept(evicted);
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
    StoredReview done = reviews.computeIfPresent(reviewId, (k, r) -> {
      if (r.state().done()) return r;
      stored[0] = true;
      return r.completed(summary);
    });
    if (stored[0]) {
      account(done);
      evict();
    }
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
