package dev.synapse.github;

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
    // 5 MiB (the default was raised to 50 MiB, issue 16): diffTooLarge serves a 6 MiB diff
    env.put("SYNAPSE_MAX_DIFF_BYTES", "5242880");
    node = SynapseNode.start(ConfigLoader.load(null, env, null), true).await(60, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
    // the start-up GET /app check, made with the app JWT, is checked like any other request
    waitFor(() -> !github.requests("apps/get-authenticated").isEmpty());
    assertEquals(200, github.requests("apps/get-authenticated").get(0).status());
    assertEquals(List.of(), github.violations());
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) node.close().await(30, TimeUnit.SECONDS);
    github.stop();
    vertx.close().await(30, TimeUnit.SECONDS);
    Files.deleteIfExists(dir.resolve("app.pem"));
    Files.deleteIfExists(dir);
  }

  /** Heads of this test's pushes: new per test, since a review id (repo, number, head) is reviewed once per node. */
  String H1;
  String H2;

  @BeforeEach
  void resetGitHub() {
    github.reset();
    H1 = GitHubTestKit.randomSha();
    H2 = GitHubTestKit.randomSha();
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

  static String manyFindingsDiff(int n) {
    StringBuilder sb = new StringBuilder();
    int lines = n + 6;
    sb.append("diff --git a/src/main/java/com/example/Hashes.java b/src/main/java/com/example/Hashes.java\n")
        .append("new file mode 100644\nindex 0000000..6666666\n--- /dev/null\n+++ b/src/main/java/com/example/Hashes.java\n")
        .append("@@ -0,0 +1,").append(lines).append(" @@\n")
        .append("+package com.example;\n+\n+public class Hashes {\n+  void all() throws Exception {\n");
    for (int i = 0; i < n; i++) {
      sb.append("+    java.security.MessageDigest.getInstance(\"MD5\").digest(new byte[] {").append(i).append("});\n");
    }
    return sb.append("+  }\n+}\n").toString();
  }

  JsonObject opened(String head) {
    return GitHubTestKit.withHead(GitHubTestKit.payload("pull_request.opened.payload.json"), null, head);
  }

  @Test
  @DisplayName("120 findings: annotations go in batches of at most 50 on the same check run, all 120 arrive")
  void annotationBatches() throws Exception {
    github.synapseYml = YML;
    github.prDiff = manyFindingsDiff(120);
    assertEquals(202, deliver("pull_request", GitHubTestKit.bytes(opened(H1)), UUID.randomUUID().toString()).statusCode());
    JsonObject run = completedRun(H1);
    assertEquals(120, annotations(run).size());
    // the double records a request after applying it: wait for the third record, not only its effect
    waitFor(() -> github.requests("checks/update").size() >= 3);
    List<GitHubDouble.Recorded> updates = github.requests("checks/update");
    assertEquals(3, updates.size(), "50 + 50 + 20");
    assertEquals(List.of(50, 50, 20), updates.stream().map(u -> u.body().getJsonObject("output").getJsonArray("annotations").size()).toList());
    assertEquals("completed", updates.get(2).body().getString("status"), "the last batch completes the run");
    assertTrue(updates.get(0).body().getString("status") == null, "earlier batches leave it in progress");
    waitFor(() -> github.issueComments.size() == 1);
    synchronized (github) {
      assertEquals(ReviewComments.MAX_COMMENTS, github.reviews.get(0).getJsonArray("comments").size());
      assertTrue(github.reviews.get(0).getString("body").contains("70 more are listed only in the check run"));
    }
  }

  @Test
  @DisplayName("a finding on a line outside the pull request's diff gets an annotation but no inline comment (GitHub would answer 422)")
  void noCommentOutsideTheDiff() throws Exception {
    github.synapseYml = YML;
    // the push adds Tokens.java, but the pull request's diff (what GitHub accepts comments on) does not show it
    github.compareDiffs.put(H1 + "..." + H2, GitHubTestKit.resource("scenario/push-v1-v2.diff"));
    github.prDiff = GitHubTestKit.resource("scenario/pr-v1.diff");
    JsonObject sync = GitHubTestKit.withHead(GitHubTestKit.payload("pull_request.synchronize.payload.json"), H1, H2);
    assertEquals(202, deliver("pull_request", GitHubTestKit.bytes(sync), UUID.randomUUID().toString()).statusCode());
    JsonObject run = completedRun(H2);
    assertEquals(Set.of("src/main/java/com/example/Tokens.java:5"), places(annotations(run), "path", "start_line"));
    waitFor(() -> github.issueComments.size() == 1);
    assertEquals(List.of(), github.requests("pulls/create-review"), "no review: its only comment would be outside the diff");
  }

  @Test
  @DisplayName("reopened and ready_for_review (real payloads) are reviewed like opened")
  void reopenedAndReadyForReview() throws Exception {
    github.prDiff = GitHubTestKit.resource("scenario/pr-v1.diff");
    for (String name : List.of("pull_request.reopened.payload.json", "pull_request.ready_for_review.with-installation.payload.json")) {
      String head = GitHubTestKit.randomSha();
      HttpResponse<Buffer> r = deliver("pull_request", GitHubTestKit.bytes(GitHubTestKit.withHead(GitHubTestKit.payload(name), null, head)),
          UUID.randomUUID().toString());
      assertEquals(202, r.statusCode(), name + ": " + r.bodyAsString());
      assertEquals("failure", completedRun(head).getString("conclusion"), name);
    }
    waitFor(() -> github.issueComments.size() == 1 && github.issueComments.values().iterator().next().getInteger("edits") == 1);
  }

  @Test
  @DisplayName("a diff over SYNAPSE_MAX_DIFF_BYTES gets a neutral check run saying so, not silence")
  void diffTooLarge() throws Exception {
    github.prDiff = "diff --git a/big.txt b/big.txt\n" + "x".repeat(6 * 1024 * 1024);
    assertEquals(202, deliver("pull_request", GitHubTestKit.bytes(opened(H1)), UUID.randomUUID().toString()).statusCode());
    JsonObject run = completedRun(H1);
    assertEquals("neutral", run.getString("conclusion"));
    assertEquals("Diff too large", run.getJsonObject("output").getString("title"));
    assertTrue(run.getJsonObject("output").getString("summary").contains("SYNAPSE_MAX_DIFF_BYTES"));
  }

  @Test
  @DisplayName("a fork's pull request (403 on comments and reviews) still gets its completed check run")
  void forkStillGetsTheCheckRun() throws Exception {
    github.synapseYml = YML;
    github.prDiff = GitHubTestKit.resource("scenario/pr-v1.diff");
    github.forbidComments = true;
    assertEquals(202, deliver("pull_request", GitHubTestKit.bytes(opened(H1)), UUID.randomUUID().toString()).statusCode());
    JsonObject run = completedRun(H1);
    assertEquals("failure", run.getString("conclusion"));
    assertEquals(3, annotations(run).size());
    waitFor(() -> !github.requests("issues/create-comment").isEmpty() && !github.requests("pulls/create-review").isEmpty());
    assertEquals(List.of(403), github.requests("pulls/create-review").stream().map(GitHubDouble.Recorded::status).toList(),
        () -> github.requests().toString());
    assertEquals(403, github.requests("issues/create-comment").get(0).status());
    assertTrue(github.reviews.isEmpty() && github.issueComments.isEmpty());
  }

  @Test
  @DisplayName("a 403 secondary rate limit with Retry-After is waited out and the call retried")
  void secondaryRateLimit() throws Exception {
    github.prDiff = GitHubTestKit.resource("scenario/pr-v1.diff");
    github.rateLimitOnce = "checks/create";
    assertEquals(202, deliver("pull_request", GitHubTestKit.bytes(opened(H1)), UUID.randomUUID().toString()).statusCode());
    JsonObject run = completedRun(H1);
    assertEquals("failure", run.getString("conclusion"));
    assertEquals(List.of(403, 201), github.requests("checks/create").stream().map(GitHubDouble.Recorded::status).toList());
    assertEquals(1, github.checkRuns.size());
    waitFor(() -> github.issueComments.size() == 1); // the job's last step, so nothing of it spills into the next test
  }

  @Test
  @DisplayName("an invalid .synapse.yml gives a failed check run that names the line, and no review")
  void invalidRepositoryConfiguration() throws Exception {
    github.synapseYml = "fail_on: high\ndisable:\n  - sql_injection\nmin_confidence: 7\n";
    github.prDiff = GitHubTestKit.resource("scenario/pr-v1.diff");
    assertEquals(202, deliver("pull_request", GitHubTestKit.bytes(opened(H1)), UUID.randomUUID().toString()).statusCode());
    JsonObject run = completedRun(H1);
    assertEquals("failure", run.getString("conclusion"));
    assertTrue(run.getJsonObject("output").getString("summary").contains(".synapse.yml line 4"), run.encode());
    assertEquals(List.of(), github.requests("pulls/get"), "nothing reviewed");
  }

  @Test
  @DisplayName("signature: good passes; bad, missing, or computed over other bytes (re-serialised JSON) is 401")
  void signatures() throws Exception {
    byte[] original = GitHubTestKit.resource("webhook-payloads/pull_request.closed.payload.json").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String good = new WebhookSignature(SECRET).sign(original);
    HttpResponse<Buffer> ok = post(original, good, "pull_request");
    assertEquals(202, ok.statusCode());
    assertTrue(ok.bodyAsJsonObject().getString("ignored").contains("closed"));
    // same JSON, re-serialised (whitespace and escapes differ): GitHub signs bytes, not values
    byte[] reserialised = new JsonObject(new String(original, java.nio.charset.StandardCharsets.UTF_8)).encode()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(java.util.Arrays.equals(original, reserialised));
    assertEquals(401, post(reserialised, good, "pull_request").statusCode());
    assertEquals(401, post(original, new WebhookSignature("wrong-secret").sign(original), "pull_request").statusCode());
    HttpResponse<Buffer> missing = post(original, null, "pull_request");
    assertEquals(401, missing.statusCode());
    assertEquals("unauthorized", missing.bodyAsJsonObject().getString("error"));
    assertEquals(401, post(original, "sha256=" + "0".repeat(64), "pull_request").statusCode());
    assertEquals(401, post(original, "sha1=abc", "pull_request").statusCode());
    // any content type: the signature is checked over the raw bytes before anything reads them
    HttpResponse<Buffer> formBad = client.post("/webhooks/github").putHeader("Content-Type", "application/x-www-form-urlencoded")
        .putHeader("X-GitHub-Event", "ping").putHeader("X-GitHub-Delivery", "d-1").putHeader("X-Hub-Signature-256", "sha256=0000")
        .sendBuffer(Buffer.buffer(original)).await(10, TimeUnit.SECONDS);
    assertEquals(401, formBad.statusCode(), formBad.bodyAsString());
    // a webhook configured with application/x-www-form-urlencoded: JSON in the payload field, signed as sent
    byte[] form = ("payload=" + java.net.URLEncoder.encode(GitHubTestKit.resource("webhook-payloads/ping.payload.json"),
        java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<Buffer> formOk = client.post("/webhooks/github").putHeader("Content-Type", "application/x-www-form-urlencoded")
        .putHeader("X-GitHub-Event", "ping").putHeader("X-GitHub-Delivery", "d-2")
        .putHeader("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(form)).sendBuffer(Buffer.buffer(form)).await(10, TimeUnit.SECONDS);
    assertEquals(200, formOk.statusCode(), formOk.bodyAsString());
  }

  HttpResponse<Buffer> post(byte[] body, String signature, String event) throws Exception {
    var req = client.post("/webhooks/github").putHeader("Content-Type", "application/json")
        .putHeader("X-GitHub-Event", event).putHeader("X-GitHub-Delivery", UUID.randomUUID().toString());
    if (signature != null) req.putHeader("X-Hub-Signature-256", signature);
    return req.sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("ping is 200; installation, closed and draft pull requests are 202 ignored; nothing is published")
  void pingAndIgnoredEvents() throws Exception {
    HttpResponse<Buffer> ping = deliver("ping", Buffer.buffer(GitHubTestKit.resource("webhook-payloads/ping.payload.json")), UUID.randomUUID().toString());
    assertEquals(200, ping.statusCode());
    assertEquals(true, ping.bodyAsJsonObject().getBoolean("pong"));
    HttpResponse<Buffer> inst = deliver("installation", Buffer.buffer(GitHubTestKit.resource("webhook-payloads/installation.created.payload.json")), UUID.randomUUID().toString());
    assertEquals(202, inst.statusCode());
    assertTrue(inst.bodyAsJsonObject().getString("ignored").contains("installation"));
    JsonObject draft = opened(H1);
    draft.getJsonObject("pull_request").put("draft", true);
    HttpResponse<Buffer> d = deliver("pull_request", GitHubTestKit.bytes(draft), UUID.randomUUID().toString());
    assertEquals(202, d.statusCode());
    assertTrue(d.bodyAsJsonObject().getString("ignored").contains("draft"));
    assertEquals(List.of(), github.requests());
  }

  @Test
  @DisplayName("malformed payloads and headers answer 400 naming the field")
  void malformed() throws Exception {
    JsonObject noSha = opened(H1);
    noSha.getJsonObject("pull_request").getJsonObject("head").remove("sha");
    HttpResponse<Buffer> r = deliver("pull_request", GitHubTestKit.bytes(noSha), UUID.randomUUID().toString());
    assertEquals(400, r.statusCode());
    assertEquals("pull_request.head.sha", r.bodyAsJsonObject().getJsonObject("details").getString("field"));
    HttpResponse<Buffer> notJson = deliver("pull_request", Buffer.buffer("{not json"), UUID.randomUUID().toString());
    assertEquals(400, notJson.statusCode());
    assertEquals("invalid_payload", notJson.bodyAsJsonObject().getString("error"));
    Buffer body = GitHubTestKit.bytes(opened(H1));
    HttpResponse<Buffer> noDelivery = client.post("/webhooks/github").putHeader("X-GitHub-Event", "pull_request")
        .putHeader("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body.getBytes())).sendBuffer(body).await(10, TimeUnit.SECONDS);
    assertEquals(400, noDelivery.statusCode());
    assertEquals("X-GitHub-Delivery", noDelivery.bodyAsJsonObject().getJsonObject("details").getString("field"));
    assertEquals(List.of(), github.requests());
  }

  @Test
  @DisplayName("/health/ready carries a passing github check while GitHub accepts the credentials")
  void healthCheckPasses() throws Exception {
    JsonObject health = client.get("/health/ready").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    assertTrue(health.encode().contains("github"), health.encode());
    assertEquals("healthy", health.getString("status"), health.encode());
  }
}
