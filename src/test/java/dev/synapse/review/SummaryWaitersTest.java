package dev.synapse.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.synapse.bus.SignalBus;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A waiter whose summary event never arrives (the clustered event bus drops a publish when a
 * member dies at the wrong moment) still gets the summary from the store: two runs of
 * {@code ClusterProcessesIT.twoSigkills} each had one summary event of 300 go unseen.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SummaryWaitersTest {
  private static ReviewRequest request(String id) {
    return ReviewRequest.fromTrustedJson(new JsonObject().put("review_id", id).put("diff", "")
        .put("labels", new JsonArray().add("security")));
  }

  @Test
  @DisplayName("a summary stored without its event being seen completes the wait from the store, before the deadline")
  void storedSummaryWithoutEvent(Vertx vertx) throws Exception {
    LocalReviewStore store = new LocalReviewStore(100);
    SummaryWaiters waiters = new SummaryWaiters(vertx, new SignalBus(vertx, 10), store);
    waiters.start().await(5, TimeUnit.SECONDS);
    store.submit(request("lost-event"), "n1").await(5, TimeUnit.SECONDS);
    var wait = waiters.await("lost-event", 20_000);
    ReviewSummary summary = SummaryBuilder.build("lost-event", "fast_path", "test", List.of(), Map.of(), Map.of(), 3);
    store.complete("lost-event", summary).await(5, TimeUnit.SECONDS); // stored; no review.summary published
    ReviewSummary got = wait.await(SummaryWaiters.RECHECK_MS * 2 + 5_000, TimeUnit.MILLISECONDS);
    assertNotNull(got, "the store re-read found the summary");
    assertEquals("lost-event", got.reviewId());
    assertEquals(0, waiters.pending(), "the waiter is removed");
  }

  @Test
  @DisplayName("a wait for a summary that never comes answers null at its deadline and leaves no waiter behind")
  void noSummaryAnswersNull(Vertx vertx) throws Exception {
    LocalReviewStore store = new LocalReviewStore(100);
    SummaryWaiters waiters = new SummaryWaiters(vertx, new SignalBus(vertx, 10), store);
    waiters.start().await(5, TimeUnit.SECONDS);
    store.submit(request("never"), "n1").await(5, TimeUnit.SECONDS);
    assertNull(waiters.await("never", 300).await(10, TimeUnit.SECONDS));
    assertEquals(0, waiters.pending());
  }
}
