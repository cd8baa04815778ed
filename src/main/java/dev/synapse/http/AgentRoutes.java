package dev.synapse.http;

import dev.synapse.agent.NodeContext;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/agents}: {@code {node_id, clustered, nodes: [member ids], agents: {name:
 * {pool_size, live_instances, state: {review_history, learned_patterns, scar_tissue}}}}}. Pool
 * sizes, live instances and state sizes are this node's; {@code by_node} has the same
 * {@code agents} object for every cluster node ({@code {node_id: {node_id, http_port,
 * updated_at, agents}}}, see {@code ClusterView#agentsByNode}).
 */
public final class AgentRoutes {
  private final Vertx vertx;
  private final NodeContext node;

  /**
   * @param vertx the node's Vert.x instance (cluster membership)
   * @param node shared node components
   */
  public AgentRoutes(Vertx vertx, NodeContext node) {
    this.vertx = vertx;
    this.node = node;
  }

  /** Handles the request. */
  public void list(RoutingContext rc) {
    JsonArray nodes = new JsonArray();
    if (vertx.isClustered() && vertx instanceof VertxInternal vi && vi.clusterManager() != null) {
      vi.clusterManager().getNodes().forEach(nodes::add);
    } else {
      nodes.add(node.nodeId());
    }
    JsonObject body = new JsonObject().put("node_id", node.nodeId()).put("clustered", vertx.isClustered())
        .put("nodes", nodes).put("agents", node.agents().describe())
        .put("by_node", node.cluster().agentsByNode());
    rc.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
