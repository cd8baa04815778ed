package dev.synapse.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournaledReviewStoreTest {
  private static final String DIFF = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x\n+y\n";

  @TempDir Path dir;

  private static ReviewRequest request(String id) {
    return new ReviewRequest(id, DIFF, 1, List.of("security"), "feature", 0.1, new JsonObject());
  }

  private static ReviewSummary summary(String id) {
    return SummaryBuilder.build(id, "fast_path", "small", List.of(), Map.of(), Map.of(), 3);
  }

  private JournaledReviewStore open(Vertx vertx, int retention, long bytes) throws Exception {
    return new JournaledReviewStore(vertx, new LocalReviewStore(retention, bytes), ReviewJournal.open(dir));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("an accepted review is in the journal when submit completes, and a store reopened on the folder resubmits it with the same id")
  void acceptedReviewSurvivesReopen(Vertx vertx) throws Exception {
    JournaledReviewStore first = open(vertx, 100, Long.MAX_VALUE);
    assertTrue(await(first.submit(request("r-1"), "node-a")).created());
    // no close: the journal must already hold it (a SIGKILL gives no chance to flush)
    JournaledReviewStore second = open(vertx, 100, Long.MAX_VALUE);
    List<String> resubmitted = new ArrayList<>();
    int[] counts = await(second.replay(r -> {
      resubmitted.add(r.reviewId() + ":" + r.diff().length());
      return second.submit(r, "node-b");
    }));
    assertEquals(List.of("r-1:" + DIFF.length()), resubmitted);
    assertEquals(0, counts[0]);
    assertEquals(1, counts[1]);
    assertNotNull(await(second.get("r-1")));
    first.close();
    second.close();
  }

  @Test
  @DisplayName("a finished review is served again after reopening, and no second summary can be recorded for it")
  void finishedReviewServedAgainAndNeverCompletedTwice(Vertx vertx) throws Exception {
    JournaledReviewStore first = open(vertx, 100, Long.MAX_VALUE);
    await(first.submit(request("r-2"), "node-a"));
    assertTrue(await(first.complete("r-2", summary("r-2"))));
    assertFalse(await(first.complete("r-2", summary("r-2"))), "a second summary in the same run");
    first.close();

    JournaledReviewStore second = open(vertx, 100, Long.MAX_VALUE);
    List<String> resubmitted = new ArrayList<>();
    int[] counts = await(second.replay(r -> {
      resubmitted.add(r.reviewId());
      return Future.succeededFuture();
    }));
    assertEquals(List.of(), resubmitted, "a finished review is not run again");
    assertEquals(1, counts[0]);
    StoredReview served = await(second.get("r-2"));
    assertTrue(served.state().done());
    assertEquals("r-2", served.summary().reviewId());
    assertEquals("", served.request().diff(), "a finished review keeps no diff");
    // resubmitting the id after the restart is a duplicate, not a new run
    assertFalse(await(second.submit(request("r-2"), "node-b")).created());
    assertFalse(await(second.complete("r-2", summary("r-2"))));
    second.close();
  }

  @Test
  @DisplayName("two summaries racing for one review: the journal records exactly one")
  void racingCompletionsRecordOne(Vertx vertx) throws Exception {
    JournaledReviewStore store = open(vertx, 100, Long.MAX_VALUE);
    await(store.submit(request("r-3"), "node-a"));
    List<Future<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < 8; i++) racers.add(store.complete("r-3", summary("r-3")));
    await(Future.join(racers));
    assertEquals(1, racers.stream().filter(Future::result).count());
    store.close();
  }

  @Test
  @DisplayName("reviews evicted from memory (by count) are forgotten by the journal, so a restart does not bring them back")
  void evictedReviewsAreForgotten(Vertx vertx) throws Exception {
    JournaledReviewStore first = open(vertx, 2, Long.MAX_VALUE);
    for (int i = 0; i < 5; i++) {
      await(first.submit(request("e-" + i), "node-a"));
      assertTrue(await(first.complete("e-" + i, summary("e-" + i))));
    }
    assertNull(await(first.get("e-0")));
    first.close();
    JournaledReviewStore second = open(vertx, 100, Long.MAX_VALUE);
    int[] counts = await(second.replay(r -> Future.succeededFuture()));
    assertEquals(2, counts[0]);
    assertNull(await(second.get("e-2")));
    assertNotNull(await(second.get("e-4")));
    second.close();
  }
}
