package dev.synapse.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.agent.coordinator.ReviewDeadlines;
import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.LocalReviewStore;
import dev.synapse.review.ReviewStore;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.Finding;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The review budget: a review that no run finishes (here: stored but never handed to a
 * coordinator, as after a run that gave up) is completed as failed with the results it has and
 * an escalation, exactly once (issue 14, items 7 and 11: "stuck in running", "never a hang").
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReviewDeadlinesTest {
  private SynapseNode node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) node.close().await(20, TimeUnit.SECONDS);
  }

  private static ReviewResult securityResult(String id) {
    Finding f = new Finding("sql_injection", Severity.HIGH, "a.py", 3, Side.NEW, null, "R", null, "sum", "bind",
        0.9, "fp-1", null);
    return new ReviewResult(id, AgentNames.SECURITY, ReviewResult.OK, 0.9, List.of(f), false, 5, "deep_review",
        List.of("a"), List.of(), 0);
  }

  @Test
  @DisplayName("a review stuck in running past review_budget_ms ends failed, with its partial findings and an escalation, once")
  void stuckReviewEndsFailedWithPartialResults() throws Exception {
    node = SynapseNode.start(ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1",
        "SYNAPSE_REVIEW_BUDGET_MS", "5000"), null), false).await(60, TimeUnit.SECONDS);
    ReviewStore store = node.context().store();
    ReviewRequest request = new ReviewRequest("stuck-1", "diff --git a/a.py b/a.py\n", 1, List.of("security"),
        "feature", 0.5, new JsonObject());
    // accepted a minute ago, classified, one of two specialists answered, no run drives it any more
    StoredReview stuck = StoredReview.accepted(request, Instant.now().minusSeconds(60), "gone-node")
        .classified("deep_review", "labelled security").withResult(securityResult("stuck-1"));
    ((LocalReviewStore) store).insert(stuck);

    ReviewSummary summary = node.reviews().awaitSummary("stuck-1", 20_000).await(25, TimeUnit.SECONDS);
    assertEquals(ReviewSummary.FAILED, summary.status());
    assertEquals(1, summary.findings().size(), summary.toJson().encode());
    assertEquals(List.of(AgentNames.PERFORMANCE), summary.specialistsFailed());
    assertTrue(summary.escalations().stream().anyMatch(e -> e.contains("Review budget of 5000 ms exceeded")),
        summary.escalations().toString());
    StoredReview stored = store.get("stuck-1").await(10, TimeUnit.SECONDS);
    assertTrue(stored.state().done());
    assertEquals(List.of(), store.inFlight().await(10, TimeUnit.SECONDS));
    assertEquals(0, new ReviewDeadlines(node.vertx(), node.context(), 5000, () -> true).sweep()
        .await(10, TimeUnit.SECONDS), "a finished review is not completed again");
  }

  @Test
  @DisplayName("an unclassified overdue review is summarised as a failed deep review naming every specialist")
  void unclassifiedOverdue() {
    ReviewRequest request = new ReviewRequest("stuck-2", "", 0, List.of(), "feature", 0.0, new JsonObject());
    Instant accepted = Instant.parse("2026-01-01T00:00:00Z");
    ReviewSummary s = ReviewDeadlines.overdue(StoredReview.accepted(request, accepted, null), 5_000,
        accepted.plusSeconds(7));
    assertEquals(ReviewSummary.FAILED, s.status());
    assertEquals("deep_review", s.decisionPath());
    assertEquals(AgentNames.SPECIALISTS, s.specialistsFailed());
    assertEquals(7_000, s.durationMs());
  }
}
