package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.http.RequestSigning;
import dev.synapse.node.SynapseNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 item 5, clustered: a signed request accepted by one member is refused as a replay by
 * the other (the signature memory is the cluster's shared map).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterReplayTest {
  private static final String SECRET = "cluster-replay-secret";
  private static SynapseNode a;
  private static SynapseNode b;

  @BeforeAll
  static void start() throws Exception {
    String name = ClusterTestSupport.uniqueClusterName();
    int pa = ClusterTestSupport.freePort();
    int pb = ClusterTestSupport.freePort();
    a = SynapseNode.startClustered(config(name, pa, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
    b = SynapseNode.startClustered(config(name, pb, List.of(pa, pb))).await(60, TimeUnit.SECONDS);
  }

  private static dev.synapse.config.SynapseConfig config(String name, int port, List<Integer> members) {
    Map<String, String> env = new java.util.HashMap<>(ClusterTestSupport.env(name, port, members));
    env.put("SYNAPSE_SECRET", SECRET);
    return dev.synapse.config.ConfigLoader.load(null, env, null);
  }

  @AfterAll
  static void stop() throws Exception {
    b.close().await(30, TimeUnit.SECONDS);
    a.close().await(30, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(SynapseNode node, String target, long ts, String sig) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + target))
        .timeout(Duration.ofSeconds(30)).header(RequestSigning.TIMESTAMP_HEADER, Long.toString(ts))
        .header(RequestSigning.SIGNATURE_HEADER, sig).GET().build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("a signed request accepted by member A is refused as a replay by member B")
  void replayRefusedClusterWide() throws Exception {
    long ts = System.currentTimeMillis() / 1000;
    String target = "/api/reviews?limit=3";
    String sig = RequestSigning.sign(SECRET, "GET", target, ts, null);
    HttpResponse<String> first = get(a, target, ts, sig);
    assertEquals(200, first.statusCode(), first.body());
    HttpResponse<String> replay = get(b, target, ts, sig);
    assertEquals(401, replay.statusCode(), replay.body());
    assertTrue(replay.body().contains("replay"), replay.body());
  }

  @Test
  @DisplayName("a signed WebSocket upgrade is accepted on a clustered member (the replay check answers asynchronously)")
  void signedUpgradeOnClusteredMember() throws Exception {
    long ts = System.currentTimeMillis() / 1000;
    java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .header(RequestSigning.TIMESTAMP_HEADER, Long.toString(ts))
        .header(RequestSigning.SIGNATURE_HEADER, RequestSigning.sign(SECRET, "GET", "/ws", ts, null))
        .buildAsync(URI.create("ws://127.0.0.1:" + b.httpPort() + "/ws"), new java.net.http.WebSocket.Listener() {})
        .get(30, TimeUnit.SECONDS);
    ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }
}
