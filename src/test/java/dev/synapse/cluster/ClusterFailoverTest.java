package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.agent.AgentNames;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.ReviewStore;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.FailureCodes;
import dev.synapse.signal.ReviewResult;
import io.vertx.core.eventbus.ReplyException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two clustered nodes in one JVM; node A goes away with reviews it owns still in flight and node
 * B must finish them. Reviews are stored through A's store without running them, so they are
 * certainly in flight when A leaves.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterFailoverTest {
  private SynapseNode a;
  private SynapseNode b;

  @BeforeEach
  void startCluster() throws Exception {
    String name = ClusterTestSupport.uniqueClusterName();
    int pa = ClusterTestSupport.freePort();
    int pb = ClusterTestSupport.freePort();
    a = SynapseNode.startClustered(ClusterTestSupport.config(name, pa, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    b = SynapseNode.startClustered(ClusterTestSupport.config(name, pb, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    ClusterAwait.members(a, 2);
    ClusterAwait.safe(a);
  }

  @AfterEach
  void stopCluster() throws Exception {
    for (SynapseNode n : new SynapseNode[] {b, a}) {
      try {
        n.close().await(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // already closed by the test
      }
    }
  }

  @Test
  @DisplayName("a review owned by a node that leaves is finished by the survivor, which asks only for missing results")
  void survivorFinishesAndKeepsStoredResults() throws Exception {
    ReviewStore store = a.context().store();
    String id = "failover-keep";
    store.submit(ClusterTestSupport.request(id), a.context().nodeId()).await(10, TimeUnit.SECONDS);
    store.classify(id, "deep_review", "test").await(10, TimeUnit.SECONDS);
    ReviewResult stored = new ReviewResult(id, AgentNames.SECURITY, ReviewResult.OK, 0.9, List.of(), false, 1,
        "deep_review", List.of("stored-before-failover"), List.of(), 0);
    store.addResult(id, stored).await(10, TimeUnit.SECONDS);

    a.close().await(30, TimeUnit.SECONDS);
    long gone = System.nanoTime();
    StoredReview done = ClusterAwait.done(b, id);
    System.out.printf("failover (graceful leave): summary %d ms after node A closed%n",
        (System.nanoTime() - gone) / 1_000_000);

    assertEquals(List.of("stored-before-failover"), done.results().get(AgentNames.SECURITY).actionsRun());
    assertNotNull(done.results().get(AgentNames.PERFORMANCE));
    assertEquals(b.context().nodeId(), done.owner());
  }

  @Test
  @DisplayName("reviews of a member that crashes (no graceful leave) survive on the backup and are all finished")
  void crashLosesNothing() throws Exception {
    ReviewStore store = a.context().store();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "failover-crash-" + i;
      ids.add(id);
      store.submit(ClusterTestSupport.request(id), a.context().nodeId()).await(10, TimeUnit.SECONDS);
    }
    ((ClusterHealth) a.context().cluster()).hazelcast().getLifecycleService().terminate();
    long gone = System.nanoTime();
    for (String id : ids) assertTrue(ClusterAwait.done(b, id).state().done());
    System.out.printf("failover (crash): 40 reviews finished %d ms after node A's member was terminated%n",
        (System.nanoTime() - gone) / 1_000_000);
  }

  @Test
  @DisplayName("a draining node refuses new reviews with not_ready and hands its in-flight reviews over when the grace period ends")
  void drainRefusesAndHandsOver() throws Exception {
    String id = "failover-drain";
    a.context().store().submit(ClusterTestSupport.request(id), a.context().nodeId()).await(10, TimeUnit.SECONDS);
    var shutdown = a.shutdown();
    assertFalse(a.context().lifecycle().ready());
    var late = a.reviews().submit(ClusterTestSupport.request("failover-drain-late"));
    assertTrue(late.failed());
    assertEquals(FailureCodes.NOT_READY, assertInstanceOf(ReplyException.class, late.cause()).failureCode());
    var http = java.net.http.HttpClient.newHttpClient();
    var ready = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + a.httpPort() + "/health/ready")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(503, ready.statusCode());
    var post = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + a.httpPort() + "/api/reviews"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            ClusterTestSupport.request("failover-drain-http").toJson().encode())).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(503, post.statusCode());
    assertEquals("not_ready", new io.vertx.core.json.JsonObject(post.body()).getString("error"));
    shutdown.await(60, TimeUnit.SECONDS);
    long gone = System.nanoTime();
    assertTrue(ClusterAwait.done(b, id).state().done());
    System.out.printf("failover (drain hand-over): summary %d ms after node A left%n",
        (System.nanoTime() - gone) / 1_000_000);
  }
}
