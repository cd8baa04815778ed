package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.synapse.agent.AgentNames;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.SarifRenderer;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.Severity;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API routes of DESIGN.md section 3 through a real HTTP client against an open node. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ApiRoutesTest {
  static final String DIFF = """
      diff --git a/src/greeting.py b/src/greeting.py
      index 1111111..2222222 100644
      --- a/src/greeting.py
      +++ b/src/greeting.py
      @@ -1,2 +1,2 @@
       def greet(name):
      -    return "Hello " + name
      +    return "Hello, " + name
      """;

  private static SynapseNode node;
  private WebClient web;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNodes.start(Map.of());
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void client(Vertx vertx) {
    web = TestNodes.client(vertx, node);
  }

  @AfterEach
  void closeClient() {
    web.close();
  }

  private HttpResponse<Buffer> get(String uri) throws Exception {
    return web.get(uri).send().await(30, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> postJson(String uri, JsonObject body) throws Exception {
    return web.post(uri).putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()).await(30, TimeUnit.SECONDS);
  }

  private static String newId() {
    return "t-" + UUID.randomUUID();
  }

  private static void assertError(HttpResponse<Buffer> resp, int status, String code) {
    assertEquals(status, resp.statusCode(), resp.bodyAsString());
    assertTrue(resp.getHeader("Content-Type").startsWith("application/json"), resp.getHeader("Content-Type"));
    JsonObject body = resp.bodyAsJsonObject();
    assertEquals(code, body.getString("error"), body.encode());
    assertNotNull(body.getString("message"));
    assertFalse(resp.bodyAsString().contains("\tat "), "no stack trace");
  }

  @Test
  @DisplayName("GET /api/reviews lists reviews newest first with total and a next link")
  void listsPaginated() throws Exception {
    String a = newId();
    String b = newId();
    String c = newId();
    for (String id : List.of(a, b, c)) TestNodes.plantRunning(node, id);
    JsonObject page = get("/api/reviews?limit=2").bodyAsJsonObject();
    JsonArray reviews = page.getJsonArray("reviews");
    assertEquals(2, reviews.size());
    assertEquals(c, reviews.getJsonObject(0).getString("review_id"));
    assertEquals(b, reviews.getJsonObject(1).getString("review_id"));
    assertTrue(page.getInteger("total") >= 3);
    assertEquals("/api/reviews?limit=2&offset=2", page.getString("next"));
    JsonObject second = get(page.getString("next")).bodyAsJsonObject();
    assertEquals(a, second.getJsonArray("reviews").getJsonObject(0).getString("review_id"));
  }

  @Test
  @DisplayName("GET /api/reviews refuses a limit of 0, a non-numeric limit and a negative offset with 400")
  void listRejectsBadParams() throws Exception {
    assertError(get("/api/reviews?limit=0"), 400, "invalid_request");
    HttpResponse<Buffer> abc = get("/api/reviews?limit=abc");
    assertError(abc, 400, "invalid_request");
    assertEquals("limit", abc.bodyAsJsonObject().getJsonObject("details").getString("field"));
    assertEquals("offset", get("/api/reviews?offset=-1").bodyAsJsonObject().getJsonObject("details").getString("field"));
  }

  @Test
  @DisplayName("GET /api/reviews/{id}/sarif answers a SARIF 2.1.0 log that validates against the schema")
  void sarifValidates() throws Exception {
    String id = newId();
    TestNodes.plantFinished(node, id, "acme/app", List.of(
        TestNodes.finding("sql_injection", Severity.HIGH, "lib/repo.ex", 11, "fp-1", AgentNames.SECURITY)));
    HttpResponse<Buffer> resp = get("/api/reviews/" + id + "/sarif");
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    assertEquals(SarifRenderer.MEDIA_TYPE, resp.getHeader("Content-Type"));
    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/sarif-schema-2.1.0.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    assertEquals(List.of(), schema.validate(resp.bodyAsString(), InputFormat.JSON));
    JsonObject result = resp.bodyAsJsonObject().getJsonArray("runs").getJsonObject(0).getJsonArray("results").getJsonObject(0);
    assertEquals("lib/repo.ex", result.getJsonArray("locations").getJsonObject(0).getJsonObject("physicalLocation")
        .getJsonObject("artifactLocation").getString("uri"));
  }

  @Test
  @DisplayName("a large review's SARIF log (rendered on a worker thread) holds one result per finding")
  void largeSarif() throws Exception {
    String id = newId();
    List<dev.synapse.signal.Finding> findings = new java.util.ArrayList<>();
    for (int i = 0; i < ReviewQueryRoutes.INLINE_SARIF_FINDINGS + 10; i++) {
      findings.add(TestNodes.finding("xss", Severity.MEDIUM, "web/page" + i + ".js", i + 1, "fp-large-" + i, AgentNames.SECURITY));
    }
    TestNodes.plantFinished(node, id, null, findings);
    HttpResponse<Buffer> resp = get("/api/reviews/" + id + "/sarif");
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    assertEquals(findings.size(), resp.bodyAsJsonObject().getJsonArray("runs").getJsonObject(0).getJsonArray("results").size());
  }

  @Test
  @DisplayName("GET /api/reviews/{id}/sarif answers 404 for an unknown review and 409 before its summary")
  void sarifErrors() throws Exception {
    assertError(get("/api/reviews/nope-" + UUID.randomUUID() + "/sarif"), 404, "not_found");
    String id = newId();
    TestNodes.plantRunning(node, id);
    assertError(get("/api/reviews/" + id + "/sarif"), 409, "review_in_progress");
  }

  @Test
  @DisplayName("a false_positive verdict becomes a learned pattern that suppresses the fingerprint for that repository")
  void falsePositiveLearned(VertxTestContext test) throws Exception {
    String id = newId();
    TestNodes.plantFinished(node, id, "acme/fp", List.of(
        TestNodes.finding("sql_injection", Severity.HIGH, "a.py", 3, "fp-learn", AgentNames.SECURITY)));
    Checkpoint published = test.checkpoint();
    node.vertx().eventBus().<JsonObject>consumer(Addresses.FEEDBACK, m -> {
      if ("fp-learn".equals(m.body().getJsonObject("pattern").getString("fingerprint"))) published.flag();
    }).completion().await(5, TimeUnit.SECONDS);
    HttpResponse<Buffer> resp = postJson("/api/reviews/" + id + "/feedback",
        new JsonObject().put("fingerprint", "fp-learn").put("verdict", "false_positive").put("note", "test data"));
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    assertEquals("acme/fp", resp.bodyAsJsonObject().getJsonObject("pattern").getString("repo"));
    var learned = node.context().agents().state(AgentNames.SECURITY).learned();
    assertTrue(learned.suppresses("acme/fp", "fp-learn"));
    assertFalse(learned.suppresses("other/repo", "fp-learn"));
  }

  @Test
  @DisplayName("after a false_positive verdict the same finding is suppressed in a later review of the same repository only")
  void falsePositiveSuppressesLaterReviews() throws Exception {
    JsonObject first = postJson("/api/reviews?wait=30", sqli("acme/suppress")).bodyAsJsonObject();
    JsonArray findings = first.getJsonArray("findings");
    assertFalse(findings.isEmpty(), first.encode());
    String fingerprint = findings.getJsonObject(0).getString("fingerprint");
    HttpResponse<Buffer> verdict = postJson("/api/reviews/" + first.getString("review_id") + "/feedback",
        new JsonObject().put("fingerprint", fingerprint).put("verdict", "false_positive"));
    assertEquals(200, verdict.statusCode(), verdict.bodyAsString());
    JsonObject again = postJson("/api/reviews?wait=30", sqli("acme/suppress")).bodyAsJsonObject();
    assertTrue(again.getJsonArray("findings").stream().noneMatch(f -> fingerprint.equals(((JsonObject) f).getString("fingerprint"))),
        again.encode());
    assertTrue(again.getJsonObject("metadata").getInteger("suppressed") >= 1, again.encode());
    JsonObject otherRepo = postJson("/api/reviews?wait=30", sqli("acme/other")).bodyAsJsonObject();
    assertTrue(otherRepo.getJsonArray("findings").stream().anyMatch(f -> fingerprint.equals(((JsonObject) f).getString("fingerprint"))),
        otherRepo.encode());
  }

  private static boolean hasFinding(JsonObject summary, String fingerprint) {
    return summary.getJsonArray("findings").stream().anyMatch(f -> fingerprint.equals(((JsonObject) f).getString("fingerprint")));
  }

  @Test
  @DisplayName("a false_positive on a review without a repository suppresses nothing in later repository-less reviews")
  void falsePositiveWithoutRepositoryStaysWithItsReview() throws Exception {
    JsonObject noRepo = new JsonObject().put("diff", ReviewFlowTest.SQLI_DIFF).put("labels", new JsonArray().add("security"));
    JsonObject first = postJson("/api/reviews?wait=30", noRepo).bodyAsJsonObject();
    String fingerprint = first.getJsonArray("findings").getJsonObject(0).getString("fingerprint");
    HttpResponse<Buffer> verdict = postJson("/api/reviews/" + first.getString("review_id") + "/feedback",
        new JsonObject().put("fingerprint", fingerprint).put("verdict", "false_positive"));
    assertEquals(200, verdict.statusCode(), verdict.bodyAsString());
    assertEquals("review", verdict.bodyAsJsonObject().getJsonObject("pattern").getString("scope"));
    JsonObject later = postJson("/api/reviews?wait=30", noRepo).bodyAsJsonObject();
    assertTrue(hasFinding(later, fingerprint), later.encode());
  }

  @Test
  @DisplayName("GET /api/suppressions lists who suppressed what, where and when; DELETE revokes it and the finding comes back")
  void listAndRevokeSuppressions() throws Exception {
    String repo = "acme/revoke-" + newId();
    JsonObject first = postJson("/api/reviews?wait=30", sqli(repo)).bodyAsJsonObject();
    String fingerprint = first.getJsonArray("findings").getJsonObject(0).getString("fingerprint");
    assertEquals(200, postJson("/api/reviews/" + first.getString("review_id") + "/feedback",
        new JsonObject().put("fingerprint", fingerprint).put("verdict", "false_positive").put("note", "test fixture"))
        .statusCode());
    assertFalse(hasFinding(postJson("/api/reviews?wait=30", sqli(repo)).bodyAsJsonObject(), fingerprint));

    HttpResponse<Buffer> list = get("/api/suppressions");
    assertEquals(200, list.statusCode(), list.bodyAsString());
    JsonObject entry = list.bodyAsJsonObject().getJsonArray("suppressions").stream().map(o -> (JsonObject) o)
        .filter(j -> repo.equals(j.getString("repo"))).findFirst().orElseThrow(() -> new AssertionError(list.bodyAsString()));
    assertEquals("repository", entry.getString("scope"));
    assertEquals(fingerprint, entry.getString("fingerprint"));
    assertEquals("false_positive", entry.getString("verdict"));
    assertEquals("test fixture", entry.getString("note"));
    assertTrue(entry.getString("by").startsWith("open:127.0.0.1"), entry.encode());
    assertNotNull(Instant.parse(entry.getString("at")));

    HttpResponse<Buffer> revoked = web.delete("/api/suppressions/" + entry.getString("id")).send().await(30, TimeUnit.SECONDS);
    assertEquals(200, revoked.statusCode(), revoked.bodyAsString());
    assertEquals(entry.getString("id"), revoked.bodyAsJsonObject().getJsonObject("revoked").getString("id"));
    assertTrue(hasFinding(postJson("/api/reviews?wait=30", sqli(repo)).bodyAsJsonObject(), fingerprint));
    assertError(web.delete("/api/suppressions/" + entry.getString("id")).send().await(30, TimeUnit.SECONDS), 404, "not_found");
  }

  private static JsonObject sqli(String repo) {
    return new JsonObject().put("diff", ReviewFlowTest.SQLI_DIFF).put("labels", new JsonArray().add("security"))
        .put("metadata", new JsonObject().put("repo", repo));
  }

  @Test
  @DisplayName("a confirmed verdict is recorded but suppresses nothing")
  void confirmedRecorded() throws Exception {
    String id = newId();
    TestNodes.plantFinished(node, id, "acme/ok", List.of(
        TestNodes.finding("xss", Severity.MEDIUM, "a.js", 3, "fp-confirm", AgentNames.SECURITY)));
    var learned = node.context().agents().state(AgentNames.SECURITY).learned();
    int before = learned.size();
    HttpResponse<Buffer> resp = postJson("/api/reviews/" + id + "/feedback",
        new JsonObject().put("fingerprint", "fp-confirm").put("verdict", "confirmed"));
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    assertEquals(before + 1, learned.size());
    assertFalse(learned.suppresses("acme/ok", "fp-confirm"));
  }

  @Test
  @DisplayName("feedback answers 400 for a bad verdict, 404 for an unknown fingerprint or review, 415 for non-JSON")
  void feedbackErrors() throws Exception {
    String id = newId();
    TestNodes.plantFinished(node, id, null, List.of(
        TestNodes.finding("xss", Severity.LOW, "a.js", 1, "fp-e", AgentNames.SECURITY)));
    HttpResponse<Buffer> bad = postJson("/api/reviews/" + id + "/feedback",
        new JsonObject().put("fingerprint", "fp-e").put("verdict", "maybe"));
    assertError(bad, 400, "invalid_request");
    assertEquals("verdict", bad.bodyAsJsonObject().getJsonObject("details").getString("field"));
    assertError(postJson("/api/reviews/" + id + "/feedback",
        new JsonObject().put("fingerprint", 42).put("verdict", "confirmed")), 400, "invalid_request");
    assertError(postJson("/api/reviews/" + id + "/feedback",
        new JsonObject().put("fingerprint", "nope").put("verdict", "confirmed")), 404, "not_found");
    assertError(postJson("/api/reviews/unknown-" + UUID.randomUUID() + "/feedback",
        new JsonObject().put("fingerprint", "fp-e").put("verdict", "confirmed")), 404, "not_found");
    assertError(web.post("/api/reviews/" + id + "/feedback").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("hi")).await(30, TimeUnit.SECONDS), 415, "unsupported_media_type");
    assertError(web.post("/api/reviews/" + id + "/feedback").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{not json")).await(30, TimeUnit.SECONDS), 400, "invalid_json");
  }

  @Test
  @DisplayName("GET /api/signals replays a review's request, results and summary in order, filtered by type and time")
  void signalsReplay() throws Exception {
    String id = newId();
    Instant before = Instant.now().minusSeconds(1);
    HttpResponse<Buffer> done = postJson("/api/reviews?wait=20", new JsonObject().put("review_id", id).put("diff", DIFF)
        .put("labels", new JsonArray().add("security")));
    assertEquals(200, done.statusCode(), done.bodyAsString());
    JsonArray signals = get("/api/signals?type=review.*&limit=1000&since=" + before).bodyAsJsonObject().getJsonArray("signals");
    List<String> types = signals.stream().map(o -> (JsonObject) o)
        .filter(s -> id.equals(s.getJsonObject("data").getString("review_id"))).map(s -> s.getString("type")).toList();
    assertEquals("review.request", types.get(0));
    assertEquals("review.summary", types.get(types.size() - 1));
    assertTrue(types.contains("review.result"), types.toString());
    JsonObject onlySummaries = get("/api/signals?type=review.summary&limit=1000").bodyAsJsonObject();
    assertTrue(onlySummaries.getJsonArray("signals").stream().allMatch(o -> "review.summary".equals(((JsonObject) o).getString("type"))));
    assertEquals(0, get("/api/signals?since=2999-01-01T00:00:00%2B02:00").bodyAsJsonObject().getInteger("count"));
  }

  @Test
  @DisplayName("GET /api/signals answers 400 for a malformed pattern, timestamp or limit")
  void signalsErrors() throws Exception {
    assertError(get("/api/signals?type=review.re*"), 400, "invalid_request");
    assertError(get("/api/signals?since=yesterday"), 400, "invalid_request");
    assertError(get("/api/signals?limit=100000"), 400, "invalid_request");
  }

  @Test
  @DisplayName("GET /api/agents lists agent types with pool sizes, live instances, state sizes and the node id")
  void agents() throws Exception {
    JsonObject body = get("/api/agents").bodyAsJsonObject();
    assertEquals(node.context().nodeId(), body.getString("node_id"));
    JsonObject security = body.getJsonObject("agents").getJsonObject(AgentNames.SECURITY);
    assertEquals(1, security.getInteger("pool_size"));
    assertEquals(1, security.getInteger("live_instances"));
    assertNotNull(security.getJsonObject("state").getInteger("learned_patterns"));
    assertTrue(body.getJsonArray("nodes").contains(node.context().nodeId()));
    assertFalse(body.getBoolean("clustered"));
  }

  @Test
  @DisplayName("re-submitting a review id answers 200 with the existing review and duplicate=true")
  void idempotentSubmit() throws Exception {
    String id = newId();
    JsonObject body = new JsonObject().put("review_id", id).put("diff", DIFF);
    HttpResponse<Buffer> first = postJson("/api/reviews", body);
    HttpResponse<Buffer> second = postJson("/api/reviews", body);
    assertEquals(202, first.statusCode());
    assertNull(first.bodyAsJsonObject().getBoolean("duplicate"));
    assertEquals(200, second.statusCode());
    assertEquals(id, second.bodyAsJsonObject().getString("review_id"));
    assertTrue(second.bodyAsJsonObject().getBoolean("duplicate"));
    assertEquals("/api/reviews/" + id, second.getHeader("Location"));
  }

  @Test
  @DisplayName("re-submitting a review id with ?wait answers the summary with duplicate=true")
  void idempotentSubmitWithWait() throws Exception {
    String id = newId();
    JsonObject body = new JsonObject().put("review_id", id).put("diff", DIFF);
    HttpResponse<Buffer> first = postJson("/api/reviews?wait=30", body);
    assertEquals(200, first.statusCode());
    assertNull(first.bodyAsJsonObject().getBoolean("duplicate"));
    HttpResponse<Buffer> again = postJson("/api/reviews?wait=30",
        body.copy().put("diff", DIFF.replace("\n", "\r\n") + "\n\n"));
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(id, again.bodyAsJsonObject().getString("review_id"));
    assertNotNull(again.bodyAsJsonObject().getString("status"), again.bodyAsString());
    assertTrue(again.bodyAsJsonObject().getBoolean("duplicate"), again.bodyAsString());
  }

  @Test
  @DisplayName("a different diff under a known review id answers 409 conflict naming the id")
  void conflictingDiffUnderKnownId() throws Exception {
    String id = newId();
    assertEquals(200, postJson("/api/reviews?wait=30", new JsonObject().put("review_id", id).put("diff", DIFF)).statusCode());
    HttpResponse<Buffer> other = postJson("/api/reviews?wait=30",
        new JsonObject().put("review_id", id).put("diff", DIFF.replace("Hello, ", "Hi, ")));
    assertError(other, 409, "conflict");
    assertTrue(other.bodyAsJsonObject().getString("message").contains(id), other.bodyAsString());
    assertEquals(id, other.bodyAsJsonObject().getJsonObject("details").getString("review_id"));
  }

  @Test
  @DisplayName("unknown routes answer 404 JSON and wrong methods 405 JSON")
  void unknownRouteAndMethod() throws Exception {
    assertError(get("/api/nothing-here"), 404, "not_found");
    assertError(get("/favicon.ico"), 404, "not_found");
    assertError(web.delete("/api/reviews").send().await(30, TimeUnit.SECONDS), 405, "method_not_allowed");
    assertError(web.put("/api/agents").send().await(30, TimeUnit.SECONDS), 405, "method_not_allowed");
  }

  @Test
  @DisplayName("malformed JSON, wrong field types and an unsupported media type never produce a 500")
  void badInput() throws Exception {
    assertError(web.post("/api/reviews").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"diff\": ")).await(30, TimeUnit.SECONDS), 400, "invalid_json");
    HttpResponse<Buffer> wrongType = postJson("/api/reviews", new JsonObject().put("diff", 5));
    assertEquals(400, wrongType.statusCode(), wrongType.bodyAsString());
    assertError(web.post("/api/reviews").putHeader("Content-Type", "image/png")
        .sendBuffer(Buffer.buffer("x")).await(30, TimeUnit.SECONDS), 415, "unsupported_media_type");
  }
}
