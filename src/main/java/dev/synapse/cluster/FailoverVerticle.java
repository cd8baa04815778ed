package dev.synapse.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.synapse.agent.AgentNames;
import dev.synapse.agent.NodeContext;
import dev.synapse.agent.coordinator.ReviewOrchestrator;
import dev.synapse.review.SummaryEmitter;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.Signal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.RegistrationInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership and failover of in-flight reviews on a clustered node.
 *
 * <p>Each in-flight review has one owner, the node whose coordinator drives it (recorded in the
 * store when that coordinator classifies it; before that, the node that accepted it). When a
 * member is declared gone, every survivor:
 * <ol>
 *   <li>waits until the clustered event bus has dropped the gone member's consumers (at most
 *       {@value #REGISTRATION_WAIT_MS} ms), so that no re-sent request goes to a dead node;
 *   <li>claims the in-flight reviews whose owner is no longer a member: a compare-and-set on the
 *       owner, so exactly one survivor wins each; the survivor chosen by rendezvous hashing of
 *       the review id over the live members claims at once, the others only after
 *       {@value #CLAIM_FALLBACK_MS} ms, which spreads the work and still covers a survivor that
 *       dies too. The winner resumes the review with a fresh {@link ReviewOrchestrator}, which
 *       asks again only for the specialist results not yet stored, and asks this node's own
 *       specialists (the event bus may still list a frozen member's);
 *   <li>resumes its own in-flight reviews with a fresh orchestrator too: a request in flight to
 *       a specialist on the gone member would otherwise wait for its full send timeout.
 * </ol>
 * Whoever finishes first stores the summary; the store's compare-and-set makes it the only one.
 * A summary that a gone node stored but did not get to publish is published by one survivor
 * (see {@link HazelcastReviewStore#complete}).
 *
 * <p>A periodic sweep (every {@value #SWEEP_INTERVAL_MS} ms) repeats the claim for orphans a
 * membership event missed, resumes reviews this node accepted that no coordinator classified
 * within {@value #STUCK_ACCEPTED_MS} ms, refreshes this node's {@link AgentDirectory} entry, and
 * on the oldest member trims completed reviews beyond the retention. A draining node claims
 * nothing (it only re-dispatches its own reviews), and neither does a node whose side of the
 * cluster has no quorum (a frozen or partitioned member: the owners it cannot see may be alive).
 * Reviews that stay in flight past {@code review_budget_ms} are completed by
 * {@code dev.synapse.review.ReviewDeadlines}, so a takeover always ends in a summary. Hazelcast callbacks hop onto
 * this verticle's event loop; nothing blocks it.
 */
public final class FailoverVerticle extends VerticleBase {
  /** Period of the orphan sweep and agent-directory refresh, in ms. */
  public static final long SWEEP_INTERVAL_MS = 5_000;
  /** Delay before a survivor not preferred by rendezvous hashing claims an orphan, in ms. */
  public static final long CLAIM_FALLBACK_MS = 1_000;
  /** An accepted review not classified for this long (ms) is resumed by its owner. */
  public static final long STUCK_ACCEPTED_MS = 20_000;
  /**
   * A review this node owns still running this long (ms) after acceptance is resumed by the
   * sweep (once at a time: the sweep's orchestrator ignores a review it is already driving): a
   * run whose store calls hung through a split of the live majority left a review running.
   */
  public static final long STUCK_RUNNING_MS = 60_000;
  /** Longest wait for the event bus to drop a gone member's consumers, in ms. */
  public static final long REGISTRATION_WAIT_MS = 3_000;
  private static final long REGISTRATION_POLL_MS = 50;
  private static final Logger LOG = LoggerFactory.getLogger(FailoverVerticle.class);

  private final NodeContext node;
  private final HazelcastInstance hazelcast;
  private final HazelcastReviewStore store;
  private final AgentDirectory directory;
  private final ClusterManager clusterManager;
  private final IntSupplier httpPort;
  private final ClusterHealth health;
  private UUID listenerId;
  /** Drives takeovers and resumed reviews with this node's own specialists; one per verticle so that a review it is driving is not started twice. */
  private ReviewOrchestrator local;

  /**
   * @param node this node's components
   * @param hazelcast this node's member
   * @param store the clustered review store
   * @param directory agents per node
   * @param clusterManager the Vert.x cluster manager (event-bus registrations)
   * @param httpPort this node's HTTP port (-1 without HTTP), published in the directory
   */
  public FailoverVerticle(NodeContext node, HazelcastInstance hazelcast, HazelcastReviewStore store,
      AgentDirectory directory, ClusterManager clusterManager, IntSupplier httpPort) {
    this(node, hazelcast, store, directory, clusterManager, httpPort, null);
  }

  /**
   * @param health this node's membership view: a side without a quorum claims nothing and
   *     re-publishes nothing (null: always a quorum)
   * @see #FailoverVerticle(NodeContext, HazelcastInstance, HazelcastReviewStore, AgentDirectory, ClusterManager, IntSupplier)
   */
  public FailoverVerticle(NodeContext node, HazelcastInstance hazelcast, HazelcastReviewStore store,
      AgentDirectory directory, ClusterManager clusterManager, IntSupplier httpPort, ClusterHealth health) {
    this.health = health;
    this.node = node;
    this.hazelcast = hazelcast;
    this.store = store;
    this.directory = directory;
    this.clusterManager = clusterManager;
    this.httpPort = httpPort;
  }

  @Override
  public Future<?> start() {
    local = new ReviewOrchestrator(vertx, node, true);
    listenerId = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        context.runOnContext(v -> publishAgents());
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        long declaredAt = System.nanoTime();
        String gone = MemberIds.of(e.getMember());
        context.runOnContext(v -> onMemberGone(gone, declaredAt));
      }
    });
    vertx.setPeriodic(SWEEP_INTERVAL_MS, t -> sweep());
    return publishAgents();
  }

  @Override
  public Future<?> stop() {
    if (!hazelcast.getLifecycleService().isRunning()) return Future.succeededFuture();
    hazelcast.getCluster().removeMembershipListener(listenerId);
    return directory.remove(node.nodeId()).recover(err -> Future.succeededFuture());
  }

  private Future<Void> publishAgents() {
    return directory.publish(node.agents().describe(), httpPort.getAsInt())
        .onFailure(err -> LOG.debug("agent directory update failed: {}", err.toString()));
  }

  private void onMemberGone(String gone, long declaredAtNanos) {
    LOG.warn("node_id={} member_left={} members_now={}", node.nodeId(), gone, liveMembers().size());
    if (isOldestMember()) directory.remove(gone);
    if (!hasQuorum()) {
      LOG.warn("node_id={} has no quorum after member_left={}: claims nothing, refuses new reviews", node.nodeId(), gone);
      return;
    }
    republishRecentSummaries(gone);
    awaitRegistrationsGone(gone, System.nanoTime() + REGISTRATION_WAIT_MS * 1_000_000L)
        .transform(ar -> takeOver(true))
        .onSuccess(s -> LOG.info("node_id={} failover after member_left={}: orphans={} resumed_own={} scan_ms={}",
            node.nodeId(), gone, s.orphans(), s.resumed(), (System.nanoTime() - declaredAtNanos) / 1_000_000))
        .onFailure(err -> LOG.error("node_id={} failover scan after member_left={} failed: {}; the sweep retries",
            node.nodeId(), gone, err.toString()));
  }

  private void sweep() {
    if (!hazelcast.getLifecycleService().isRunning() || !node.lifecycle().accepting()) return;
    publishAgents();
    if (!hasQuorum()) return; // the review maps refuse a minority side; the majority does the work
    takeOver(false).onFailure(err -> LOG.debug("sweep failed: {}", err.toString()));
    if (isOldestMember()) {
      store.trim().onSuccess(n -> {
        if (n > 0) LOG.info("node_id={} trimmed {} completed reviews beyond retention", node.nodeId(), n);
      });
    }
  }

  /** Counts of one scan. */
  private record Stats(int orphans, int resumed) {}

  private Future<Stats> takeOver(boolean resumeAllOwn) {
    republishOrphanedSummaries();
    return store.inFlightIndex().compose(entries -> {
      Promise<Stats> out = Promise.promise();
      context.runOnContext(v -> out.complete(takeOver(entries, resumeAllOwn)));
      return out.future();
    });
  }

  private Stats takeOver(List<HazelcastReviewStore.InFlightEntry> entries, boolean resumeAllOwn) {
    Set<String> live = liveMembers();
    String me = node.nodeId();
    // this node's own specialists: the bus may still list a gone (e.g. frozen) member's ones
    ReviewOrchestrator orchestrator = local;
    Instant stuckBefore = Instant.now().minus(Duration.ofMillis(STUCK_ACCEPTED_MS));
    Instant longRunningBefore = Instant.now().minus(Duration.ofMillis(STUCK_RUNNING_MS));
    int claims = 0;
    int resumed = 0;
    for (HazelcastReviewStore.InFlightEntry e : entries) {
      if (me.equals(e.owner())) {
        boolean stuck = ("accepted".equals(e.state()) && e.acceptedAt().isBefore(stuckBefore))
            || ("running".equals(e.state()) && e.acceptedAt().isBefore(longRunningBefore));
        if (resumeAllOwn || stuck) {
          resumed++;
          store.get(e.reviewId()).onSuccess(r -> {
            if (r != null && !r.state().done()) orchestrator.run(r);
          });
        }
        continue;
      }
      if (e.owner() != null && live.contains(e.owner())) continue;
      if (!node.lifecycle().accepting()) continue; // a draining node leaves orphans to the others
      if (!hasQuorum()) continue; // a minority side: the owner may well be alive on the other side
      claims++;
      long delay = me.equals(preferredOwner(e.reviewId(), live)) ? 0 : CLAIM_FALLBACK_MS;
      Runnable claim = () -> store.claim(e.reviewId(), e.owner()).onSuccess(r -> {
        if (r == null) return;
        LOG.info("review_id={} taken over by node_id={} from gone owner={} results_stored={}",
            r.reviewId(), me, e.owner(), r.results().keySet());
        orchestrator.run(r);
      });
      if (delay == 0) claim.run();
      else vertx.setTimer(delay, t -> claim.run());
    }
    return new Stats(claims, resumed);
  }

  /** Reviews accepted this long (ms) before a member left are re-published by {@link #republishRecentSummaries}. */
  public static final long REPUBLISH_WINDOW_MS = 60_000;

  /**
   * Publishes again the summaries of the reviews a gone member finished that were accepted in the
   * last {@value #REPUBLISH_WINDOW_MS} ms: its last publishes may never have left it, and its
   * "may be publishing" markers can be lost with it when a second member dies within the same
   * migration (two SIGKILLs 2 s apart left 5 of 300 stored summaries never published). Only the
   * oldest member of a side with a quorum does it. A repeat is the same CloudEvent (same source,
   * id and content): subscribers drop it.
   */
  private void republishRecentSummaries(String gone) {
    if (!isOldestMember() || !hasQuorum() || !node.lifecycle().accepting()) return;
    SummaryEmitter emitter = new SummaryEmitter(store, node.bus(), node.metrics(),
        Signal.agentSource(AgentNames.COORDINATOR));
    store.doneOwnedBy(gone, Instant.now().minusMillis(REPUBLISH_WINDOW_MS)).onSuccess(ids -> {
      for (String id : ids) {
        store.get(id).onSuccess(r -> {
          if (r != null && r.summary() != null && gone.equals(r.owner())) emitter.publish(r.summary());
        });
      }
      if (!ids.isEmpty()) {
        LOG.info("node_id={} re-published {} recent summaries of gone node_id={}", node.nodeId(), ids.size(), gone);
      }
    }).onFailure(err -> LOG.warn("re-publishing recent summaries of {} failed: {}", gone, err.toString()));
  }

  /**
   * Publishes summaries that a gone node stored but may not have published (it died between the
   * two steps). Each gone node's marker is taken over by exactly one survivor.
   */
  private void republishOrphanedSummaries() {
    if (!node.lifecycle().accepting() || !hasQuorum()) return;
    SummaryEmitter emitter = new SummaryEmitter(store, node.bus(), node.metrics(),
        Signal.agentSource(AgentNames.COORDINATOR));
    store.unpublishedBy(liveMembers()).onSuccess(markers -> {
      for (String marker : markers) {
        store.takeOverUnpublished(marker).onSuccess(reviewId -> {
          if (reviewId == null) return;
          store.get(reviewId).onSuccess(r -> {
            // the storing node is gone: the marker's node itself, or, when that node had taken
            // the marker over from the storing node and died in turn, an earlier one
            if (r != null && r.summary() != null && r.owner() != null && !liveMembers().contains(r.owner())) {
              emitter.publish(r.summary());
              LOG.info("review_id={} summary published by node_id={} for a gone node", reviewId, node.nodeId());
            }
            store.published(reviewId);
          });
        });
      }
    });
  }

  private boolean hasQuorum() {
    return health == null || health.hasQuorum();
  }

  /** @return the live member chosen for a review by rendezvous (highest random weight) hashing */
  static String preferredOwner(String reviewId, Set<String> live) {
    String best = null;
    long bestWeight = Long.MIN_VALUE;
    for (String m : live) {
      long w = mix(reviewId.hashCode() * 31L + m.hashCode());
      if (best == null || w > bestWeight || (w == bestWeight && m.compareTo(best) < 0)) {
        best = m;
        bestWeight = w;
      }
    }
    return best;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private Set<String> liveMembers() {
    Set<String> out = new LinkedHashSet<>();
    if (!hazelcast.getLifecycleService().isRunning()) return out;
    for (Member m : hazelcast.getCluster().getMembers()) out.add(MemberIds.of(m));
    return out;
  }

  private boolean isOldestMember() {
    if (!hazelcast.getLifecycleService().isRunning()) return false;
    return hazelcast.getCluster().getMembers().iterator().next().localMember();
  }

  private Future<Void> awaitRegistrationsGone(String gone, long deadlineNanos) {
    List<String> addresses = List.of(Addresses.COORDINATOR, Addresses.agent(AgentNames.SECURITY),
        Addresses.agent(AgentNames.PERFORMANCE));
    List<Future<List<RegistrationInfo>>> lookups = new ArrayList<>();
    for (String a : addresses) {
      Promise<List<RegistrationInfo>> p = Promise.promise();
      clusterManager.getRegistrations(a, p);
      lookups.add(p.future());
    }
    Promise<Void> done = Promise.promise();
    Future.join(lookups).onComplete(ar -> {
      boolean stale = false;
      for (Future<List<RegistrationInfo>> f : lookups) {
        if (f.succeeded() && f.result() != null) {
          for (RegistrationInfo info : f.result()) stale |= gone.equals(info.nodeId());
        }
      }
      if (!stale || System.nanoTime() - deadlineNanos >= 0) {
        done.complete();
      } else {
        vertx.setTimer(REGISTRATION_POLL_MS, t -> awaitRegistrationsGone(gone, deadlineNanos).onComplete(done));
      }
    });
    return done.future();
  }
}
