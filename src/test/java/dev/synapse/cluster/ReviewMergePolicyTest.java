package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.review.StoredReview;
import dev.synapse.review.SummaryBuilder;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewResult;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReviewMergePolicyTest {
  private static final StoredReview ACCEPTED = StoredReview.accepted(new ReviewRequest("m-1", "+x\n", 1, List.of(),
      "feature", 0.0, new JsonObject()), Instant.parse("2026-01-01T00:00:00Z"), "a");

  private static long progress(StoredReview r) {
    return ReviewMergePolicy.progress(r.toJson().encode());
  }

  @Test
  @DisplayName("a finished review outranks any unfinished version, however many results or however recent")
  void finishedWins() {
    StoredReview running = ACCEPTED.classified("deep_review", "why")
        .withResult(new ReviewResult("m-1", "security_specialist", ReviewResult.OK, 0.9, List.of(), false, 1,
            "deep_review", List.of(), List.of(), 0));
    StoredReview done = ACCEPTED.completed(SummaryBuilder.build("m-1", "fast_path", "x", List.of(), Map.of(), Map.of(), 1));
    assertTrue(progress(done) > progress(running));
    assertTrue(progress(running) > progress(ACCEPTED.classified("deep_review", "why")));
    assertTrue(progress(ACCEPTED.classified("deep_review", "why")) > progress(ACCEPTED));
  }

  @Test
  @DisplayName("a sealed envelope ranks by its clear state: a finished one beats a running one")
  void sealedEnvelopes() {
    String done = new JsonObject().put("state", "complete").put("owner", "a").put("sealed", "xyz").encode();
    String running = new JsonObject().put("state", "running").put("owner", "b").put("sealed", "abc").encode();
    String accepted = new JsonObject().put("state", "accepted").put("sealed", "abc").encode();
    assertTrue(ReviewMergePolicy.progress(done) > ReviewMergePolicy.progress(running));
    assertTrue(ReviewMergePolicy.progress(running) > ReviewMergePolicy.progress(accepted));
  }

  @Test
  @DisplayName("a value that is not a review document ranks lowest instead of failing the merge")
  void garbageRanksLowest() {
    assertEquals(0, ReviewMergePolicy.progress("not json"));
    assertEquals(0, ReviewMergePolicy.progress(null));
  }
}
