package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.agent.AgentNames;
import dev.synapse.bus.TypePattern;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.ReviewStore;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Two clustered nodes in one JVM on 127.0.0.1: the mechanics of the shared store and bus. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterTwoMembersTest {
  private SynapseNode a;
  private SynapseNode b;

  @BeforeAll
  void startCluster() throws Exception {
    String name = ClusterTestSupport.uniqueClusterName();
    int pa = ClusterTestSupport.freePort();
    int pb = ClusterTestSupport.freePort();
    a = SynapseNode.startClustered(ClusterTestSupport.config(name, pa, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    b = SynapseNode.startClustered(ClusterTestSupport.config(name, pb, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    ClusterAwait.members(a, 2);
    ClusterAwait.safe(a);
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (b != null) b.close().await(30, TimeUnit.SECONDS);
    if (a != null) a.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("both nodes see each other as members and report the data safe")
  void membership() throws Exception {
    JsonObject d = b.context().cluster().describe().await(10, TimeUnit.SECONDS);
    assertEquals(2, d.getInteger("member_count"));
    assertTrue(d.getBoolean("cluster_safe"));
    assertTrue(b.context().cluster().readiness().await(10, TimeUnit.SECONDS).isOk());
  }

  @Test
  @DisplayName("members are identified by the same node ids the nodes record as review owners")
  void memberIdsAreNodeIds() {
    List<String> ids = ((ClusterHealth) a.context().cluster()).memberIds();
    assertTrue(ids.contains(a.context().nodeId()), ids + " lacks A");
    assertTrue(ids.contains(b.context().nodeId()), ids + " lacks B");
  }

  @Test
  @DisplayName("a review submitted on node A is readable, and completed, on node B")
  void submittedOnAReadableOnB() throws Exception {
    a.reviews().submit(ClusterTestSupport.request("two-members-read")).await(10, TimeUnit.SECONDS);
    StoredReview seen = b.reviews().store().get("two-members-read").await(10, TimeUnit.SECONDS);
    assertNotNull(seen);
    StoredReview done = ClusterAwait.done(b, "two-members-read");
    assertEquals(List.of(AgentNames.SECURITY, AgentNames.PERFORMANCE).size(), done.results().size());
  }

  @Test
  @DisplayName("the same review id posted to both nodes at once is created once and summarised once")
  void idempotentAcrossNodes() throws Exception {
    String id = "two-members-dup";
    List<Signal> summaries = new ArrayList<>();
    var consumer = b.context().bus().subscribe(TypePattern.of(SignalTypes.REVIEW_SUMMARY), s -> {
      if (id.equals(s.reviewId())) synchronized (summaries) { summaries.add(s); }
    });
    consumer.completion().await(10, TimeUnit.SECONDS);
    Future<ReviewStore.Submission> onA = a.reviews().submit(ClusterTestSupport.request(id));
    Future<ReviewStore.Submission> onB = b.reviews().submit(ClusterTestSupport.request(id));
    Future.all(onA, onB).await(10, TimeUnit.SECONDS);
    assertEquals(1, (onA.result().created() ? 1 : 0) + (onB.result().created() ? 1 : 0));
    ClusterAwait.done(a, id);
    ClusterAwait.settle();
    consumer.unregister();
    synchronized (summaries) {
      assertEquals(1, summaries.size());
    }
  }

  @Test
  @DisplayName("when both nodes try to store a summary for one review, exactly one succeeds")
  void oneSummaryWins() throws Exception {
    String id = "two-members-race";
    HazelcastReviewStore sa = (HazelcastReviewStore) a.context().store();
    HazelcastReviewStore sb = (HazelcastReviewStore) b.context().store();
    sa.submit(ClusterTestSupport.request(id), "nobody").await(10, TimeUnit.SECONDS);
    ReviewSummary fromA = ReviewSummary.fromJson(new JsonObject().put("review_id", id).put("status", "complete")
        .put("severity", "none").put("metadata", new JsonObject().put("decision_path", "deep_review")));
    ReviewSummary fromB = ReviewSummary.fromJson(new JsonObject().put("review_id", id).put("status", "failed")
        .put("severity", "none").put("metadata", new JsonObject().put("decision_path", "deep_review")));
    List<Future<Boolean>> races = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      races.add(sa.complete(id, fromA));
      races.add(sb.complete(id, fromB));
    }
    Future.all(races).await(10, TimeUnit.SECONDS);
    assertEquals(1, races.stream().filter(Future::result).count());
  }

  @Test
  @DisplayName("a signal published on node A is in node B's history and replay")
  void historyCoversTheCluster() throws Exception {
    Signal marker = Signal.create(SignalTypes.REVIEW_ESCALATE, Signal.INGRESS_SOURCE, "two-members-history",
        new JsonObject().put("review_id", "two-members-history"));
    a.context().bus().publish(marker);
    assertTrue(ClusterAwait.until(() -> b.context().bus()
        .replay(TypePattern.of(SignalTypes.REVIEW_ESCALATE), null, 1000).stream()
        .anyMatch(s -> s.id().equals(marker.id()))));
  }

  @Test
  @DisplayName("point-to-point work sent from one node is spread over both nodes' specialists")
  void specialistWorkRunsOnBothNodes() throws Exception {
    int before = historySize(a) + historySize(b);
    int beforeB = historySize(b);
    int beforeA = historySize(a);
    List<Future<?>> sends = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Signal req = Signal.create(SignalTypes.REVIEW_REQUEST, Signal.INGRESS_SOURCE, null,
          ClusterTestSupport.request("two-members-rr-" + i).toJson());
      sends.add(a.vertx().eventBus().request(Addresses.agent(AgentNames.SECURITY), req,
          new DeliveryOptions().setSendTimeout(10_000).addHeader("synapse-path", "deep_review")));
    }
    Future.all(sends).await(30, TimeUnit.SECONDS);
    assertEquals(before + 20, historySize(a) + historySize(b));
    assertTrue(historySize(a) > beforeA, "node A ran some");
    assertTrue(historySize(b) > beforeB, "node B ran some");
  }

  @Test
  @DisplayName("GET /health/ready includes a passing cluster check and GET /api/agents lists both nodes")
  void httpHealthAndAgents() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var ready = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + a.httpPort() + "/health/ready")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(new JsonObject(ready.body()).getJsonArray("checks").stream()
        .anyMatch(c -> "cluster".equals(((JsonObject) c).getString("name"))));
    assertTrue(ClusterAwait.until(() -> a.context().cluster().agentsByNode().size() == 2));
    var agents = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + a.httpPort() + "/api/agents")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, agents.statusCode());
    assertTrue(new JsonObject(agents.body()).getJsonObject("by_node").containsKey(b.context().nodeId()));
  }

  @Test
  @DisplayName("agents of both nodes are listed per node")
  void agentsPerNode() throws Exception {
    assertTrue(ClusterAwait.until(() -> a.context().cluster().agentsByNode().size() == 2));
    JsonObject byNode = a.context().cluster().agentsByNode();
    JsonObject ofB = byNode.getJsonObject(b.context().nodeId());
    assertNotNull(ofB);
    assertEquals(1, ofB.getJsonObject("agents").getJsonObject(AgentNames.SECURITY).getInteger("pool_size"));
  }

  private static int historySize(SynapseNode n) {
    return n.context().agents().state(AgentNames.SECURITY).history().size();
  }
}
