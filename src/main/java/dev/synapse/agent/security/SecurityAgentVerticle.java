package dev.synapse.agent.security;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.NodeContext;
import dev.synapse.agent.SpecialistVerticle;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.security.SecurityChecks;
import dev.synapse.analysis.security.SecurityKnowledge;
import java.util.List;

/**
 * The security specialist: every security check at every severity, on the fast path and on a
 * deep review alike (the deep review adds the performance specialist, not other security checks).
 */
public final class SecurityAgentVerticle extends SpecialistVerticle {
  private final List<Check> checks;

  /** @param node shared node components (bundled rule packs) */
  public SecurityAgentVerticle(NodeContext node) {
    this(node, SecurityKnowledge.bundled());
  }

  /**
   * @param node shared node components
   * @param knowledge the node's rule packs (bundled plus user packs), compiled once per node
   */
  public SecurityAgentVerticle(NodeContext node, SecurityKnowledge knowledge) {
    super(node, AgentNames.SECURITY);
    this.checks = SecurityChecks.all(knowledge);
  }

  @Override
  protected List<Check> checks(String decisionPath) {
    return checks;
  }
}
