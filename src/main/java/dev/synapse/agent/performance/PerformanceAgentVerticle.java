package dev.synapse.agent.performance;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.NodeContext;
import dev.synapse.agent.SpecialistVerticle;

import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import java.util.List;

/** The performance specialist: complexity, memory hot spots, N+1 queries and hot paths. */
public final class PerformanceAgentVerticle extends SpecialistVerticle {
  /** @param node shared node components */
  public PerformanceAgentVerticle(NodeContext node) {
    super(node, AgentNames.PERFORMANCE);
  }

  @Override
  protected List<Check> checks(String decisionPath) {
    return Checks.performance();
  }
}
