package dev.synapse.agent;

import dev.synapse.bus.SignalBus;
import dev.synapse.config.SynapseConfig;
import dev.synapse.ops.ClusterView;
import dev.synapse.ops.NodeLifecycle;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.review.ParsedDiffCache;
import dev.synapse.review.ReviewStore;

/**
 * What every verticle on a node shares: configuration, the signal bus, the review store,
 * metrics and the agent registry. Created once per node by the bootstrap; immutable.
 *
 * @param nodeId this node's id (cluster member id, or a UUID when embedded)
 * @param config validated configuration
 * @param bus signal bus
 * @param store review store (local or clustered)
 * @param metrics Synapse meters
 * @param agents agent types, pool sizes and state on this node
 * @param lifecycle readiness and draining state ({@code /health/ready}, 503 on shutdown)
 * @param cluster membership, data safety and agents per node ({@code /health/ready},
 *     {@code /api/agents}); a one-member view when embedded
 * @param parsedDiffs diffs parsed at the ingress of this node, reused by its specialists
 * @param analysisGate bytes of diff this node's specialists analyse at once, or null for no bound
 */
public record NodeContext(String nodeId, SynapseConfig config, SignalBus bus, ReviewStore store,
    SynapseMetrics metrics, AgentRegistry agents, NodeLifecycle lifecycle, ClusterView cluster,
    ParsedDiffCache parsedDiffs, AnalysisGate analysisGate) {

  /** A context with a fresh, empty {@link ParsedDiffCache} and no analysis gate. */
  public NodeContext(String nodeId, SynapseConfig config, SignalBus bus, ReviewStore store,
      SynapseMetrics metrics, AgentRegistry agents, NodeLifecycle lifecycle, ClusterView cluster) {
    this(nodeId, config, bus, store, metrics, agents, lifecycle, cluster, new ParsedDiffCache(), null);
  }

  /** A context with a fresh lifecycle and a one-member cluster view (embedded node, tests). */
  public NodeContext(String nodeId, SynapseConfig config, SignalBus bus, ReviewStore store,
      SynapseMetrics metrics, AgentRegistry agents) {
    this(nodeId, config, bus, store, metrics, agents, new NodeLifecycle(),
        ClusterView.single(nodeId, agents::describe));
  }

  /** @return a copy with another configuration (same shared components) */
  public NodeContext withConfig(SynapseConfig other) {
    return new NodeContext(nodeId, other, bus, store, metrics, agents, lifecycle, cluster, parsedDiffs, analysisGate);
  }
}
