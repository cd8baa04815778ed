package dev.synapse.analysis.security;

import dev.synapse.analysis.Fingerprints;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds findings for one check run over one file: severity, CWE and rule id from the {@link
 * Rule} table, and fingerprints whose occurrence index counts identical normalised line texts
 * in line order. Not thread-safe; one instance per check run.
 */
final class FindingFactory {
  private final Map<String, Integer> seen = new HashMap<>();

  /**
   * @param rule the rule
   * @param view the side's view (gives the path and the line text)
   * @param line the line on that side
   * @param confidence 0..1
   * @param summary one sentence; must not contain secret values
   * @param recommendation what to do, or null for the rule's default
   * @param cwe CWE override, or null for the rule's
   * @return the finding
   */
  Finding make(Rule rule, SourceView view, int line, double confidence, String summary,
      String recommendation, String cwe) {
    String text = view.line(line);
    String norm = Fingerprints.normalise(text);
    String key = rule.ruleId() + "\u0000" + view.side() + "\u0000" + norm;
    int occurrence = seen.merge(key, 1, Integer::sum) - 1;
    String fp = Fingerprints.of(rule.ruleId() + (view.side() == Side.OLD ? ":old" : ""),
        view.path(), text, occurrence);
    double c = Math.max(0.05, Math.min(0.99, Math.round(confidence * 100) / 100.0));
    return new Finding(rule.category(), rule.severity(), view.path(), line, view.side(), null,
        rule.ruleId(), cwe != null ? cwe : rule.cwe(), summary,
        recommendation != null ? recommendation : rule.recommendation(), c, fp, null);
  }
}
