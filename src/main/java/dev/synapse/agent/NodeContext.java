package dev.synapse.agent;

import dev.synapse.bus.SignalBus;
import dev.synapse.config.SynapseConfig;
import dev.synapse.ops.SynapseMetrics;
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
 */
public record NodeContext(String nodeId, SynapseConfig config, SignalBus bus, ReviewStore store,
    SynapseMetrics metrics, AgentRegistry agents) {}
