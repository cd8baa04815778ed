package dev.synapse.github;

import static dev.synapse.github.GitHubTestKit.H1;
import static dev.synapse.github.GitHubTestKit.H2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The GitHub App end to end: real octokit webhook payloads, signed, posted to a real embedded
 * node whose SYNAPSE_GITHUB_API_URL points at {@link GitHubDouble}, which checks every request
 * against GitHub's OpenAPI description. App credentials (PKCS#1 key in a file, JWT, installation
 * tokens).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GitHub App flow against a strict GitHub API double")
class GitHubAppFlowTest {
  static final String SECRET = "webhook-secret-for-tests";
  static final String APP_ID = "4242";
  static final String YML = "deep_review_labels: [bug]\n";

  Vertx vertx;
  GitHubDouble github;
  SynapseNode node;
  WebClient client;
  Path dir;

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    dir = Files.createTempDirectory("synapse-github-test");
    KeyPair keys = GitHubTestKit.rsaKeys();
    github = new GitHubDouble(vertx, APP_ID, (RSAPublicKey) keys.getPublic(), null);
    int port = github.start();
    Path pem = dir.resolve("app.pem");
    Files.writeString(pem, GitHubTestKit.pkcs1Pem(keys));
    Map<String, String> env = new HashMap<>(Map.of("SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1",
        "SYNAPSE_SECURITY_POOL_SIZE", "1", "SYNAPSE_PERFORMANCE_POOL_SIZE", "1",
        "SYNAPSE_GITHUB_WEBHOOK_SECRET", SECRET, "SYNAPSE_GITHUB_APP_ID", APP_ID,
        "SYNAPSE_GITHUB_PRIVATE_KEY", pem.toString(), "SYNAPSE_GITHUB_API_URL", "http://127.0.0.1:" + port));
    node = SynapseNode.start(ConfigLoader.load(null, env, null), true).await(60, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) node.close().await(30, TimeUnit.SECONDS);
    github.stop();
    vertx.close().await(30, TimeUnit.SECONDS);
    Files.deleteIfExists(dir.resolve("app.pem"));
    Files.deleteIfExists(dir);
  }

  @BeforeEach
  void resetGitHub() {
    // the start-up GET /app check may land in the first test's log; it is checked like any other
    waitFor(() -> !github.requests("apps/get-authenticated").isEmpty());
    github.reset();
  }

  @AfterEach
  void everyRequestPassedTheOpenApiCheck() {
    assertEquals(List.of(), github.violations(), "requests outside GitHub's OpenAPI description");
    assertEquals(0, github.lineOutsideDiff, "a review comment was placed outside the diff (GitHub: 422)");
  }

  HttpResponse<Buffer> deliver(String event, Buffer body, String delivery) throws Exception {
    return client.post("/webhooks/github").putHeader("Content-Type", "application/json")
        .putHeader("X-GitHub-Event", event).putHeader("X-GitHub-Delivery", delivery)
        .putHeader("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body.getBytes()))
        .sendBuffer(body).await(10, TimeUnit.SECONDS);
  }

  static void waitFor(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not reached within 60 s");
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  JsonObject completedRun(String head) {
    waitFor(() -> {
      synchronized (github) {
        return github.checkRuns.values().stream().anyMatch(r -> head.equals(r.getString("head_sha"))
            && "completed".equals(r.getString("status")));
      }
    });
    synchronized (github) {
      return github.checkRuns.values().stream().filter(r -> head.equals(r.getString("head_sha"))).findFirst().orElseThrow().copy();
    }
  }

  List<JsonObject> annotations(JsonObject run) {
    synchronized (github) {
      return List.copyOf(github.annotations.get(run.getLong("id")));
    }
  }

  static Set<String> places(List<JsonObject> items, String pathKey, String lineKey) {
    return items.stream().map(a -> a.getString(pathKey) + ":" + a.getInteger(lineKey)).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("a signed pull_request.opened ends in a completed check run, one review with inline comments and one summary comment; synchronize updates the same comment and adds nothing twice")
  void openedThenSynchronize() throws Exception {
    github.synapseYml = YML;
    github.prDiff = GitHubTestKit.resource("scenario/pr-v1.diff");
    JsonObject opened = GitHubTestKit.withHead(GitHubTestKit.payload("pull_request.opened.payload.json"), null, H1);
    String delivery = UUID.randomUUID().toString();
    HttpResponse<Buffer> r = deliver("pull_request", GitHubTestKit.bytes(opened), delivery);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    String reviewId = r.bodyAsJsonObject().getString("review_id");
    assertEquals("github:Codertocat/Hello-World#2:" + H1, reviewId);

    JsonObject run = completedRun(H1);
    assertEquals("Synapse", run.getString("name"));
    assertEquals("failure", run.getString("conclusion"), "a high finding fails at the default threshold");
    List<JsonObject> ann = annotations(run);
    assertEquals(Set.of("src/main/java/com/example/UserDao.java:14", "src/main/java/com/example/UserDao.java:19",
        "src/main/java/com/example/Session.java:6"), places(ann, "path", "start_line"));
    assertEquals(Set.of("failure", "warning", "notice"), ann.stream().map(a -> a.getString("annotation_level")).collect(Collectors.toSet()));
    assertTrue(ann.stream().anyMatch(a -> a.getString("title").contains("SYN-SEC-SQLI-001") && a.getString("message").contains("CWE-89")));

    waitFor(() -> github.issueComments.size() == 1);
    List<JsonObject> reviews;
    synchronized (github) {
      reviews = List.copyOf(github.reviews);
    }
    assertEquals(1, reviews.size(), "one review");
    JsonObject review = reviews.get(0);
    assertEquals("COMMENT", review.getString("event"));
    assertEquals(H1, review.getString("commit_id"));
    List<JsonObject> comments = review.getJsonArray("comments").stream().map(o -> (JsonObject) o).toList();
    assertEquals(Set.of("src/main/java/com/example/UserDao.java:14", "src/main/java/com/example/UserDao.java:19",
        "src/main/java/com/example/Session.java:6"), places(comments, "path", "line"));
    assertTrue(comments.stream().allMatch(c -> "RIGHT".equals(c.getString("side"))));
    String md5 = comments.stream().filter(c -> c.getInteger("line") == 19).findFirst().orElseThrow().getString("body");
    assertTrue(md5.contains("```suggestion\n    MessageDigest md = MessageDigest.getInstance(\"SHA-256\");\n```"), md5);
    String cookie = comments.stream().filter(c -> c.getString("path").endsWith("Session.java")).findFirst().orElseThrow().getString("body");
    assertTrue(cookie.contains("```suggestion\n    cookie.setSecure(true);\n```"), cookie);

    JsonObject summary;
    synchronized (github) {
      summary = github.issueComments.values().iterator().next().copy();
    }
    assertTrue(summary.getString("body").startsWith(PullRequestState.MARKER));
    assertTrue(summary.getString("body").contains("| 1 | 1 | 1 | 3 | 0 | 0 |"), summary.getString("body"));

    // The review went through the normal path: visible in the API with the pull request's metadata.
    JsonObject stored = client.get("/api/reviews/" + java.net.URLEncoder.encode(reviewId, "UTF-8")).send()
        .await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    assertEquals("complete", stored.getString("status"), stored.encode());
    JsonArray signals = client.get("/api/signals?type=review.request").send().await(10, TimeUnit.SECONDS)
        .bodyAsJsonObject().getJsonArray("signals");
    JsonObject request = signals.stream().map(o -> ((JsonObject) o).getJsonObject("data"))
        .filter(d -> reviewId.equals(d.getString("review_id"))).findFirst().orElseThrow();
    assertEquals("Codertocat/Hello-World", request.getJsonObject("metadata").getString("repo"));
    assertEquals(2, request.getJsonObject("metadata").getInteger("pull_request"));

    // Redelivery of the same delivery id: nothing runs twice.
    HttpResponse<Buffer> again = deliver("pull_request", GitHubTestKit.bytes(opened), delivery);
    assertEquals(200, again.statusCode());
    assertEquals(true, again.bodyAsJsonObject().getBoolean("duplicate"));

    // synchronize: the push fixes the SQL injection and adds a SHA-1 hash.
    github.compareDiffs.put(H1 + "..." + H2, GitHubTestKit.resource("scenario/push-v1-v2.diff"));
    github.prDiff = GitHubTestKit.resource("scenario/pr-v2.diff");
    JsonObject sync = GitHubTestKit.withHead(GitHubTestKit.payload("pull_request.synchronize.payload.json"), H1, H2);
    assertEquals(202, deliver("pull_request", GitHubTestKit.bytes(sync), UUID.randomUUID().toString()).statusCode());
    JsonObject run2 = completedRun(H2);
    assertEquals("success", run2.getString("conclusion"), "no high finding left");
    assertEquals(Set.of("src/main/java/com/example/Tokens.java:5", "src/main/java/com/example/UserDao.java:20",
        "src/main/java/com/example/Session.java:6"), places(annotations(run2), "path", "start_line"));
    waitFor(() -> {
      synchronized (github) {
        return github.issueComments.values().iterator().next().getInteger("edits") == 1;
      }
    });
    assertEquals(1, github.issueComments.size(), "the summary comment is edited in place, not re-posted");
    String body2;
    synchronized (github) {
      body2 = github.issueComments.values().iterator().next().getString("body");
      reviews = List.copyOf(github.reviews);
    }
    assertTrue(body2.contains("| 0 | 2 | 1 | 1 | 2 | 1 |"), body2);
    assertTrue(body2.contains("### Fixed since the last push") && body2.contains("sql_injection"), body2);
    assertEquals(2, reviews.size());
    List<JsonObject> second = reviews.get(1).getJsonArray("comments").stream().map(o -> (JsonObject) o).toList();
    assertEquals(Set.of("src/main/java/com/example/Tokens.java:5"), places(second, "path", "line"), "only the new finding is commented");
    Set<String> fingerprints = new HashSet<>();
    for (JsonObject rv : reviews) {
      for (Object o : rv.getJsonArray("comments")) {
        String b = ((JsonObject) o).getString("body");
        String fp = b.substring(b.indexOf("synapse:fingerprint ") + 20, b.indexOf(" -->", b.indexOf("synapse:fingerprint ")));
        assertTrue(fingerprints.add(fp), "fingerprint commented twice: " + fp);
      }
    }
    assertEquals(1, github.requests("repos/compare-commits-with-basehead").size(), "synchronize reviews only the push");

    String metrics = client.get("/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString();
    assertTrue(metrics.contains("synapse_github_events_total{action=\"opened\",event=\"pull_request\",outcome=\"duplicate\"} 1.0"), metrics);
    assertTrue(metrics.contains("synapse_github_api_requests_total{operation=\"checks/create\",status=\"201\"}"));
    assertTrue(metrics.contains("synapse_github_api_request_duration_seconds_bucket"));
    assertFalse(metrics.contains("ghs_"), "no token in metrics");
  }
}
