package dev.synapse.agent;

import dev.synapse.signal.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies feedback verdicts to agent state on this node. The HTTP edge publishes each verdict on
 * {@link Addresses#FEEDBACK} (to every cluster node); this consumer teaches the named agent's
 * {@link LearnedPatterns}, so a {@code false_positive} suppresses the fingerprint in later
 * reviews of the same repository on every node. Learning is idempotent (keyed by repository and
 * fingerprint), so a node may also {@link #apply} a verdict directly before publishing it.
 */
public final class FeedbackLearner {
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackLearner.class);
  private final Vertx vertx;
  private final AgentRegistry agents;
  private MessageConsumer<JsonObject> consumer;

  /**
   * @param vertx the node's Vert.x instance
   * @param agents this node's agent registry
   */
  public FeedbackLearner(Vertx vertx, AgentRegistry agents) {
    this.vertx = vertx;
    this.agents = agents;
  }

  /** @return completes when the consumer is registered (cluster-wide when clustered) */
  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(Addresses.FEEDBACK, m -> {
      try {
        apply(agents, m.body());
      } catch (RuntimeException e) {
        LOG.warn("ignored malformed feedback message: {}", e.toString());
      }
    });
    return consumer.completion();
  }

  /** @return the bus message revoking a pattern on every agent: {@code {revoke: id, by}} */
  public static JsonObject revocation(String id, String by) {
    return new JsonObject().put("revoke", id).put("by", by);
  }

  /**
   * @return the bus message for a verdict: {@code {agent, pattern}}
   */
  public static JsonObject message(String agent, LearnedPatterns.Pattern pattern) {
    return new JsonObject().put("agent", agent).put("pattern", pattern.toJson());
  }

  /**
   * Learns one verdict.
   *
   * @param agents registry to update
   * @param message {@code {agent, pattern}} as written by {@link #message}
   * @throws RuntimeException when the message is malformed
   */
  public static void apply(AgentRegistry agents, JsonObject message) {
    String revoke = message.getString("revoke");
    if (revoke != null) {
      for (var e : agents.states().entrySet()) {
        LearnedPatterns.Pattern gone = e.getValue().learned().revoke(revoke);
        if (gone != null) {
          LOG.info("revoked pattern id={} agent={} repo={} category={} by={}", revoke, e.getKey(), gone.repo(),
              gone.category(), message.getString("by", ""));
        }
      }
      return;
    }
    LearnedPatterns.Pattern p = LearnedPatterns.Pattern.fromJson(message.getJsonObject("pattern"));
    agents.state(message.getString("agent")).learned().learn(p);
    LOG.info("learned verdict={} agent={} repo={} category={}", p.verdict(), message.getString("agent"),
        p.repo(), p.category());
  }
}
