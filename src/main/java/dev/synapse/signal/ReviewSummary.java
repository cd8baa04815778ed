package dev.synapse.signal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code review.summary} payload: exactly one per accepted review (DESIGN.md section 1).
 *
 * @param reviewId the review
 * @param status {@code complete} or {@code failed}
 * @param severity max over findings, {@link Severity#NONE} when empty
 * @param findings each with its {@code agent}; sorted by severity (high first), file, line
 * @param recommendations deduplicated, in finding order
 * @param escalations e.g. {@code No response from performance_specialist}
 * @param decisionPath {@code fast_path} or {@code deep_review}
 * @param rationale why the coordinator chose the path
 * @param specialistsResolved agents that answered {@code ok}
 * @param specialistsFailed agents that failed or timed out
 * @param durationMs from acceptance to summary, in ms
 * @param suppressed findings suppressed in total
 * @param empty the diff was empty (e.g. {@code git diff} outside a repository): nothing was
 *     reviewed, so "no findings" means nothing; exported as {@code metadata.empty}
 */
public record ReviewSummary(
    String reviewId,
    String status,
    Severity severity,
    List<Finding> findings,
    List<String> recommendations,
    List<String> escalations,
    String decisionPath,
    String rationale,
    List<String> specialistsResolved,
    List<String> specialistsFailed,
    long durationMs,
    int suppressed,
    boolean empty) {

  /** Summary status: at least one specialist resolved (or a fast path ran). */
  public static final String COMPLETE = "complete";
  /** Summary status: no specialist resolved on a deep review. */
  public static final String FAILED = "failed";

  /** A summary of a non-empty diff ({@code empty} false). */
  public ReviewSummary(String reviewId, String status, Severity severity, List<Finding> findings,
      List<String> recommendations, List<String> escalations, String decisionPath, String rationale,
      List<String> specialistsResolved, List<String> specialistsFailed, long durationMs, int suppressed) {
    this(reviewId, status, severity, findings, recommendations, escalations, decisionPath, rationale,
        specialistsResolved, specialistsFailed, durationMs, suppressed, false);
  }

  public ReviewSummary {
    findings = List.copyOf(findings);
    recommendations = List.copyOf(recommendations);
    escalations = List.copyOf(escalations);
    specialistsResolved = List.copyOf(specialistsResolved);
    specialistsFailed = List.copyOf(specialistsFailed);
  }

  /** @return a copy with one more escalation */
  public ReviewSummary withEscalation(String escalation) {
    List<String> e = new ArrayList<>(escalations);
    e.add(escalation);
    return new ReviewSummary(reviewId, status, severity, findings, recommendations, e, decisionPath,
        rationale, specialistsResolved, specialistsFailed, durationMs, suppressed, empty);
  }

  /** @return a copy marked as the summary of an empty diff */
  public ReviewSummary asEmpty() {
    return new ReviewSummary(reviewId, status, severity, findings, recommendations, escalations, decisionPath,
        rationale, specialistsResolved, specialistsFailed, durationMs, suppressed, true);
  }

  /** @return the payload as JSON */
  public JsonObject toJson() {
    JsonArray f = new JsonArray();
    for (Finding finding : findings) f.add(finding.toJson());
    return new JsonObject()
        .put("review_id", reviewId)
        .put("status", status)
        .put("severity", severity.wire())
        .put("findings", f)
        .put("recommendations", new JsonArray(new ArrayList<>(recommendations)))
        .put("escalations", new JsonArray(new ArrayList<>(escalations)))
        .put("metadata", new JsonObject()
            .put("decision_path", decisionPath)
            .put("rationale", rationale)
            .put("specialists_resolved", new JsonArray(new ArrayList<>(specialistsResolved)))
            .put("specialists_failed", new JsonArray(new ArrayList<>(specialistsFailed)))
            .put("duration_ms", durationMs)
            .put("suppressed", suppressed)
            .put("empty", empty));
  }

  /** Reads a payload written by {@link #toJson()}. */
  public static ReviewSummary fromJson(JsonObject j) {
    List<Finding> findings = new ArrayList<>();
    JsonArray arr = j.getJsonArray("findings", new JsonArray());
    for (int i = 0; i < arr.size(); i++) findings.add(Finding.fromJson(arr.getJsonObject(i)));
    JsonObject m = j.getJsonObject("metadata", new JsonObject());
    return new ReviewSummary(j.getString("review_id"), j.getString("status"),
        Severity.parse(j.getString("severity", "none")), findings,
        ReviewResult.strings(j.getJsonArray("recommendations")),
        ReviewResult.strings(j.getJsonArray("escalations")), m.getString("decision_path"),
        m.getString("rationale"), ReviewResult.strings(m.getJsonArray("specialists_resolved")),
        ReviewResult.strings(m.getJsonArray("specialists_failed")), m.getLong("duration_ms", 0L),
        m.getInteger("suppressed", 0), m.getBoolean("empty", false));
  }
}
