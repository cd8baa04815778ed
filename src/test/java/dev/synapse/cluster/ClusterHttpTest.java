package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.node.SynapseNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP health and agents routes of a clustered node (one member on loopback). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class ClusterHttpTest {
  private static SynapseNode node;

  @BeforeAll
  static void start() throws Exception {
    int port = ClusterTestSupport.freePort();
    node = SynapseNode.startClustered(ClusterTestSupport.config(ClusterTestSupport.uniqueClusterName(), port,
        List.of(port))).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a clustered node's readiness includes a healthy cluster check and /api/agents says clustered")
  void clusterCheckAndAgents(Vertx vertx) throws Exception {
    WebClient web = WebClient.create(vertx);
    JsonObject health = null;
    for (int i = 0; i < 20; i++) { // partitions may need a moment to be safe after start
      var resp = web.get(node.httpPort(), "127.0.0.1", "/health/ready").send().await(30, TimeUnit.SECONDS);
      health = resp.bodyAsJsonObject();
      if (resp.statusCode() == 200) break;
      Thread.sleep(250);
    }
    assertEquals("healthy", health.getString("status"), health.encode());
    JsonArray checks = health.getJsonArray("checks");
    assertTrue(checks.stream().anyMatch(c -> "cluster".equals(((JsonObject) c).getString("name"))), health.encode());
    JsonObject agents = web.get(node.httpPort(), "127.0.0.1", "/api/agents").send().await(30, TimeUnit.SECONDS).bodyAsJsonObject();
    assertTrue(agents.getBoolean("clustered"), agents.encode());
    assertTrue(agents.getJsonArray("nodes").contains(agents.getString("node_id")), agents.encode());
  }
}
