package dev.synapse.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Redelivery across replicas: two clustered nodes on loopback (Hazelcast), token credentials;
 * GitHub redelivers to the other node, which answers duplicate from the cluster-wide delivery log.
 */
@DisplayName("GitHub redelivery on another cluster node")
class GitHubClusterRedeliveryTest {
  static final String SECRET = "cluster-webhook-secret";
  static final String TOKEN = "ghp_static_test_token";

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  @DisplayName("a delivery run on node A is answered 200 duplicate on node B, and runs once")
  void redeliveryToAnotherNodeIsADuplicate() throws Exception {
    Vertx vertx = Vertx.vertx();
    GitHubDouble github = new GitHubDouble(vertx, "1", (java.security.interfaces.RSAPublicKey) GitHubTestKit.rsaKeys().getPublic(), TOKEN);
    int apiPort = github.start();
    github.prDiff = GitHubTestKit.resource("scenario/pr-v1.diff");
    String cluster = "synapse-gh-test-" + UUID.randomUUID();
    int p1 = freePort();
    int p2 = freePort();
    SynapseNode a = null;
    SynapseNode b = null;
    try {
      a = SynapseNode.startClustered(config(cluster, p1, List.of(p1, p2), apiPort)).await(90, TimeUnit.SECONDS);
      b = SynapseNode.startClustered(config(cluster, p2, List.of(p1, p2), apiPort)).await(90, TimeUnit.SECONDS);
      WebClient client = WebClient.create(vertx);
      String head = GitHubTestKit.randomSha();
      Buffer body = GitHubTestKit.bytes(GitHubTestKit.withHead(GitHubTestKit.payload("pull_request.opened.payload.json"), null, head));
      String delivery = UUID.randomUUID().toString();
      HttpResponse<Buffer> first = post(client, a.httpPort(), body, delivery);
      assertEquals(202, first.statusCode(), first.bodyAsString());
      HttpResponse<Buffer> second = post(client, b.httpPort(), body, delivery);
      assertEquals(200, second.statusCode(), second.bodyAsString());
      assertEquals(true, second.bodyAsJsonObject().getBoolean("duplicate"));
      GitHubAppFlowTest.waitFor(() -> github.issueComments.size() == 1);
      assertEquals(1, github.checkRuns.size(), "one check run: the delivery ran once in the cluster");
      assertEquals(1, github.requests("checks/create").size());
      assertTrue(github.requests("apps/create-installation-access-token").isEmpty(), "token mode makes no exchange");
      assertEquals(List.of(), github.violations());
    } finally {
      if (b != null) b.close().await(60, TimeUnit.SECONDS);
      if (a != null) a.close().await(60, TimeUnit.SECONDS);
      github.stop();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  static HttpResponse<Buffer> post(WebClient client, int port, Buffer body, String delivery) throws Exception {
    return client.post(port, "127.0.0.1", "/webhooks/github").putHeader("Content-Type", "application/json")
        .putHeader("X-GitHub-Event", "pull_request").putHeader("X-GitHub-Delivery", delivery)
        .putHeader("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body.getBytes()))
        .sendBuffer(body).await(20, TimeUnit.SECONDS);
  }

  static dev.synapse.config.SynapseConfig config(String cluster, int port, List<Integer> members, int apiPort) {
    Map<String, String> env = new HashMap<>();
    env.put("SYNAPSE_CLUSTER", "true");
    env.put("SYNAPSE_CLUSTER_NAME", cluster);
    env.put("SYNAPSE_CLUSTER_HOST", "127.0.0.1");
    env.put("SYNAPSE_CLUSTER_PORT", Integer.toString(port));
    env.put("SYNAPSE_CLUSTER_MEMBERS", String.join(",", members.stream().map(p -> "127.0.0.1:" + p).toList()));
    env.put("SYNAPSE_HTTP_HOST", "127.0.0.1");
    env.put("SYNAPSE_HTTP_PORT", "0");
    env.put("SYNAPSE_SECURITY_POOL_SIZE", "1");
    env.put("SYNAPSE_PERFORMANCE_POOL_SIZE", "1");
    env.put("SYNAPSE_SHUTDOWN_GRACE_MS", "2000");
    env.put("SYNAPSE_GITHUB_WEBHOOK_SECRET", SECRET);
    env.put("SYNAPSE_GITHUB_TOKEN", TOKEN);
    env.put("SYNAPSE_GITHUB_API_URL", "http://127.0.0.1:" + apiPort);
    return ConfigLoader.load(null, env, null);
  }
}
