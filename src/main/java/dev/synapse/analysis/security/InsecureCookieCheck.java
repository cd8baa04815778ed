package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.signal.Finding;
import java.util.List;

/** Placeholder until implemented. */
public final class InsecureCookieCheck implements Check {
  @Override
  public String id() {
    return Rule.INSECURE_COOKIE.category();
  }

  @Override
  public String category() {
    return Rule.INSECURE_COOKIE.category();
  }

  @Override
  public List<Finding> run(AnalysisContext context) {
    return List.of();
  }
}
