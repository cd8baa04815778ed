package dev.synapse.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.healthchecks.Status;
import java.util.function.Supplier;

/**
 * What the HTTP layer may ask about the cluster: membership and data safety for
 * {@code /health/ready}, agents per node for {@code /api/agents}. Implemented by
 * {@code dev.synapse.cluster.ClusterHealth} (clustered, or a one-member view on an embedded
 * node). Reachable as {@code NodeContext.cluster()}.
 */
public interface ClusterView {
  /** @return true when this node is a cluster member */
  boolean clustered();

  /** @return this node's id */
  String nodeId();

  /** @return members this node sees (1 when embedded; 0 when its member stopped) */
  int memberCount();

  /**
   * @return data members this node sees, itself included, lite members (observers) not
   *     counted; {@link #memberCount()} unless overridden. Reads local membership only
   */
  default int dataMemberCount() {
    return memberCount();
  }

  /**
   * @return {@code {clustered, node_id, running, member_count, members[{id, address, local}],
   *     cluster_safe}}; {@code cluster_safe} is true when every partition has its backups in
   *     place. The cluster-wide safety check runs on a worker thread.
   */
  Future<JsonObject> describe();

  /**
   * @return a health-check status for readiness: UP when the member runs, its side has a quorum
   *     and the data has not been unsafe (backups missing) for longer than a short grace period;
   *     DOWN otherwise; data is {@link #describe()}. Register it as a procedure:
   *     {@code checks.register("cluster", p -> view.readiness().onComplete(p))}
   */
  Future<Status> readiness();

  /**
   * @return true when this node's side of the cluster has a quorum (a majority of
   *     {@code cluster_expected_size} data members; always true when split-brain protection is
   *     off or the node is embedded). Reads local membership only (event-loop safe)
   */
  default boolean hasQuorum() {
    return true;
  }

  /**
   * @return true when this node runs the cluster-wide sweeps (the review budget): the oldest
   *     member of a side with a quorum; always true when embedded. Event-loop safe
   */
  default boolean leadsSweeps() {
    return true;
  }

  /**
   * @return {@code {node_id: {node_id, http_port, updated_at, agents: {agent: {pool_size,
   *     live_instances, state}}}}} for every node; reads local memory only (event-loop safe)
   */
  JsonObject agentsByNode();

  /**
   * @param nodeId this node's id
   * @param agents this node's agent description ({@code AgentRegistry::describe})
   * @return the view of an embedded node: one member, always safe
   */
  static ClusterView single(String nodeId, Supplier<JsonObject> agents) {
    return new ClusterView() {
      @Override
      public boolean clustered() {
        return false;
      }

      @Override
      public String nodeId() {
        return nodeId;
      }

      @Override
      public int memberCount() {
        return 1;
      }

      @Override
      public Future<JsonObject> describe() {
        return Future.succeededFuture(new JsonObject().put("clustered", false).put("node_id", nodeId)
            .put("running", true).put("member_count", 1)
            .put("members", new JsonArray().add(new JsonObject().put("id", nodeId).put("local", true)))
            .put("cluster_safe", true));
      }

      @Override
      public Future<Status> readiness() {
        return describe().map(Status::OK);
      }

      @Override
      public JsonObject agentsByNode() {
        return new JsonObject().put(nodeId, new JsonObject().put("node_id", nodeId).put("agents", agents.get()));
      }
    };
  }
}
