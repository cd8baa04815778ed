package dev.synapse.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.synapse.ops.ClusterView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Cluster membership and data safety of one clustered node, for {@code /health/ready} and
 * {@code /api/agents} (reachable as {@code NodeContext.cluster()}; embedded nodes get
 * {@link ClusterView#single}).
 *
 * <p>For the HTTP layer:
 * <ul>
 *   <li>{@link #readiness()}: a vertx-health-check {@link Status}, to register as a procedure
 *       ({@code checks.register("cluster", p -> cluster.readiness().onComplete(p))}); DOWN when
 *       the Hazelcast member is not running or the partitions are not safe (a backup is missing,
 *       e.g. for about a second after a member joined or left); data = {@link #describe()}.
 *   <li>{@link #describe()}: {@code {clustered, node_id, running, member_count, members[{id,
 *       address, local}], cluster_safe}}.
 *   <li>{@link #agentsByNode()}: {@code {node_id: {node_id, http_port, updated_at, agents}}}.
 * </ul>
 * Thread-safe; the safety check is blocking and cluster-wide, so {@link #describe()} and
 * {@link #readiness()} run it on a worker thread; the other methods read local state only.
 */
public final class ClusterHealth implements ClusterView {
  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final String nodeId;
  private final AgentDirectory directory;

  /**
   * @param vertx worker threads for the safety check
   * @param hazelcast this node's member
   * @param nodeId this node's id
   * @param directory the cluster-wide agent directory
   */
  public ClusterHealth(Vertx vertx, HazelcastInstance hazelcast, String nodeId, AgentDirectory directory) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.nodeId = nodeId;
    this.directory = directory;
  }

  /** @return this node's Hazelcast member (tests, diagnostics) */
  HazelcastInstance hazelcast() {
    return hazelcast;
  }

  @Override
  public boolean clustered() {
    return true;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  /** @return true while the Hazelcast member runs */
  public boolean running() {
    return hazelcast.getLifecycleService().isRunning();
  }

  /** @return current members' ids, oldest first; empty once this member stopped */
  public List<String> memberIds() {
    if (!running()) return List.of();
    List<String> out = new ArrayList<>();
    for (Member m : hazelcast.getCluster().getMembers()) out.add(MemberIds.of(m));
    return out;
  }

  @Override
  public int memberCount() {
    return memberIds().size();
  }

  /**
   * @return true when every partition's backups are in place cluster-wide (Hazelcast
   *     {@code PartitionService.isClusterSafe()}). Blocking (asks every member): call on a
   *     worker thread, or use {@link #readiness()}.
   */
  public boolean clusterSafeBlocking() {
    return running() && hazelcast.getPartitionService().isClusterSafe();
  }

  @Override
  public Future<JsonObject> describe() {
    return vertx.executeBlocking(() -> describeWith(clusterSafeBlocking()), false);
  }

  @Override
  public Future<Status> readiness() {
    return describe().map(d -> d.getBoolean("running") && d.getBoolean("cluster_safe")
        ? Status.OK(d) : Status.KO(d));
  }

  @Override
  public JsonObject agentsByNode() {
    return directory.snapshot();
  }

  private JsonObject describeWith(boolean safe) {
    JsonArray members = new JsonArray();
    if (running()) {
      for (Member m : hazelcast.getCluster().getMembers()) {
        members.add(new JsonObject().put("id", MemberIds.of(m))
            .put("address", m.getAddress().getHost() + ":" + m.getAddress().getPort())
            .put("local", m.localMember()));
      }
    }
    return new JsonObject()
        .put("clustered", true)
        .put("node_id", nodeId)
        .put("running", running())
        .put("member_count", members.size())
        .put("members", members)
        .put("cluster_safe", safe);
  }
}
