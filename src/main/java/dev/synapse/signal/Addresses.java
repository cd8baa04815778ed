package dev.synapse.signal;

/**
 * Event-bus addresses, defined once. Point-to-point work addresses carry requests that exactly
 * one consumer must handle; the {@link #SIGNALS_PREFIX broadcast} addresses carry every signal
 * to observers (history, WebSocket subscribers, waiting HTTP requests).
 */
public final class Addresses {
  /** Point-to-point: review.request signals to the coordinator pool (send, not publish). */
  public static final String COORDINATOR = "synapse.coordinator";
  /** Prefix of the point-to-point address of a specialist agent type: prefix + agent name. */
  public static final String AGENT_PREFIX = "synapse.agent.";
  /** Prefix of broadcast addresses: every signal is published to prefix + type. */
  public static final String SIGNALS_PREFIX = "synapse.signals.";
  /** Broadcast address on which every signal is published regardless of its type. */
  public static final String SIGNALS_ALL = "synapse.signals";

  /**
   * Broadcast: feedback verdicts ({@code POST /api/reviews/{id}/feedback}) published to every
   * node so that each node's agent state learns them. Body: JSON {@code {agent, pattern}}.
   */
  public static final String FEEDBACK = "synapse.feedback";
  /** Node-local: health-check ping answered by the node itself (event-bus liveness). */
  public static final String HEALTH_PING = "synapse.health.ping";
  /** Node-local: take a state snapshot now ({@code POST /api/admin/backup}); replies {@code {file, node_id}}. */
  public static final String ADMIN_BACKUP = "synapse.admin.backup";

  private Addresses() {}

  /**
   * @param agent agent name such as {@code security_specialist}
   * @return the point-to-point work address of that agent type
   */
  public static String agent(String agent) {
    return AGENT_PREFIX + agent;
  }
}
