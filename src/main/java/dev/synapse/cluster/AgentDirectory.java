package dev.synapse.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import dev.synapse.agent.AgentRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which agents run on which node: every node publishes its {@link AgentRegistry#describe()}
 * into the replicated map {@value HazelcastConfigFactory#AGENTS_MAP}, keyed by node id, at start
 * and then periodically; survivors remove the entry of a member that left. Every member holds a
 * full replica, so {@link #snapshot()} reads local memory only. Thread-safe.
 */
public final class AgentDirectory {
  private final Vertx vertx;
  private final ReplicatedMap<String, String> map;
  private final String nodeId;

  /**
   * @param vertx worker threads for writes
   * @param hazelcast this node's member
   * @param nodeId this node's id
   */
  public AgentDirectory(Vertx vertx, HazelcastInstance hazelcast, String nodeId) {
    this.vertx = vertx;
    this.map = hazelcast.getReplicatedMap(HazelcastConfigFactory.AGENTS_MAP);
    this.nodeId = nodeId;
  }

  /**
   * @param agents this node's {@link AgentRegistry#describe()}
   * @param httpPort this node's HTTP port, or -1 without HTTP
   * @return completes once this node's entry is written (on a worker thread)
   */
  public Future<Void> publish(JsonObject agents, int httpPort) {
    String entry = new JsonObject()
        .put("node_id", nodeId)
        .put("http_port", httpPort)
        .put("updated_at", Instant.now().toString())
        .put("agents", agents)
        .encode();
    return vertx.executeBlocking(() -> map.put(nodeId, entry), false).mapEmpty();
  }

  /** Removes a node's entry (a member that left, or this node on shutdown). */
  public Future<Void> remove(String node) {
    return vertx.executeBlocking(() -> map.remove(node), false).mapEmpty();
  }

  /**
   * @return {@code {node_id: {node_id, http_port, updated_at, agents: {agent: {pool_size,
   *     live_instances, state}}}}} for every node, sorted by node id; reads the local replica
   *     (non-blocking, safe on an event loop)
   */
  public JsonObject snapshot() {
    Map<String, String> sorted = new TreeMap<>(map);
    JsonObject out = new JsonObject();
    sorted.forEach((k, v) -> out.put(k, new JsonObject(v)));
    return out;
  }
}
