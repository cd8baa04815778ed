package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import dev.synapse.signal.FailureCodes;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.healthchecks.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Split-brain protection with {@code cluster_expected_size=3} (quorum 2), members in one JVM on
 * 127.0.0.1: a member that sees fewer than two data members (what the frozen or cut-off member of
 * a split sees) refuses new reviews with 503 {@code not_ready} and is not ready; with a quorum it
 * accepts and is ready (issue 14, item 8).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterQuorumTest {
  private SynapseNode a;
  private SynapseNode b;

  @AfterEach
  void stop() throws Exception {
    if (b != null) b.close().await(30, TimeUnit.SECONDS);
    if (a != null) a.close().await(30, TimeUnit.SECONDS);
  }

  private static SynapseConfig config(String name, int port, List<Integer> ports) {
    Map<String, String> env = new HashMap<>(ClusterTestSupport.env(name, port, ports));
    env.put("SYNAPSE_CLUSTER_EXPECTED_SIZE", "3");
    return dev.synapse.config.ConfigLoader.load(null, env, null);
  }

  private static void assertRefused(SynapseNode node, String id) throws Exception {
    Throwable err = node.reviews().submit(ClusterTestSupport.request(id))
        .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
    ReplyException re = assertInstanceOf(ReplyException.class, err, "a minority side refuses the review");
    assertEquals(FailureCodes.NOT_READY, re.failureCode());
    assertTrue(re.getMessage().contains("quorum"), re.getMessage());
  }

  @Test
  @DisplayName("one member of an expected three refuses reviews and is not ready; two accept and are ready; back to one refuses again")
  void minorityRefuses() throws Exception {
    String name = ClusterTestSupport.uniqueClusterName();
    int pa = ClusterTestSupport.freePort();
    int pb = ClusterTestSupport.freePort();
    a = SynapseNode.startClustered(config(name, pa, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    assertFalse(a.context().cluster().hasQuorum());
    assertRefused(a, "quorum-alone");
    Status alone = a.context().cluster().readiness().await(10, TimeUnit.SECONDS);
    assertFalse(alone.isOk());
    assertTrue(alone.getData().getString("message").contains("no quorum"), alone.getData().encode());

    b = SynapseNode.startClustered(config(name, pb, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    ClusterAwait.members(a, 2);
    ClusterAwait.safe(a);
    assertTrue(a.context().cluster().hasQuorum());
    assertTrue(a.context().cluster().readiness().await(10, TimeUnit.SECONDS).isOk());
    assertTrue(a.reviews().submit(ClusterTestSupport.request("quorum-two")).await(10, TimeUnit.SECONDS).created());
    ClusterAwait.done(b, "quorum-two");

    b.close().await(30, TimeUnit.SECONDS);
    b = null;
    ClusterAwait.members(a, 1);
    assertRefused(a, "quorum-alone-again");
    assertFalse(a.context().cluster().readiness().await(10, TimeUnit.SECONDS).isOk());
  }

  @Test
  @DisplayName("a member leaving a healthy cluster does not make the survivor unready while backups are rebuilt")
  void noFlapOnMemberLeaving() throws Exception {
    String name = ClusterTestSupport.uniqueClusterName();
    int pa = ClusterTestSupport.freePort();
    int pb = ClusterTestSupport.freePort();
    a = SynapseNode.startClustered(ClusterTestSupport.config(name, pa, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    b = SynapseNode.startClustered(ClusterTestSupport.config(name, pb, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    ClusterAwait.members(a, 2);
    ClusterAwait.safe(a);
    for (int i = 0; i < 20; i++) {
      a.reviews().submit(ClusterTestSupport.request("flap-" + i)).await(10, TimeUnit.SECONDS);
    }
    b.close().await(30, TimeUnit.SECONDS);
    b = null;
    List<String> down = new java.util.ArrayList<>();
    boolean sawUnsafe = false;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < end) {
      Status s = a.context().cluster().readiness().await(10, TimeUnit.SECONDS);
      sawUnsafe |= !s.getData().getBoolean("cluster_safe");
      if (!s.isOk()) down.add(s.getData().getString("message"));
      Thread.sleep(100);
    }
    assertEquals(List.of(), down, "readiness failures after a member left" + (sawUnsafe ? " (partitions were unsafe)" : ""));
  }

  @Test
  @DisplayName("partitions unsafe for a moment (a member just left a healthy majority) do not fail readiness; unsafe past the grace period does")
  void briefUnsafetyIsNotUnreadiness() {
    ClusterHealth h = new ClusterHealth(null, null, "n", null, 0);
    long t0 = 1_000_000_000L;
    assertEquals(0, h.unsafeForMs(true, t0));
    assertEquals(0, h.unsafeForMs(false, t0));
    assertEquals(3_000, h.unsafeForMs(false, t0 + 3_000_000_000L));
    assertEquals(0, h.unsafeForMs(true, t0 + 4_000_000_000L), "safe again resets the clock");
    h.unsafeForMs(false, t0 + 5_000_000_000L);
    assertTrue(h.unsafeForMs(false, t0 + 5_000_000_000L + ClusterHealth.UNSAFE_GRACE_MS * 1_000_000L)
        >= ClusterHealth.UNSAFE_GRACE_MS);
  }

  @Test
  @DisplayName("two of an expected three members serve and say degraded (readiness 200, /health 503, gauges); a lone member is unhealthy (503)")
  void belowExpectedSizeIsDegradedNotUnready() throws Exception {
    String name = ClusterTestSupport.uniqueClusterName();
    int pa = ClusterTestSupport.freePort();
    int pb = ClusterTestSupport.freePort();
    a = SynapseNode.startClustered(config(name, pa, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    b = SynapseNode.startClustered(config(name, pb, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    ClusterAwait.members(a, 2);
    ClusterAwait.safe(a);
    io.vertx.core.Vertx client = io.vertx.core.Vertx.vertx();
    try {
      io.vertx.ext.web.client.WebClient web = io.vertx.ext.web.client.WebClient.create(client);
      var ready = web.get(a.httpPort(), "127.0.0.1", "/health/ready").send().await(30, TimeUnit.SECONDS);
      io.vertx.core.json.JsonObject body = ready.bodyAsJsonObject();
      assertEquals(200, ready.statusCode(), body.encode());
      assertEquals("degraded", body.getString("status"), body.encode());
      assertTrue(body.getString("message").contains("cluster-size: only 2 of 3 expected members"), body.encode());
      var overall = web.get(a.httpPort(), "127.0.0.1", "/health").send().await(30, TimeUnit.SECONDS);
      assertEquals(503, overall.statusCode(), "/health answers 200 only when fully healthy (DESIGN.md)");
      String metrics = web.get(a.httpPort(), "127.0.0.1", "/metrics").send().await(30, TimeUnit.SECONDS).bodyAsString();
      assertTrue(metrics.contains("synapse_health_status{status=\"degraded\"} 1.0"), "degraded gauge");
      assertTrue(metrics.contains("synapse_cluster_expected_members 3.0"), "expected-size gauge");
      assertTrue(metrics.contains("synapse_cluster_members 2.0"), "member gauge");

      b.close().await(30, TimeUnit.SECONDS);
      b = null;
      ClusterAwait.members(a, 1);
      var alone = web.get(a.httpPort(), "127.0.0.1", "/health/ready").send().await(30, TimeUnit.SECONDS);
      assertEquals(503, alone.statusCode(), alone.bodyAsString());
      assertEquals("unhealthy", alone.bodyAsJsonObject().getString("status"));
      assertTrue(alone.bodyAsJsonObject().getString("message").contains("no quorum"), alone.bodyAsString());
      assertEquals(200, web.get(a.httpPort(), "127.0.0.1", "/health/live").send().await(30, TimeUnit.SECONDS).statusCode(),
          "liveness does not fail for a missing quorum");
    } finally {
      client.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("a node whose poll ticks stop for over 3 s (frozen, paused) is quarantined for 5 s: its member list may be stale")
  void pausedNodeIsQuarantined() {
    ClusterHealth h = new ClusterHealth(null, null, "n", null, 2);
    long now = System.nanoTime();
    long ms = 1_000_000L;
    h.notePause(now - 60_000 * ms);
    h.notePause(now - 60_000 * ms + ClusterHealth.SAFETY_POLL_MS * ms);
    h.notePause(now - 60_000 * ms + 2 * ClusterHealth.SAFETY_POLL_MS * ms + 2_000 * ms);
    assertFalse(h.quarantined(), "ticks 2 s late are load, not a pause; a quarantine of the first tick has ended");
    h.notePause(now - 10 * ms);
    assertTrue(h.quarantined(), "a tick a minute late starts a quarantine");
  }
}
