package dev.synapse.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReviewRequestTest {

  private static ValidationException invalid(JsonObject json) {
    return assertThrows(ValidationException.class, () -> ReviewRequest.fromJson(json, () -> 0));
  }

  @Test
  @DisplayName("defaults: generated review id, no labels, intent feature, risk 0, files from the diff")
  void defaults() {
    ReviewRequest r = ReviewRequest.fromJson(new JsonObject().put("diff", ""), () -> 7);
    assertEquals(36, r.reviewId().length());
    assertEquals(0, r.labels().size());
    assertEquals("feature", r.intent());
    assertEquals(0.0, r.riskFactor());
    assertEquals(7, r.filesChanged());
  }

  @Test
  @DisplayName("each invalid field is refused with a message that names it")
  void invalidFields() {
    assertEquals("diff", invalid(new JsonObject()).field());
    assertEquals("diff", invalid(new JsonObject().put("diff", 3)).field());
    assertEquals("review_id", invalid(new JsonObject().put("diff", "").put("review_id", "bad id!")).field());
    assertEquals("review_id", invalid(new JsonObject().put("diff", "").put("review_id", "x".repeat(129))).field());
    assertEquals("files_changed", invalid(new JsonObject().put("diff", "").put("files_changed", -1)).field());
    assertEquals("files_changed", invalid(new JsonObject().put("diff", "").put("files_changed", 1.5)).field());
    assertEquals("labels", invalid(new JsonObject().put("diff", "").put("labels", "security")).field());
    assertEquals("labels", invalid(new JsonObject().put("diff", "").put("labels", new JsonArray().add(1))).field());
    assertEquals("risk_factor", invalid(new JsonObject().put("diff", "").put("risk_factor", 1.5)).field());
    assertEquals("risk_factor", invalid(new JsonObject().put("diff", "").put("risk_factor", "high")).field());
    assertEquals("metadata", invalid(new JsonObject().put("diff", "").put("metadata", "x")).field());
    assertEquals("intent", invalid(new JsonObject().put("diff", "").put("intent", 5)).field());
  }

  @Test
  @DisplayName("a request survives the JSON round trip")
  void roundTrip() {
    ReviewRequest r = ReviewRequest.fromJson(new JsonObject().put("review_id", "pr-42#1").put("diff", "x")
        .put("labels", new JsonArray().add("security")).put("intent", "hotfix").put("risk_factor", 0.7)
        .put("metadata", new JsonObject().put("repo", "acme/api")
            .put("hot_functions", new JsonArray().add("handle"))), () -> 1);
    ReviewRequest back = ReviewRequest.fromTrustedJson(r.toJson());
    assertEquals(r.toJson(), back.toJson());
    assertEquals("acme/api", back.repo());
    assertEquals(java.util.List.of("handle"), back.hotFunctions());
  }
}
