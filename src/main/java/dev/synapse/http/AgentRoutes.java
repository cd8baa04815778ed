package dev.synapse.http;

import dev.synapse.agent.NodeContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.TreeSet;

/**
 * {@code GET /api/agents}: {@code {node_id, clustered, nodes: [node ids], agents: {name:
 * {pool_size, live_instances, state: {review_history, learned_patterns, scar_tissue}}}, by_node:
 * {node_id: {node_id, http_port, updated_at, agents}}}}. {@code agents} is this node's;
 * {@code by_node} comes from the cluster's agent directory ({@code NodeContext.cluster()}).
 */
public final class AgentRoutes {
  private final NodeContext node;

  /**
   * @param node shared node components
   */
  public AgentRoutes(NodeContext node) {
    this.node = node;
  }

  /** Handles the request. */
  public void list(RoutingContext rc) {
    JsonObject byNode = node.cluster().agentsByNode();
    TreeSet<String> ids = new TreeSet<>(byNode.fieldNames());
    ids.add(node.nodeId());
    JsonObject body = new JsonObject().put("node_id", node.nodeId()).put("clustered", node.cluster().clustered())
        .put("nodes", new JsonArray(new ArrayList<>(ids))).put("agents", node.agents().describe())
        .put("by_node", byNode);
    rc.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
