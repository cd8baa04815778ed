package dev.synapse.review;

import dev.synapse.bus.SignalBus;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets callers wait for a review's summary ({@code ?wait=SECONDS}, the CLI). One node listener
 * on the {@link SignalBus} ({@link SignalBus#listen}); summaries from any cluster node complete
 * local waiters. Each waiter is completed on the context that called {@link #await} (the HTTP
 * event loop of the request), so the response is written, and the wait timer cancelled, from
 * the request's own thread. A summary event can be missed (the clustered event bus delivers a
 * publish at most once, and drops it when a member dies at the wrong moment), so a waiter also
 * reads the store every {@value #RECHECK_MS} ms and once more at its deadline: a missed event
 * costs a waiter at most that long, never its whole wait. Thread-safe.
 */
public final class SummaryWaiters {
  /** Period of a waiter's store re-read, in ms. */
  public static final long RECHECK_MS = 5_000;
  private final Vertx vertx;
  private final SignalBus bus;
  private final ReviewStore store;
  private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

  /** A pending wait: its promise and the context it completes on. */
  private record Waiter(Promise<JsonObject> promise, Context context) {
    void complete(JsonObject summary) {
      if (Vertx.currentContext() == context) {
        promise.tryComplete(summary);
      } else {
        context.runOnContext(v -> promise.tryComplete(summary));
      }
    }
  }

  /**
   * @param vertx timers
   * @param bus summary signals
   * @param store checked after registering, so a summary emitted just before is not missed
   */
  public SummaryWaiters(Vertx vertx, SignalBus bus, ReviewStore store) {
    this.vertx = vertx;
    this.bus = bus;
    this.store = store;
  }

  /** Listens for summaries on the bus. @return completed (the listener is in place at once) */
  public Future<Void> start() {
    bus.listen(s -> {
      if (!SignalTypes.REVIEW_SUMMARY.equals(s.type())) return;
      List<Waiter> list = waiters.remove(s.reviewId());
      if (list != null) {
        for (Waiter w : list) w.complete(s.data());
      }
    });
    return Future.succeededFuture();
  }

  /** @return pending waits (for health) */
  public int pending() {
    return waiters.size();
  }

  /**
   * @param reviewId the review
   * @param timeoutMs longest wait in ms; 0 returns what the store holds now
   * @return the summary, or null when none arrived in time; fails only when the store fails
   */
  public Future<ReviewSummary> await(String reviewId, long timeoutMs) {
    return awaitJson(reviewId, timeoutMs).map(j -> j == null ? null : ReviewSummary.fromJson(j));
  }

  /**
   * {@link #await} with the summary as its {@code review.summary} payload (DESIGN.md 1), as
   * published: what an HTTP response encodes, without reading the summary back and writing it
   * again. The object is shared with the signal: read it, never modify it.
   *
   * @return the payload, or null when none arrived in time; fails only when the store fails
   */
  public Future<JsonObject> awaitJson(String reviewId, long timeoutMs) {
    Promise<JsonObject> promise = Promise.promise();
    if (timeoutMs > 0) {
      Context context = vertx.getOrCreateContext();
      waiters.computeIfAbsent(reviewId, k -> new CopyOnWriteArrayList<>()).add(new Waiter(promise, context));
      long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
      java.util.concurrent.atomic.AtomicLong timer = new java.util.concurrent.atomic.AtomicLong(-1);
      recheckLater(reviewId, promise, deadline, timer);
      promise.future().onComplete(ar -> vertx.cancelTimer(timer.get()));
    }
    store.get(reviewId).onComplete(ar -> {
      if (ar.failed()) {
        remove(reviewId, promise);
        promise.tryFail(ar.cause());
      } else if (ar.result() != null && ar.result().summary() != null) {
        remove(reviewId, promise);
        promise.tryComplete(ar.result().summary().toJson());
      } else if (timeoutMs <= 0) {
        promise.tryComplete(null);
      }
    });
    return promise.future();
  }

  /**
   * Re-reads the store after {@value #RECHECK_MS} ms or at the deadline, whichever is first;
   * completes with the stored summary, or null at the deadline, else schedules the next re-read.
   */
  private void recheckLater(String reviewId, Promise<JsonObject> promise, long deadline,
      java.util.concurrent.atomic.AtomicLong timer) {
    long leftMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    timer.set(vertx.setTimer(Math.min(leftMs, RECHECK_MS), t -> {
      if (promise.future().isComplete()) return;
      boolean last = System.nanoTime() - deadline >= 0;
      store.get(reviewId).onComplete(ar -> {
        StoredReview r = ar.succeeded() ? ar.result() : null;
        if (r != null && r.summary() != null) {
          remove(reviewId, promise);
          promise.tryComplete(r.summary().toJson());
        } else if (last) {
          remove(reviewId, promise);
          promise.tryComplete(null);
        } else if (!promise.future().isComplete()) {
          recheckLater(reviewId, promise, deadline, timer);
        }
      });
    }));
  }

  private void remove(String reviewId, Promise<JsonObject> p) {
    waiters.computeIfPresent(reviewId, (k, list) -> {
      list.removeIf(w -> w.promise() == p);
      return list.isEmpty() ? null : list;
    });
  }
}
