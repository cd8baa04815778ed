package dev.synapse.agent;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent types running on this node: their state and configured pool sizes. One per node,
 * passed to agent verticles; thread-safe.
 */
public final class AgentRegistry {
  private final Map<String, AgentState> states = new ConcurrentHashMap<>();
  private final Map<String, Integer> poolSizes = new ConcurrentHashMap<>();
  private final Map<String, Integer> live = new ConcurrentHashMap<>();

  /** Declares an agent type with its pool size (instances per node). */
  public void register(String agent, int poolSize) {
    states.computeIfAbsent(agent, AgentState::new);
    poolSizes.put(agent, poolSize);
    live.putIfAbsent(agent, 0);
  }

  /** @return the state of the agent type, created on first use */
  public AgentState state(String agent) {
    return states.computeIfAbsent(agent, AgentState::new);
  }

  /** An instance of the agent type started (+1) or stopped (-1). */
  public void instanceDelta(String agent, int delta) {
    live.merge(agent, delta, Integer::sum);
  }

  /** @return live instances of the agent type on this node */
  public int liveInstances(String agent) {
    return live.getOrDefault(agent, 0);
  }

  /** @return declared agent types and their pool sizes */
  public Map<String, Integer> poolSizes() {
    return Map.copyOf(poolSizes);
  }

  /** @return every agent's state, for snapshots */
  public Map<String, AgentState> states() {
    return Map.copyOf(states);
  }

  /** @return {@code {agent: {pool_size, live_instances, state: {sizes}}}} */
  public JsonObject describe() {
    JsonObject j = new JsonObject();
    for (Map.Entry<String, Integer> e : poolSizes.entrySet()) {
      j.put(e.getKey(), new JsonObject().put("pool_size", e.getValue())
          .put("live_instances", liveInstances(e.getKey()))
          .put("state", state(e.getKey()).sizes()));
    }
    return j;
  }
}
