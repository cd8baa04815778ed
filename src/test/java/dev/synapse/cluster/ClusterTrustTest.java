package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import dev.synapse.cluster.trust.ClusterSecret;
import dev.synapse.cluster.trust.DerivedCertificates;
import dev.synapse.cluster.trust.TlsMaterial;
import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.StoredReview;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 item 6, reproduced in one JVM on 127.0.0.1: two nodes sharing a secret form a
 * cluster; a node started without the secret and pointed at them must not join, and a member that
 * learned the derived cluster name but not the key must neither read nor inject reviews; the event
 * bus refuses peers without a member certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterTrustTest {
  private static final String SECRET = "cluster-trust-test-secret-0123456789abcdef";
  private static final String DIFF_MARKER = "SELECT * FROM users WHERE id";
  private String name;
  private int pa;
  private int pb;
  private int ebPortB;
  private SynapseNode a;
  private SynapseNode b;
  private SynapseNode open;

  private SynapseConfig config(int port, List<Integer> members, Map<String, String> extra) {
    Map<String, String> env = ClusterTestSupport.env(name, port, members);
    env.putAll(extra);
    return ConfigLoader.load(null, env, null);
  }

  @BeforeAll
  void startCluster() throws Exception {
    name = ClusterTestSupport.uniqueClusterName();
    pa = ClusterTestSupport.freePort();
    pb = ClusterTestSupport.freePort();
    ebPortB = ClusterTestSupport.freePort();
    a = SynapseNode.startClustered(config(pa, List.of(pa, pb), Map.of("SYNAPSE_SECRET", SECRET)))
        .await(60, TimeUnit.SECONDS);
    // B also advertises its address explicitly and uses a fixed event-bus port
    b = SynapseNode.startClustered(config(pb, List.of(pa, pb), Map.of("SYNAPSE_SECRET", SECRET,
        "SYNAPSE_CLUSTER_PUBLIC_HOST", "127.0.0.1", "SYNAPSE_CLUSTER_EVENTBUS_PORT", Integer.toString(ebPortB))))
        .await(60, TimeUnit.SECONDS);
    ClusterAwait.members(a, 2);
    ClusterAwait.safe(a);
    int po = ClusterTestSupport.freePort();
    // the failing case of issue 14: same cluster name, same members, no secret
    open = SynapseNode.startClustered(config(po, List.of(pa, pb, po), Map.of())).await(90, TimeUnit.SECONDS);
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (SynapseNode n : new SynapseNode[] {open, b, a}) {
      if (n != null) n.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static HazelcastClusterManager manager(SynapseNode node) {
    return (HazelcastClusterManager) ((VertxInternal) node.vertx()).clusterManager();
  }

  @Test
  @DisplayName("a node started without the secret does not join the secured cluster")
  void nodeWithoutSecretStaysOut() {
    assertEquals(1, open.context().cluster().memberCount(), "the open node is alone");
    assertEquals(2, a.context().cluster().memberCount());
    List<String> ids = ((ClusterHealth) a.context().cluster()).memberIds();
    assertFalse(ids.contains(open.context().nodeId()), ids.toString());
  }

  @Test
  @DisplayName("a review submitted on one secured node completes and is read on the other, and the map holds it sealed")
  void sealedReviewsWorkAcrossMembers() throws Exception {
    String id = "trust-across";
    a.reviews().submit(ClusterTestSupport.request(id)).await(10, TimeUnit.SECONDS);
    StoredReview done = ClusterAwait.done(b, id);
    assertEquals(2, done.results().size());
    HazelcastJsonValue raw = manager(a).getHazelcastInstance()
        .<String, HazelcastJsonValue>getMap(HazelcastConfigFactory.REVIEWS_MAP).get(id);
    assertNotNull(raw);
    assertFalse(raw.getValue().contains(DIFF_MARKER), "the diff is not readable in the map");
    assertTrue(raw.getValue().contains("\"sealed\""));
    assertNull(open.context().store().get(id).await(10, TimeUnit.SECONDS), "the open node never sees it");
  }

  @Test
  @DisplayName("members exchange event-bus messages over mutual TLS (A reaches B on B's fixed port)")
  void eventBusBetweenMembers() throws Exception {
    var consumer = b.vertx().eventBus().<String>consumer("synapse.test.trust.ping", m -> m.reply("pong:" + m.body()));
    consumer.completion().await(10, TimeUnit.SECONDS);
    try {
      assertTrue(ClusterAwait.until(() -> {
        try {
          return ("pong:x").equals(a.vertx().eventBus().<String>request("synapse.test.trust.ping", "x")
              .await(5, TimeUnit.SECONDS).body());
        } catch (Exception e) {
          return false;
        }
      }), "A's request reached B's consumer");
    } finally {
      consumer.unregister().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("B's event bus listens on its fixed port and advertises its public host")
  void fixedEventBusPortAndPublicHost() {
    NodeInfo info = manager(b).getNodeInfo();
    assertEquals(ebPortB, info.port());
    assertEquals("127.0.0.1", info.host());
    assertEquals("127.0.0.1", manager(b).getHazelcastInstance().getCluster().getLocalMember().getAddress().getHost());
  }

  @Test
  @DisplayName("a member that learned the derived cluster name but not the key can neither read nor inject reviews")
  void memberWithNameButNoKey() throws Exception {
    String id = "trust-rogue-read";
    a.reviews().submit(ClusterTestSupport.request(id)).await(10, TimeUnit.SECONDS);
    ClusterAwait.done(a, id);
    // a bare Hazelcast member with the secured configuration (derived name) but no codec/key
    int pr = ClusterTestSupport.freePort();
    Config cfg = HazelcastConfigFactory.build(config(pr, List.of(pa, pb, pr), Map.of("SYNAPSE_SECRET", SECRET)));
    HazelcastInstance rogue = Hazelcast.newHazelcastInstance(cfg);
    try {
      assertTrue(ClusterAwait.until(() -> a.context().cluster().memberCount() == 3), "the rogue joined");
      IMap<String, HazelcastJsonValue> map = rogue.getMap(HazelcastConfigFactory.REVIEWS_MAP);
      String seen = map.get(id).getValue();
      assertFalse(seen.contains(DIFF_MARKER), "the rogue reads only ciphertext");
      long rejectedBefore = ((HazelcastReviewStore) a.context().store()).codec().rejected();
      String forged = StoredReview.accepted(ClusterTestSupport.request("trust-forged"), java.time.Instant.now(), null)
          .completed(dev.synapse.signal.ReviewSummary.fromJson(new io.vertx.core.json.JsonObject()
              .put("review_id", "trust-forged").put("status", "complete").put("severity", "none")
              .put("metadata", new io.vertx.core.json.JsonObject().put("decision_path", "fast_path"))))
          .toJson().encode();
      map.put("trust-forged", new HazelcastJsonValue(forged));
      // a copy of a genuine sealed value moved under another id
      map.put("trust-moved", new HazelcastJsonValue(seen));
      assertNull(a.context().store().get("trust-forged").await(10, TimeUnit.SECONDS));
      assertNull(b.context().store().get("trust-moved").await(10, TimeUnit.SECONDS));
      var page = a.context().store().list(0, 100).await(10, TimeUnit.SECONDS);
      Set<String> listed = new java.util.HashSet<>();
      page.reviews().forEach(r -> listed.add(r.reviewId()));
      assertFalse(listed.contains("trust-forged"), listed.toString());
      assertTrue(listed.contains(id), listed.toString());
      assertTrue(((HazelcastReviewStore) a.context().store()).codec().rejected() > rejectedBefore);
      String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + a.httpPort() + "/metrics")).timeout(java.time.Duration.ofSeconds(10))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.lines().anyMatch(l -> l.startsWith("synapse_cluster_rejected_values_total")
          && !l.endsWith(" 0.0")), "rejections are a metric");
      map.delete("trust-forged");
      map.delete("trust-moved");
    } finally {
      rogue.shutdown();
    }
    ClusterAwait.members(a, 2);
    ClusterAwait.safe(a);
  }

  @Test
  @DisplayName("the event bus refuses a TLS peer without a certificate or with one derived from another secret")
  void eventBusRequiresMemberCertificate() throws Exception {
    NodeInfo target = manager(a).getNodeInfo();
    Vertx vertx = Vertx.vertx();
    try {
      TlsMaterial right = DerivedCertificates.derive(ClusterSecret.of(SECRET), "probe");
      TlsMaterial wrong = DerivedCertificates.derive(ClusterSecret.of("another-secret-another-secret"), "probe");
      // the client only speaks TLS (setSsl(true)), so an established connection is a TLS one;
      // NetSocket.isSsl() once answered false right after connecting on a loaded machine
      assertTrue(succeeds(connect(vertx, target, right)), "positive control");
      assertFalse(succeeds(connect(vertx, target, wrong)), "certificate from another secret");
      assertFalse(succeeds(connect(vertx, target, null)), "no client certificate");
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** TLS 1.2 only, so the server's verdict on the client certificate is part of the handshake. */
  private static Future<NetSocket> connect(Vertx vertx, NodeInfo target, TlsMaterial client) {
    // generous timeouts: the 2-core test machine is shared and a TLS handshake can take seconds there
    NetClientOptions o = new NetClientOptions().setSsl(true).setTrustAll(true).setConnectTimeout(20_000)
        .setSslHandshakeTimeout(30).setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
        .setHostnameVerificationAlgorithm("").setEnabledSecureTransportProtocols(Set.of("TLSv1.2"));
    if (client != null) {
      o.setKeyCertOptions(new PemKeyCertOptions().addCertValue(client.certChain()).addKeyValue(client.privateKey()));
    }
    NetClient c = vertx.createNetClient(o);
    return c.connect(target.port(), target.host());
  }

  /** @return true when the TLS connection was established, false when it failed; no verdict in time is an error */
  private static boolean succeeds(Future<NetSocket> f) throws Exception {
    try {
      NetSocket s = f.await(40, TimeUnit.SECONDS);
      s.close();
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no handshake verdict within 40 s", e);
    } catch (Exception e) {
      return false;
    }
  }
}
