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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cluster membership and data safety of one clustered node, for {@code /health/ready} and
 * {@code /api/agents} (reachable as {@code NodeContext.cluster()}; embedded nodes get
 * {@link ClusterView#single}).
 *
 * <p>For the HTTP layer:
 * <ul>
 *   <li>{@link #readiness()}: a vertx-health-check {@link Status}, to register as a procedure
 *       ({@code checks.register("cluster", p -> cluster.readiness().onComplete(p))}); DOWN when
 *       the Hazelcast member is not running, when this side has no quorum, or when the
 *       partitions have been unsafe (a backup missing) for {@value #UNSAFE_GRACE_MS} ms in a row
 *       (a member joining or leaving makes them unsafe for about a second); data =
 *       {@link #describe()}.
 *   <li>{@link #describe()}: {@code {clustered, node_id, running, member_count, members[{id,
 *       address, local}], cluster_safe, data_members, quorum, quorum_size}}.
 *   <li>{@link #agentsByNode()}: {@code {node_id: {node_id, http_port, updated_at, agents}}}.
 * </ul>
 * Thread-safe; the safety check is blocking and cluster-wide, so {@link #describe()} and
 * {@link #readiness()} run it on a worker thread; the other methods read local state only.
 */
public final class ClusterHealth implements ClusterView {
  /**
   * How long the partitions may stay unsafe (a backup missing) before readiness fails, in ms:
   * a member joining or leaving a healthy majority makes them unsafe for about a second while
   * backups are rebuilt, which must not take every survivor out of the load balancer.
   */
  public static final long UNSAFE_GRACE_MS = 10_000;

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final String nodeId;
  private final AgentDirectory directory;
  private final int quorum;
  private final AtomicLong unsafeSince = new AtomicLong();

  /**
   * @param vertx worker threads for the safety check
   * @param hazelcast this node's member
   * @param nodeId this node's id
   * @param directory the cluster-wide agent directory
   */
  public ClusterHealth(Vertx vertx, HazelcastInstance hazelcast, String nodeId, AgentDirectory directory) {
    this(vertx, hazelcast, nodeId, directory, 0);
  }

  /**
   * @param quorum data members this side needs to accept and serve reviews (a majority of
   *     {@code cluster_expected_size}); 0 = no split-brain protection
   * @see #ClusterHealth(Vertx, HazelcastInstance, String, AgentDirectory)
   */
  public ClusterHealth(Vertx vertx, HazelcastInstance hazelcast, String nodeId, AgentDirectory directory,
      int quorum) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.nodeId = nodeId;
    this.directory = directory;
    this.quorum = quorum;
  }

  /** Period of the partition-safety poll behind {@link #safe()}, in ms. */
  public static final long SAFETY_POLL_MS = 250;

  private final AtomicLong epoch = new AtomicLong();
  private volatile boolean safe;
  private volatile long safetyTimer = -1;

  /**
   * Starts watching partition safety for {@link #safe()}, {@link #epoch()} and
   * {@link #awaitSafe}: a membership change or a migration marks the data unsafe at once and
   * moves the epoch; a poll every {@value #SAFETY_POLL_MS} ms (on a worker thread) marks it safe
   * again once every partition has its backups. Call once, from the node's start.
   */
  public void watchSafety() {
    hazelcast.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
      @Override
      public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
        unsafeNow();
      }

      @Override
      public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
        unsafeNow();
      }
    });
    hazelcast.getPartitionService().addMigrationListener(new com.hazelcast.partition.MigrationListener() {
      @Override
      public void migrationStarted(com.hazelcast.partition.MigrationState state) {
        unsafeNow();
      }

      @Override
      public void migrationFinished(com.hazelcast.partition.MigrationState state) {
      }

      @Override
      public void replicaMigrationCompleted(com.hazelcast.partition.ReplicaMigrationEvent event) {
      }

      @Override
      public void replicaMigrationFailed(com.hazelcast.partition.ReplicaMigrationEvent event) {
        unsafeNow();
      }
    });
    lastTickNanos = System.nanoTime();
    safetyTimer = vertx.setPeriodic(SAFETY_POLL_MS, t -> {
      notePause(System.nanoTime());
      long before = epoch.get();
      vertx.executeBlocking(this::clusterSafeBlocking, false).onSuccess(ok -> {
        // a change during the poll keeps the data unsafe until the next poll
        if (epoch.get() == before) safe = ok;
      });
    });
  }

  /**
   * A poll tick that comes this much later than due (ms) means this process was paused (SIGSTOP,
   * a stop-the-world collection, a starved host) long enough for the others to be about to drop
   * it, or to have dropped it: its view of the cluster is stale.
   */
  public static final long PAUSE_SUSPECT_MS = 3_000;
  /**
   * How long a node that was paused acts as if it had no quorum, in ms: long enough for
   * Hazelcast to learn the current membership (heartbeats every second; a member silent for
   * {@value HazelcastConfigFactory#MAX_NO_HEARTBEAT_SECONDS} s is dropped).
   */
  public static final long PAUSE_QUARANTINE_MS = HazelcastConfigFactory.MAX_NO_HEARTBEAT_SECONDS * 1_000L;

  private volatile long lastTickNanos;
  private volatile long quarantineUntilNanos;
  private volatile long lastPauseMs;

  /**
   * Records a poll tick; a gap over {@value #PAUSE_SUSPECT_MS} ms since the previous one starts a
   * quarantine of {@link #PAUSE_QUARANTINE_MS} ms (see {@link #hasQuorum()}).
   *
   * @param nowNanos {@code System.nanoTime()} of this tick
   */
  void notePause(long nowNanos) {
    long gapMs = (nowNanos - lastTickNanos) / 1_000_000 - SAFETY_POLL_MS;
    lastTickNanos = nowNanos;
    if (gapMs >= PAUSE_SUSPECT_MS) {
      lastPauseMs = gapMs;
      quarantineUntilNanos = nowNanos + PAUSE_QUARANTINE_MS * 1_000_000L;
      unsafeNow();
      org.slf4j.LoggerFactory.getLogger(ClusterHealth.class).warn(
          "node_id={} was paused for {} ms: its view of the cluster may be stale; no quorum, claims and "
              + "readiness for {} ms", nodeId, gapMs, PAUSE_QUARANTINE_MS);
    }
  }

  /**
   * @return true during the quarantine that follows a pause of this process ({@link #notePause}),
   *     and while a poll tick is overdue by {@value #PAUSE_SUSPECT_MS} ms (a request served right
   *     after a freeze may run before the late tick does)
   */
  public boolean quarantined() {
    long now = System.nanoTime();
    long until = quarantineUntilNanos;
    if (until != 0 && now - until < 0) return true;
    long last = lastTickNanos;
    return last != 0 && safetyTimer >= 0 && (now - last) / 1_000_000 - SAFETY_POLL_MS >= PAUSE_SUSPECT_MS;
  }

  private void unsafeNow() {
    safe = false;
    epoch.incrementAndGet();
  }

  /** @return true when, as of the last poll and with no membership change or migration since, every partition had its backups */
  public boolean safe() {
    return safe;
  }

  /** @return a counter moved by every membership change and migration seen by this member */
  public long epoch() {
    return epoch.get();
  }

  /**
   * @param timeoutMs longest wait, in ms
   * @return completes once {@link #safe()}, polling every 50 ms; fails after {@code timeoutMs}
   */
  public Future<Void> awaitSafe(long timeoutMs) {
    if (safe) return Future.succeededFuture();
    io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    pollSafe(p, deadline);
    return p.future();
  }

  private void pollSafe(io.vertx.core.Promise<Void> p, long deadline) {
    if (safe) {
      p.tryComplete();
    } else if (System.nanoTime() - deadline >= 0 || !running()) {
      p.tryFail("partition backups are still being rebuilt");
    } else {
      vertx.setTimer(50, t -> pollSafe(p, deadline));
    }
  }

  /** @return data (non-lite) members this node sees; 0 once its member stopped */
  @Override
  public int dataMemberCount() {
    if (!running()) return 0;
    int n = 0;
    for (Member m : hazelcast.getCluster().getMembers()) if (!m.isLiteMember()) n++;
    return n;
  }

  /**
   * False while this node is quarantined after a pause ({@link #quarantined()}): right after a
   * freeze its member list still shows members that may have dropped it, so it must neither
   * accept, claim, re-publish nor report ready until Hazelcast has caught up.
   */
  @Override
  public boolean hasQuorum() {
    return running() && !quarantined() && (quorum <= 0 || dataMemberCount() >= quorum);
  }

  @Override
  public boolean leadsSweeps() {
    if (!running() || !hasQuorum()) return false;
    for (Member m : hazelcast.getCluster().getMembers()) {
      if (!m.isLiteMember()) return m.localMember();
    }
    return false;
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

  /**
   * UP when the member runs, its side has a quorum, and the partitions have not been unsafe for
   * {@value #UNSAFE_GRACE_MS} ms or more in a row (a membership change of a healthy majority is
   * not a reason to leave the load balancer). The data carries a {@code message} naming the cause.
   */
  @Override
  public Future<Status> readiness() {
    return describe().map(d -> {
      long unsafeMs = unsafeForMs(d.getBoolean("cluster_safe"), System.nanoTime());
      d.put("unsafe_ms", unsafeMs);
      if (!d.getBoolean("running")) return Status.KO(d.put("message", "the cluster member is not running"));
      if (quarantined()) {
        return Status.KO(d.put("message", "this node was paused for " + lastPauseMs + " ms; its view of the cluster "
            + "may be stale, so it refuses work for " + PAUSE_QUARANTINE_MS + " ms"));
      }
      if (!d.getBoolean("quorum")) {
        return Status.KO(d.put("message", "no quorum: " + d.getInteger("data_members") + " data members seen, "
            + quorum + " needed; this side refuses new reviews"));
      }
      if (unsafeMs >= UNSAFE_GRACE_MS) {
        return Status.KO(d.put("message", "partition backups missing for " + unsafeMs + " ms"));
      }
      return Status.OK(d.put("message", d.getInteger("data_members") + " data members"
          + (quorum > 0 ? ", quorum " + quorum : "") + (d.getBoolean("cluster_safe") ? "" : "; backups being rebuilt")));
    });
  }

  /**
   * @param safe the latest safety reading
   * @param nowNanos {@code System.nanoTime()}
   * @return how long the partitions have been unsafe without interruption, in ms (0 when safe)
   */
  long unsafeForMs(boolean safe, long nowNanos) {
    if (safe) {
      unsafeSince.set(0);
      return 0;
    }
    unsafeSince.compareAndSet(0, nowNanos);
    return Math.max(0, (nowNanos - unsafeSince.get()) / 1_000_000);
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
        .put("cluster_safe", safe)
        .put("data_members", dataMemberCount())
        .put("quorum", hasQuorum())
        .put("quorum_size", quorum);
  }
}
