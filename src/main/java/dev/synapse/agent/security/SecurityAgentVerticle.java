package dev.synapse.agent.security;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.NodeContext;
import dev.synapse.agent.SpecialistVerticle;
import dev.synapse.agent.coordinator.Classifier;

import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import java.util.List;

/**
 * The security specialist: every security check on a deep review, the fast checks (high-severity
 * security checks on added lines) on the fast path.
 */
public final class SecurityAgentVerticle extends SpecialistVerticle {
  /** @param node shared node components */
  public SecurityAgentVerticle(NodeContext node) {
    super(node, AgentNames.SECURITY);
  }

  @Override
  protected List<Check> checks(String decisionPath) {
    return Classifier.FAST_PATH.equals(decisionPath) ? Checks.fastPath() : Checks.security();
  }
}
