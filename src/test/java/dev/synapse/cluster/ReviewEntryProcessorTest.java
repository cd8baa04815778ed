package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastJsonValue;
import dev.synapse.agent.AgentNames;
import dev.synapse.review.ReviewState;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The per-key operations of the clustered store, applied to an in-memory entry. */
class ReviewEntryProcessorTest {

  private static Map.Entry<String, HazelcastJsonValue> entry(StoredReview r) {
    return new AbstractMap.SimpleEntry<>("r1", r == null ? null : new HazelcastJsonValue(r.toJson().encode()));
  }

  private static StoredReview stored(Map.Entry<String, HazelcastJsonValue> e) {
    return StoredReview.fromJson(new JsonObject(e.getValue().getValue()));
  }

  private static StoredReview accepted(String owner) {
    return StoredReview.accepted(ClusterTestSupport.request("r1"), Instant.parse("2026-01-01T00:00:00Z"), owner);
  }

  private static String summary(String status) {
    return ReviewSummary.fromJson(new JsonObject().put("review_id", "r1").put("status", status)
        .put("severity", "none").put("metadata", new JsonObject().put("decision_path", "deep_review")))
        .toJson().encode();
  }

  private static String apply(Map.Entry<String, HazelcastJsonValue> e, ReviewEntryProcessor.Op op, String a, String b,
      String c) {
    return new ReviewEntryProcessor(op, a, b, c).process(e);
  }

  @Test
  @DisplayName("insert stores a review when the key is free and returns nothing")
  void insertWhenAbsent() {
    var e = entry(null);
    assertNull(apply(e, ReviewEntryProcessor.Op.INSERT, accepted("n1").toJson().encode(), null, null));
    assertEquals("n1", stored(e).owner());
  }

  @Test
  @DisplayName("insert of an existing id keeps the stored review and returns it")
  void insertWhenPresent() {
    var e = entry(accepted("n1"));
    String prev = apply(e, ReviewEntryProcessor.Op.INSERT, accepted("n2").toJson().encode(), null, null);
    assertEquals("n1", StoredReview.fromJson(new JsonObject(prev)).owner());
    assertEquals("n1", stored(e).owner());
  }

  @Test
  @DisplayName("classify records the path and makes the classifying node the owner")
  void classifyTakesOwnership() {
    var e = entry(accepted("ingress"));
    apply(e, ReviewEntryProcessor.Op.CLASSIFY, "deep_review", "labels", "coordinator-node");
    assertEquals("deep_review", stored(e).decisionPath());
    assertEquals(ReviewState.RUNNING, stored(e).state());
    assertEquals("coordinator-node", stored(e).owner());
  }

  @Test
  @DisplayName("a result is added next to the results already stored")
  void addResult() {
    var e = entry(accepted("n1"));
    ReviewResult r = new ReviewResult("r1", AgentNames.SECURITY, ReviewResult.OK, 0.9, List.of(), false, 3,
        "deep_review", List.of("sql"), List.of(), 0);
    apply(e, ReviewEntryProcessor.Op.ADD_RESULT, r.toJson().encode(), null, null);
    assertEquals(List.of("sql"), stored(e).results().get(AgentNames.SECURITY).actionsRun());
  }

  @Test
  @DisplayName("the first summary is stored, with the storing node as owner; a second is refused")
  void completeOnce() {
    var e = entry(accepted("n1"));
    assertEquals(ReviewEntryProcessor.STORED, apply(e, ReviewEntryProcessor.Op.COMPLETE, summary("complete"), "n2", null));
    assertNull(apply(e, ReviewEntryProcessor.Op.COMPLETE, summary("failed"), "n3", null));
    assertEquals(ReviewState.COMPLETE, stored(e).state());
    assertEquals("n2", stored(e).owner());
  }

  @Test
  @DisplayName("a COMPLETE retried after its first run (response lost when a member left) answers stored again")
  void completeRetryIsIdempotent() {
    var e = entry(accepted("n1"));
    String summary = summary("complete");
    assertEquals(ReviewEntryProcessor.STORED, apply(e, ReviewEntryProcessor.Op.COMPLETE, summary, "n2", "call-1"));
    assertEquals(ReviewEntryProcessor.STORED, apply(e, ReviewEntryProcessor.Op.COMPLETE, summary, "n2", "call-1"),
        "the same invocation, retried, answers as the first did");
    assertNull(apply(e, ReviewEntryProcessor.Op.COMPLETE, summary, "n2", "call-2"), "another call never wins");
    assertNull(apply(e, ReviewEntryProcessor.Op.COMPLETE, summary, "n3", null), "another node never wins");
  }

  @Test
  @DisplayName("a claim succeeds only while the review still has the expected owner")
  void claimIsCompareAndSet() {
    var e = entry(accepted("gone"));
    String first = apply(e, ReviewEntryProcessor.Op.CLAIM, "gone", "survivor-1", null);
    String second = apply(e, ReviewEntryProcessor.Op.CLAIM, "gone", "survivor-2", null);
    assertEquals("survivor-1", StoredReview.fromJson(new JsonObject(first)).owner());
    assertNull(second);
    assertEquals("survivor-1", stored(e).owner());
  }

  @Test
  @DisplayName("a done review is neither claimed nor changed")
  void doneReviewUntouched() {
    var e = entry(accepted("gone"));
    apply(e, ReviewEntryProcessor.Op.COMPLETE, summary("complete"), "gone", null);
    assertNull(apply(e, ReviewEntryProcessor.Op.CLAIM, "gone", "survivor", null));
    apply(e, ReviewEntryProcessor.Op.CLASSIFY, "fast_path", "x", "survivor");
    assertEquals("gone", stored(e).owner());
    assertTrue(stored(e).state().done());
  }

  @Test
  @DisplayName("operations on an unknown review change nothing and return nothing")
  void unknownReview() {
    var e = entry(null);
    assertNull(apply(e, ReviewEntryProcessor.Op.COMPLETE, summary("complete"), "n1", null));
    assertNull(e.getValue());
  }
}
