package dev.synapse.cluster;

import com.hazelcast.cluster.Member;

/**
 * Maps Hazelcast members to Vert.x node ids. vertx-hazelcast gives each node its own id (used by
 * the event bus and returned by {@code ClusterManager.getNodeId()}) and stores it as the member
 * attribute {@value #VERTX_NODE_ID_ATTRIBUTE}; it differs from the member's UUID. Synapse uses
 * the Vert.x node id everywhere (review owners, agent directory, logs).
 */
final class MemberIds {
  /** Member attribute holding the Vert.x node id (set by vertx-hazelcast). */
  static final String VERTX_NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private MemberIds() {}

  /** @return the member's Vert.x node id, or its UUID when the attribute is missing */
  static String of(Member member) {
    String id = member.getAttribute(VERTX_NODE_ID_ATTRIBUTE);
    return id != null ? id : member.getUuid().toString();
  }
}
