package dev.synapse.review;

import dev.synapse.signal.FailureCodes;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node {@link ReviewStore} that survives a crash: a {@link LocalReviewStore} in
 * front of a {@link ReviewJournal}.
 *
 * <ul>
 *   <li>{@link #submit}: a new review is appended to the journal (committed, fsynced) before the
 *       future completes, so the {@code 202} that follows is answered only for a review a
 *       SIGKILL cannot lose. A full journal queue or a journal error fails the submission with
 *       {@link FailureCodes#NOT_READY} (HTTP 503 {@code not_ready}).
 *   <li>{@link #complete}: the summary is recorded in the journal first, with a compare-and-set,
 *       and only then in memory: the caller publishes only a summary the journal holds, and a
 *       restart never produces a second one. A journal that keeps failing (after
 *       {@value #COMPLETE_ATTEMPTS} attempts) does not keep the review running forever: it is
 *       completed in memory and the failure logged.
 *   <li>{@link #replay}: at start, finished reviews are served again and unfinished ones are
 *       resubmitted with their review id.
 *   <li>Evictions of the memory store (by count or bytes) are forgotten by the journal too.
 * </ul>
 * Classification and specialist results are not journaled: a resubmitted review runs again
 * from the start. Futures complete on the caller's Vert.x context; nothing blocks it.
 */
public final class JournaledReviewStore implements ReviewStore {
  /** Attempts to record a summary in the journal before completing in memory only. */
  public static final int COMPLETE_ATTEMPTS = 3;
  private static final long RETRY_DELAY_MS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(JournaledReviewStore.class);

  private final Vertx vertx;
  private final LocalReviewStore local;
  private final ReviewJournal journal;

  /**
   * @param vertx contexts and timers
   * @param local the memory store (its evictions are forwarded to the journal)
   * @param journal the open journal; closed by {@link #close()}
   */
  public JournaledReviewStore(Vertx vertx, LocalReviewStore local, ReviewJournal journal) {
    this.vertx = vertx;
    this.local = local;
    this.journal = journal;
    local.onEvict(ids -> journal.forget(ids).exceptionally(err -> {
      LOG.warn("journal could not forget {} evicted reviews: {}", ids.size(), err.getMessage());
      return null;
    }));
  }

  /** @return the memory store (snapshots) */
  public LocalReviewStore local() {
    return local;
  }

  @Override
  public Future<Submission> submit(ReviewRequest request, String owner) {
    StoredReview existing = local.get(request.reviewId()).result();
    if (existing != null) return Future.succeededFuture(new Submission(existing, false));
    StoredReview fresh = StoredReview.accepted(request, Instant.now(), owner);
    return fromJournal(journal.append(fresh))
        .map(appended -> local.insert(fresh))
        .recover(err -> {
          LOG.warn("review_id={} not accepted: journal write failed: {}", request.reviewId(), err.getMessage());
          return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.NOT_READY,
              err instanceof ReviewJournal.JournalBusyException ? err.getMessage()
                  : "the review journal is unavailable; try again"));
        });
  }

  @Override
  public Future<StoredReview> get(String reviewId) {
    return local.get(reviewId);
  }

  @Override
  public Future<Void> classify(String reviewId, String decisionPath, String rationale) {
    return local.classify(reviewId, decisionPath, rationale);
  }

  @Override
  public Future<Void> addResult(String reviewId, ReviewResult result) {
    return local.addResult(reviewId, result);
  }

  @Override
  public Future<Boolean> complete(String reviewId, ReviewSummary summary) {
    StoredReview r = local.get(reviewId).result();
    if (r == null || r.state().done()) return Future.succeededFuture(false);
    return journalComplete(r.completed(summary), 1).compose(recorded -> recorded
        ? local.complete(reviewId, summary) : Future.succeededFuture(false));
  }

  private Future<Boolean> journalComplete(StoredReview done, int attempt) {
    return fromJournal(journal.complete(done)).recover(err -> {
      if (attempt >= COMPLETE_ATTEMPTS) {
        LOG.error("review_id={} summary not journaled after {} attempts ({}); kept in memory only",
            done.reviewId(), attempt, err.getMessage());
        return Future.succeededFuture(true);
      }
      return delay(RETRY_DELAY_MS * attempt).compose(v -> journalComplete(done, attempt + 1));
    });
  }

  @Override
  public Future<Page> list(int offset, int limit) {
    return local.list(offset, limit);
  }

  @Override
  public Future<List<StoredReview>> inFlight() {
    return local.inFlight();
  }

  /**
   * Reads the journal back into memory: finished reviews are put as they were; unfinished ones
   * are submitted again through {@code resubmit} (usually {@code ReviewService::submit}, after
   * the coordinator is deployed), with their review id.
   *
   * @return the counts {@code [finished, resubmitted]}; fails when the journal cannot be read
   */
  public Future<int[]> replay(Function<ReviewRequest, Future<?>> resubmit) {
    return fromJournal(journal.load()).compose(rows -> {
      int done = 0;
      List<Future<?>> resubmitted = new java.util.ArrayList<>();
      for (StoredReview r : rows) {
        if (r.state().done()) {
          local.put(r);
          done++;
        } else {
          resubmitted.add(resubmit.apply(r.request()));
        }
      }
      int[] counts = {done, resubmitted.size()};
      return Future.join(resubmitted).transform(ar -> Future.succeededFuture(counts));
    });
  }

  /** Commits what is queued and closes the journal (blocking, at most a few seconds). */
  public void close() {
    journal.close();
  }

  private Future<Void> delay(long ms) {
    io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
    vertx.setTimer(ms, t -> p.complete());
    return p.future();
  }

  private <T> Future<T> fromJournal(CompletableFuture<T> cf) {
    return Future.fromCompletionStage(cf, vertx.getOrCreateContext());
  }
}
