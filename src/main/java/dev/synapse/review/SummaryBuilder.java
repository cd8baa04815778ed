package dev.synapse.review;

import dev.synapse.signal.Finding;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Merges specialist results into the one {@link ReviewSummary} of a review (DESIGN.md sections
 * 1 and 2). Pure and thread-safe.
 *
 * <p>Rules: findings carry their agent and are sorted by severity (high first), then file, then
 * line; recommendations are deduplicated in that order; a specialist that did not answer adds
 * {@code No response from <agent>} to escalations and is listed in {@code specialists_failed};
 * a specialist that answered with status {@code error} is failed too; the status is
 * {@code failed} when no specialist resolved, else {@code complete}.
 */
public final class SummaryBuilder {
  /** Orders findings: severity descending, then file, then line. */
  public static final Comparator<Finding> ORDER = Comparator
      .comparing((Finding f) -> f.severity().ordinal(), Comparator.reverseOrder())
      .thenComparing(Finding::file, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparingInt(Finding::line)
      .thenComparing(Finding::type);

  private SummaryBuilder() {}

  /**
   * @param reviewId the review
   * @param decisionPath {@code fast_path} or {@code deep_review}
   * @param rationale the coordinator's reason
   * @param expected agents dispatched, in order
   * @param results results received, by agent
   * @param noResponse reason per agent that never answered (timeout, no handlers)
   * @param durationMs acceptance to now, in ms
   */
  public static ReviewSummary build(String reviewId, String decisionPath, String rationale,
      List<String> expected, Map<String, ReviewResult> results, Map<String, String> noResponse,
      long durationMs) {
    List<Finding> findings = new ArrayList<>();
    List<String> resolved = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> escalations = new ArrayList<>();
    int suppressed = 0;
    for (String agent : expected) {
      ReviewResult r = results.get(agent);
      if (r == null) {
        failed.add(agent);
        escalations.add("No response from " + agent);
        continue;
      }
      suppressed += r.suppressed();
      for (Finding f : r.findings()) findings.add(f.agent() == null ? f.withAgent(agent) : f);
      if (ReviewResult.OK.equals(r.status())) {
        resolved.add(agent);
      } else {
        failed.add(agent);
        escalations.add(ReviewResult.TIMEOUT.equals(r.status())
            ? "No response from " + agent
            : agent + " failed: " + (r.errors().isEmpty() ? "unknown error" : r.errors().get(0)));
      }
      if (r.shouldEscalate()) {
        long high = r.findings().stream().filter(f -> f.severity() == Severity.HIGH).count();
        escalations.add(agent + " requests human review: " + high + " high-severity finding(s)");
      }
    }
    findings.sort(ORDER);
    Severity severity = Severity.NONE;
    LinkedHashSet<String> recommendations = new LinkedHashSet<>();
    for (Finding f : findings) {
      severity = severity.max(f.severity());
      if (f.recommendation() != null && !f.recommendation().isBlank()) recommendations.add(f.recommendation());
    }
    String status = resolved.isEmpty() ? ReviewSummary.FAILED : ReviewSummary.COMPLETE;
    return new ReviewSummary(reviewId, status, severity, findings, new ArrayList<>(recommendations),
        escalations, decisionPath, rationale, resolved, failed, durationMs, suppressed);
  }
}
