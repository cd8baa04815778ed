package dev.synapse.review;

import dev.synapse.signal.Finding;
import dev.synapse.signal.ReviewSummary;

/** Renders a summary for a terminal: one block per finding with file:line, then escalations. */
public final class TextReport {
  private TextReport() {}

  /** @return human-readable text ending in a newline */
  public static String render(ReviewSummary s) {
    StringBuilder b = new StringBuilder();
    b.append("Review ").append(s.reviewId()).append(": ").append(s.status())
        .append(", severity ").append(s.severity().wire())
        .append(", ").append(s.findings().size()).append(" finding(s)")
        .append(" [").append(s.decisionPath()).append(", ").append(s.durationMs()).append(" ms]\n");
    if (s.rationale() != null) b.append("  path: ").append(s.rationale()).append('\n');
    for (Finding f : s.findings()) {
      b.append('\n').append(f.severity().wire().toUpperCase(java.util.Locale.ROOT)).append("  ")
          .append(f.type()).append("  ").append(f.file()).append(':').append(f.line());
      if (f.side() == dev.synapse.signal.Side.OLD) b.append(" (removed line)");
      b.append("  [").append(f.ruleId());
      if (f.cwe() != null) b.append(", ").append(f.cwe());
      b.append("]\n    ").append(f.summary()).append('\n');
      if (f.recommendation() != null) b.append("    fix: ").append(f.recommendation()).append('\n');
    }
    if (s.suppressed() > 0) b.append('\n').append(s.suppressed()).append(" finding(s) suppressed\n");
    if (!s.escalations().isEmpty()) {
      b.append("\nEscalations:\n");
      for (String e : s.escalations()) b.append("  - ").append(e).append('\n');
    }
    if (s.findings().isEmpty()) b.append("\nNo findings.\n");
    return b.toString();
  }
}
