package dev.synapse.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.signal.Finding;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SummaryBuilderTest {

  private static Finding f(String type, Severity s, String file, int line, String rec) {
    return new Finding(type, s, file, line, Side.NEW, null, "R", null, "sum", rec, 0.9, type + file + line, null);
  }

  private static ReviewResult ok(String agent, Finding... findings) {
    return new ReviewResult("r", agent, ReviewResult.OK, 0.9, List.of(findings), false, 5, "deep_review",
        List.of("a"), List.of(), 0);
  }

  @Test
  @DisplayName("findings are attributed, sorted by severity, file and line; recommendations deduplicated")
  void mergeAndSort() {
    ReviewSummary s = SummaryBuilder.build("r", "deep_review", "why", List.of("sec", "perf"),
        Map.of("sec", ok("sec", f("xss", Severity.MEDIUM, "b.js", 3, "escape"), f("sql_injection", Severity.HIGH, "z.py", 9, "bind")),
            "perf", ok("perf", f("n_plus_one", Severity.MEDIUM, "a.rb", 7, "escape"))),
        Map.of(), 12);
    assertEquals(List.of("z.py", "a.rb", "b.js"), s.findings().stream().map(Finding::file).toList());
    assertEquals("perf", s.findings().get(1).agent());
    assertEquals(Severity.HIGH, s.severity());
    assertEquals(List.of("bind", "escape"), s.recommendations());
    assertEquals(ReviewSummary.COMPLETE, s.status());
    assertEquals(List.of("sec", "perf"), s.specialistsResolved());
  }

  @Test
  @DisplayName("a specialist that never answered is escalated and failed; the review completes with partial results")
  void noResponse() {
    ReviewSummary s = SummaryBuilder.build("r", "deep_review", "why", List.of("security_specialist", "performance_specialist"),
        Map.of("security_specialist", ok("security_specialist")), Map.of("performance_specialist", "timeout"), 1);
    assertEquals(List.of("No response from performance_specialist"), s.escalations());
    assertEquals(List.of("performance_specialist"), s.specialistsFailed());
    assertEquals(ReviewSummary.COMPLETE, s.status());
    assertEquals(Severity.NONE, s.severity());
  }

  @Test
  @DisplayName("no specialist resolving on a deep review fails the review")
  void allFailed() {
    ReviewSummary s = SummaryBuilder.build("r", "deep_review", "why", List.of("a", "b"), Map.of(), Map.of(), 1);
    assertEquals(ReviewSummary.FAILED, s.status());
    assertEquals(List.of("No response from a", "No response from b"), s.escalations());
  }
}
