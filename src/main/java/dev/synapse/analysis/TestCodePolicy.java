package dev.synapse.analysis;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * How findings in test code are reported (config key {@code test_code_max_severity}). Test code
 * ({@link TestPaths#isTest(String)}) is not shipped: a SQL string built in a test, a fake key in
 * a fixture or a loop over test data is rarely worth a reviewer's attention and must not fail a
 * {@code --fail-on} gate. A finding in test code whose severity is above the ceiling is lowered
 * to the ceiling, its confidence is halved and its summary says so; with the ceiling
 * {@link Severity#NONE} findings in test code are dropped. Findings at or below the ceiling and
 * findings outside test code are unchanged. Immutable and thread-safe.
 *
 * @param maxSeverity the highest severity reported in test code; {@link Severity#NONE} drops
 *     every finding in test code, {@link Severity#HIGH} leaves them unchanged
 */
public record TestCodePolicy(Severity maxSeverity) {
  /** The default ceiling: {@code low}. */
  public static final Severity DEFAULT_MAX = Severity.LOW;
  /** The factor a lowered finding's confidence is multiplied by. */
  public static final double CONFIDENCE_FACTOR = 0.5;

  /**
   * @param maxSeverity the ceiling; null means {@link #DEFAULT_MAX}
   */
  public TestCodePolicy {
    if (maxSeverity == null) maxSeverity = DEFAULT_MAX;
  }

  /**
   * @param findings findings of one check (never null)
   * @return the findings after the policy, in order; {@code findings} itself when nothing changed
   */
  public List<Finding> apply(List<Finding> findings) {
    if (maxSeverity == Severity.HIGH || findings.isEmpty()) return findings;
    List<Finding> out = null;
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      Finding g = f;
      if (TestPaths.isTest(f.file())) {
        if (maxSeverity == Severity.NONE) g = null;
        else if (f.severity().ordinal() > maxSeverity.ordinal()) g = lowered(f);
      }
      if (g != f && out == null) {
        out = new ArrayList<>(findings.size());
        out.addAll(findings.subList(0, i));
      }
      if (out != null && g != null) out.add(g);
    }
    return out == null ? findings : List.copyOf(out);
  }

  private Finding lowered(Finding f) {
    double confidence = Math.round(f.confidence() * CONFIDENCE_FACTOR * 100) / 100.0;
    String text = f.summary() == null ? "" : f.summary().strip();
    if (text.endsWith(".")) text = text.substring(0, text.length() - 1);
    String summary = text + " (in test code; lowered from " + f.severity().wire() + ").";
    return new Finding(f.type(), maxSeverity, f.file(), f.line(), f.side(), f.endLine(), f.ruleId(),
        f.cwe(), summary, f.recommendation(), confidence, f.fingerprint(), f.agent());
  }
}
