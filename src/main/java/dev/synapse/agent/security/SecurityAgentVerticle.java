package dev.synapse.agent.security;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.NodeContext;
import dev.synapse.agent.SpecialistVerticle;
import dev.synapse.agent.coordinator.Classifier;

import dev.synapse.analysis.Check;
import dev.synapse.analysis.security.SecurityChecks;
import dev.synapse.analysis.security.SecurityKnowledge;
import java.util.List;

/**
 * The security specialist: every security check on a deep review, the fast checks (high-severity
 * security checks on added lines) on the fast path.
 */
public final class SecurityAgentVerticle extends SpecialistVerticle {
  private final List<Check> deep;
  private final List<Check> fast;

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
    this.deep = SecurityChecks.all(knowledge);
    this.fast = SecurityChecks.highSeverity(knowledge);
  }

  @Override
  protected List<Check> checks(String decisionPath) {
    return Classifier.FAST_PATH.equals(decisionPath) ? fast : deep;
  }
}
