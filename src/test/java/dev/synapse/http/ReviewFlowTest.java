package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The whole flow through the real HTTP API of a real embedded node. */
class ReviewFlowTest {
  static final String SQLI_DIFF = """
      diff --git a/lib/user_repository.ex b/lib/user_repository.ex
      index abc123..def456 100644
      --- a/lib/user_repository.ex
      +++ b/lib/user_repository.ex
      @@ -10,7 +10,7 @@ defmodule UserRepository do
         def find_by_email(email) do
      -    query = "SELECT * FROM users WHERE email = ?"
      -    Repo.query(query, [email])
      +    query = "SELECT * FROM users WHERE email = '#{email}'"
      +    Repo.query(query)
         end
       end
      """;

  static final String CLEAN_DIFF = """
      diff --git a/src/greeting.py b/src/greeting.py
      index 1111111..2222222 100644
      --- a/src/greeting.py
      +++ b/src/greeting.py
      @@ -1,3 +1,4 @@
       def greet(name):
      -    return "Hello " + name
      +    greeting = "Hello, " + name
      +    return greeting.strip()
      \s
      """;

  private static SynapseNode node;
  private static Vertx client;
  private static WebClient web;

  @BeforeAll
  static void start() throws Exception {
    node = SynapseNode.start(SynapseConfig.defaults().withHttpPort(0), true).await(60, TimeUnit.SECONDS);
    client = Vertx.vertx();
    web = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    web.close();
    client.close().await(10, TimeUnit.SECONDS);
    node.close().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> post(String uri, JsonObject body) throws Exception {
    return web.post(uri).putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer())
        .await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("the labelled SQL-injection example yields one high sql_injection finding on line 11 via the deep review")
  void sqlInjectionExample() throws Exception {
    HttpResponse<Buffer> resp = post("/api/reviews?wait=20", new JsonObject().put("diff", SQLI_DIFF)
        .put("labels", new JsonArray().add("security")));
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    JsonObject summary = resp.bodyAsJsonObject();
    assertEquals("complete", summary.getString("status"));
    assertEquals("deep_review", summary.getJsonObject("metadata").getString("decision_path"));
    JsonArray sqli = new JsonArray();
    summary.getJsonArray("findings").forEach(f -> {
      if ("sql_injection".equals(((JsonObject) f).getString("type"))) sqli.add(f);
    });
    assertEquals(1, sqli.size(), summary.encodePrettily());
    JsonObject f = sqli.getJsonObject(0);
    assertEquals("high", f.getString("severity"));
    assertEquals("lib/user_repository.ex", f.getString("file"));
    assertEquals(11, f.getInteger("line"));
    assertEquals("new", f.getString("side"));
    assertEquals("security_specialist", f.getString("agent"));
    assertEquals("CWE-89", f.getString("cwe"));
  }

  @Test
  @DisplayName("a raw diff body with query parameters is accepted (202) and later readable by id")
  void rawDiffThenGet() throws Exception {
    HttpResponse<Buffer> resp = web.post("/api/reviews?labels=security,performance&review_id=raw-1")
        .putHeader("Content-Type", "text/x-diff").sendBuffer(Buffer.buffer(SQLI_DIFF)).await(30, TimeUnit.SECONDS);
    assertEquals(202, resp.statusCode(), resp.bodyAsString());
    assertEquals("raw-1", resp.bodyAsJsonObject().getString("review_id"));
    assertEquals("/api/reviews/raw-1", resp.bodyAsJsonObject().getJsonObject("links").getString("self"));
    JsonObject status = null;
    for (int i = 0; i < 100; i++) {
      status = web.get("/api/reviews/raw-1").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
      if (status.containsKey("summary")) break;
      Thread.sleep(100);
    }
    assertTrue(status.containsKey("summary"), status.encode());
    assertEquals("deep_review", status.getString("decision_path"));
    assertTrue(status.getString("rationale").contains("labelled security"));
  }

  @Test
  @DisplayName("a clean diff gives severity none and no findings")
  void cleanDiff() throws Exception {
    HttpResponse<Buffer> resp = post("/api/reviews?wait=20", new JsonObject().put("diff", CLEAN_DIFF));
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    JsonObject summary = resp.bodyAsJsonObject();
    assertEquals("none", summary.getString("severity"), summary.encodePrettily());
    assertEquals(0, summary.getJsonArray("findings").size());
    assertEquals("fast_path", summary.getJsonObject("metadata").getString("decision_path"));
  }

  @Test
  @DisplayName("an empty diff is a valid review with no findings")
  void emptyDiff() throws Exception {
    HttpResponse<Buffer> resp = post("/api/reviews?wait=20", new JsonObject().put("diff", ""));
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    assertEquals("complete", resp.bodyAsJsonObject().getString("status"));
    assertEquals(0, resp.bodyAsJsonObject().getJsonArray("findings").size());
  }

  @Test
  @DisplayName("a body that is not a diff gets 400 invalid_diff")
  void notADiff() throws Exception {
    HttpResponse<Buffer> resp = web.post("/api/reviews").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("Hello, this is not a diff.\nJust words.\n")).await(10, TimeUnit.SECONDS);
    assertEquals(400, resp.statusCode());
    assertEquals("invalid_diff", resp.bodyAsJsonObject().getString("error"));
    assertTrue(resp.bodyAsJsonObject().getString("message").length() > 5);
  }

