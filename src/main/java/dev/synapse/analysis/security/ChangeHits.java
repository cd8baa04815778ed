package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.diff.FileDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * The new-side candidates that come from what a change removed or built wrongly, rather than
 * from a data flow: {@link RemovedProtection} (sanitisers and checks taken away) and
 * {@link FlawedChecks} (prefix containment without a separator, argument injection), for one
 * rule. Both are computed once per file and review. Stateless.
 */
final class ChangeHits {
  private ChangeHits() {}

  /**
   * @param ctx the review's context (memo)
   * @param file a file of the diff
   * @param knowledge the compiled rule packs
   * @param rule the rule asked for
   * @return its candidates, in discovery order
   */
  static List<RemovedProtection.Hit> of(AnalysisContext ctx, FileDiff file, SecurityKnowledge knowledge, Rule rule) {
    List<RemovedProtection.Hit> out = new ArrayList<>();
    for (RemovedProtection.Hit h : RemovedProtection.of(ctx, file, knowledge)) if (h.rule() == rule) out.add(h);
    for (RemovedProtection.Hit h : FlawedChecks.of(ctx, file, knowledge)) if (h.rule() == rule) out.add(h);
    return out;
  }
}
