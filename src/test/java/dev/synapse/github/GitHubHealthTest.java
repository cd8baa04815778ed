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
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Failing GitHub credentials show as degraded, without the credential: {@code /health} answers
 * 503, the readiness probe 200 (GitHub failing is no reason to take every node out of the load
 * balancer), and {@code synapse_health_status{status="degraded"}} is 1 for an alert.
 */
@DisplayName("GitHub credentials in readiness")
class GitHubHealthTest {
  @Test
  @DisplayName("an app whose JWT GitHub refuses (wrong app id) is degraded: /health 503, /health/ready 200, the degraded gauge 1")
  void failingCredentialsAreDegraded() throws Exception {
    Vertx vertx = Vertx.vertx();
    KeyPair keys = GitHubTestKit.rsaKeys();
    GitHubDouble github = new GitHubDouble(vertx, "1000", (RSAPublicKey) keys.getPublic(), null);
    int port = github.start();
    String pem = GitHubTestKit.pkcs1Pem(keys);
    Map<String, String> env = new HashMap<>(Map.of("SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1",
        "SYNAPSE_SECURITY_POOL_SIZE", "1", "SYNAPSE_PERFORMANCE_POOL_SIZE", "1",
        "SYNAPSE_GITHUB_WEBHOOK_SECRET", "s", "SYNAPSE_GITHUB_APP_ID", "1001",
        "SYNAPSE_GITHUB_PRIVATE_KEY", pem, "SYNAPSE_GITHUB_API_URL", "http://127.0.0.1:" + port));
    SynapseNode node = SynapseNode.start(ConfigLoader.load(null, env, null), true).await(60, TimeUnit.SECONDS);
    try {
      GitHubAppFlowTest.waitFor(() -> !github.requests("apps/get-authenticated").isEmpty());
      WebClient client = WebClient.create(vertx);
      GitHubAppFlowTest.waitFor(() -> {
        try {
          return client.get(node.httpPort(), "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS).statusCode() == 503;
        } catch (Exception e) {
          return false;
        }
      });
      HttpResponse<Buffer> r = client.get(node.httpPort(), "127.0.0.1", "/health/ready").send().await(10, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), "a degraded node stays in the load balancer: " + r.bodyAsString());
      JsonObject body = r.bodyAsJsonObject();
      HttpResponse<Buffer> overall = client.get(node.httpPort(), "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS);
      assertEquals(503, overall.statusCode());
      assertEquals("degraded", overall.bodyAsJsonObject().getString("status"));
      String metrics = client.get(node.httpPort(), "127.0.0.1", "/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString();
      assertTrue(metrics.contains("synapse_health_status{status=\"degraded\"} 1.0"), "degraded gauge");
      assertEquals("degraded", body.getString("status"), body.encode());
      assertTrue(body.encode().contains("apps/get-authenticated answered 401"), body.encode());
      assertTrue(!body.encode().contains("BEGIN RSA"), "no key in the answer");
      assertEquals(List.of(401), github.requests("apps/get-authenticated").stream().map(GitHubDouble.Recorded::status).toList());
      assertEquals(List.of(), github.violations());
    } finally {
      node.close().await(30, TimeUnit.SECONDS);
      github.stop();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
