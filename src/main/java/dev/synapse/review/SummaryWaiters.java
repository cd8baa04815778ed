package dev.synapse.review;

import dev.synapse.bus.SignalBus;
import dev.synapse.bus.TypePattern;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets callers wait for a review's summary ({@code ?wait=SECONDS}, the CLI). One bus
 * subscription per node; summaries from any cluster node complete local waiters. Thread-safe.
 */
public final class SummaryWaiters {
  private final Vertx vertx;
  private final SignalBus bus;
  private final ReviewStore store;
  private final Map<String, List<Promise<ReviewSummary>>> waiters = new ConcurrentHashMap<>();
  private MessageConsumer<Signal> consumer;

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

  /** @return completes when the subscription is registered */
  public Future<Void> start() {
    consumer = bus.subscribe(TypePattern.of(SignalTypes.REVIEW_SUMMARY), s -> {
      List<Promise<ReviewSummary>> list = waiters.remove(s.reviewId());
      if (list != null) {
        ReviewSummary summary = ReviewSummary.fromJson(s.data());
        for (Promise<ReviewSummary> p : list) p.tryComplete(summary);
      }
    });
    return consumer.completion();
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
    Promise<ReviewSummary> promise = Promise.promise();
    if (timeoutMs > 0) {
      waiters.computeIfAbsent(reviewId, k -> new CopyOnWriteArrayList<>()).add(promise);
      long timer = vertx.setTimer(timeoutMs, t -> {
        remove(reviewId, promise);
        promise.tryComplete(null);
      });
      promise.future().onComplete(ar -> vertx.cancelTimer(timer));
    }
    store.get(reviewId).onComplete(ar -> {
      if (ar.failed()) {
        remove(reviewId, promise);
        promise.tryFail(ar.cause());
      } else if (ar.result() != null && ar.result().summary() != null) {
        remove(reviewId, promise);
        promise.tryComplete(ar.result().summary());
      } else if (timeoutMs <= 0) {
        promise.tryComplete(null);
      }
    });
    return promise.future();
  }

  private void remove(String reviewId, Promise<ReviewSummary> p) {
    waiters.computeIfPresent(reviewId, (k, list) -> {
      list.remove(p);
      return list.isEmpty() ? null : list;
    });
  }
}
