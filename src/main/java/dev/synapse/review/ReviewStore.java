package dev.synapse.review;

import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where review state lives, keyed by review id. The local implementation is in-memory; the
 * cluster implementation keeps it in a replicated Hazelcast map. All methods are non-blocking
 * and may be called from an event loop; failures surface as failed futures.
 */
public interface ReviewStore {

  /**
   * Stores a new review unless one with the same id exists (idempotent submission).
   *
   * @return the stored review and whether this call created it; completes only once the
   *     review is durably stored (with its backup, when clustered)
   */
  Future<Submission> submit(ReviewRequest request, String owner);

  /** @return the review, or null when unknown */
  Future<StoredReview> get(String reviewId);

  /** Records the classification; no-op when unknown or done. */
  Future<Void> classify(String reviewId, String decisionPath, String rationale);

  /** Records one specialist result; no-op when unknown or done. */
  Future<Void> addResult(String reviewId, ReviewResult result);

  /**
   * Stores the summary if none is stored yet.
   *
   * @return true when this call stored it (the caller then publishes it); false when a summary
   *     already existed or the review is unknown
   */
  Future<Boolean> complete(String reviewId, ReviewSummary summary);

  /**
   * Tells the store that the summary this node stored with {@link #complete} has been published.
   * A clustered store tracks stored-but-unpublished summaries so that, when the publishing node
   * dies in between, a survivor publishes them; the local store has nothing to do.
   */
  default Future<Void> published(String reviewId) {
    return Future.succeededFuture();
  }

  /**
   * @param offset reviews to skip, newest first
   * @param limit most reviews returned
   * @return a page of reviews, newest first, and the total count
   */
  Future<Page> list(int offset, int limit);

  /** @return reviews without a summary (for failover and drain) */
  Future<List<StoredReview>> inFlight();

  /**
   * @return how long after a publish this store keeps the "may be publishing" marker, in ms; a
   *     draining node waits this long before leaving so survivors need not re-publish (0 locally)
   */
  default long publishSettleMs() {
    return 0;
  }

  /**
   * @param review the stored review
   * @param created true when this call created it; false for a re-submission
   */
  record Submission(StoredReview review, boolean created) {}

  /**
   * @param reviews the page, newest first
   * @param total reviews held
   */
  record Page(List<StoredReview> reviews, int total) {}
}
