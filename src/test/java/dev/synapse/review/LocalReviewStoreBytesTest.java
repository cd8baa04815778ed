package dev.synapse.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.ReviewRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Byte-bounded retention of the single-node store (issue 14, item 11). */
class LocalReviewStoreBytesTest {
  private static final int FIVE_MB = 5 * 1024 * 1024;

  private static ReviewRequest big(String id) {
    return new ReviewRequest(id, "+".repeat(FIVE_MB), 1, List.of(), "feature", 0.0, new JsonObject());
  }

  @Test
  @DisplayName("seven back-to-back 5 MB reviews: each keeps its diff only while in flight, so the store holds kilobytes once they finish")
  void finishedReviewsDropTheirDiff() {
    LocalReviewStore store = new LocalReviewStore(10_000, 64L * 1024 * 1024);
    for (int i = 0; i < 7; i++) {
      String id = "big-" + i;
      store.submit(big(id), "n");
      assertTrue(store.bytes() >= 2L * FIVE_MB, "an in-flight 5 MB review is accounted at its diff: " + store.bytes());
      store.complete(id, SummaryBuilder.build(id, "fast_path", "x", List.of(), Map.of(), Map.of(), 1));
    }
    assertEquals(7, store.size());
    assertTrue(store.bytes() < 64 * 1024, "seven finished reviews take " + store.bytes() + " bytes");
    assertEquals("", store.get("big-3").result().request().diff());
  }

  @Test
  @DisplayName("over the byte bound, the oldest finished reviews are evicted first; in-flight ones never are")
  void evictsOldestFinishedByBytes() {
    LocalReviewStore store = new LocalReviewStore(10_000, 3L * FIVE_MB);
    List<List<String>> evicted = new ArrayList<>();
    store.onEvict(evicted::add);
    store.submit(big("in-flight"), "n");                  // ~10 MB, never evicted
    for (int i = 0; i < 50; i++) {
      String id = "done-" + i;
      store.submit(new ReviewRequest(id, "+x\n", 1, List.of(), "feature", 0.0,
          new JsonObject().put("note", "y".repeat(100_000))), "n");
      store.complete(id, SummaryBuilder.build(id, "fast_path", "x", List.of(), Map.of(), Map.of(), 1));
    }
    assertTrue(store.bytes() <= 3L * FIVE_MB, store.bytes() + " bytes held");
    assertNotNull(store.get("in-flight").result());
    assertNull(store.get("done-0").result(), "the oldest finished review went first");
    assertNotNull(store.get("done-49").result());
    assertTrue(evicted.stream().mapToInt(List::size).sum() > 0);
  }
}