  @Test
  @DisplayName("invalid JSON fields get 400 with the field named; malformed JSON gets 400 invalid_json")
  void invalidRequests() throws Exception {
    HttpResponse<Buffer> resp = post("/api/reviews", new JsonObject().put("diff", "").put("risk_factor", 2));
    assertEquals(400, resp.statusCode());
    assertEquals("invalid_request", resp.bodyAsJsonObject().getString("error"));
    assertEquals("risk_factor", resp.bodyAsJsonObject().getJsonObject("details").getString("field"));
    resp = web.post("/api/reviews").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{not json")).await(10, TimeUnit.SECONDS);
    assertEquals(400, resp.statusCode());
    assertEquals("invalid_json", resp.bodyAsJsonObject().getString("error"));
    resp = post("/api/reviews?wait=forever", new JsonObject().put("diff", ""));
    assertEquals(400, resp.statusCode());
    assertEquals("wait", resp.bodyAsJsonObject().getJsonObject("details").getString("field"));
  }

  @Test
  @DisplayName("an unknown review id gets 404 not_found")
  void unknown() throws Exception {
    HttpResponse<Buffer> resp = web.get("/api/reviews/nope").send().await(10, TimeUnit.SECONDS);
    assertEquals(404, resp.statusCode());
    assertEquals("not_found", resp.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("a hotfix with a security label takes the fast path")
  void hotfixFastPath() throws Exception {
    HttpResponse<Buffer> resp = post("/api/reviews?wait=20", new JsonObject().put("diff", SQLI_DIFF)
        .put("intent", "hotfix").put("labels", new JsonArray().add("security")));
    assertEquals(200, resp.statusCode());
    JsonObject meta = resp.bodyAsJsonObject().getJsonObject("metadata");
    assertEquals("fast_path", meta.getString("decision_path"));
    assertEquals(new JsonArray().add("security_specialist"), meta.getJsonArray("specialists_resolved"));
  }

  @Test
  @DisplayName("51 changed files or risk_factor 0.5 take the deep review")
  void deepReviewTriggers() throws Exception {
    JsonObject meta = post("/api/reviews?wait=20", new JsonObject().put("diff", CLEAN_DIFF).put("files_changed", 51))
        .bodyAsJsonObject().getJsonObject("metadata");
    assertEquals("deep_review", meta.getString("decision_path"));
    meta = post("/api/reviews?wait=20", new JsonObject().put("diff", CLEAN_DIFF).put("risk_factor", 0.5))
        .bodyAsJsonObject().getJsonObject("metadata");
    assertEquals("deep_review", meta.getString("decision_path"));
  }
}
