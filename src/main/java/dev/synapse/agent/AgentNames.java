package dev.synapse.agent;

import java.util.List;

/** Agent names used in signals ({@code review.result.agent}), addresses and metrics. */
public final class AgentNames {
  /** The security specialist. */
  public static final String SECURITY = "security_specialist";
  /** The performance specialist. */
  public static final String PERFORMANCE = "performance_specialist";
  /** The coordinator. */
  public static final String COORDINATOR = "coordinator";
  /** Specialists a deep review dispatches to, in order. */
  public static final List<String> SPECIALISTS = List.of(SECURITY, PERFORMANCE);

  private AgentNames() {}
}
