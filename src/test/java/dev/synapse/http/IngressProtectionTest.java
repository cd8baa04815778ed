package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.node.SynapseNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Authentication, body limit, private metrics and rate limiting through a real HTTP client. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class IngressProtectionTest {
  static final String SECRET = "s3cret-for-tests";
  private static SynapseNode secured;
  private static SynapseNode limited;
  private WebClient web;
  private WebClient limitedWeb;

  @BeforeAll
  static void startNodes() throws Exception {
    secured = TestNodes.start(Map.of("SYNAPSE_SECRET", SECRET, "SYNAPSE_MAX_DIFF_BYTES", "4096",
        "SYNAPSE_METRICS_PUBLIC", "false"));
    limited = TestNodes.start(Map.of("SYNAPSE_RATE_LIMIT", "3"));
  }

  @AfterAll
  static void stopNodes() throws Exception {
    secured.close().await(10, TimeUnit.SECONDS);
    limited.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void clients(Vertx vertx) {
    web = TestNodes.client(vertx, secured);
    limitedWeb = TestNodes.client(vertx, limited);
  }

  @AfterEach
  void close() {
    web.close();
    limitedWeb.close();
  }

  private static Buffer reviewBody() {
    return new JsonObject().put("diff", "").toBuffer();
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> req, Buffer body) throws Exception {
    return req.putHeader("Content-Type", "application/json").sendBuffer(body).await(30, TimeUnit.SECONDS);
  }

  private static void assertUnauthorized(HttpResponse<Buffer> resp) {
    assertEquals(401, resp.statusCode(), resp.bodyAsString());
    assertEquals("unauthorized", resp.bodyAsJsonObject().getString("error"));
    assertNotNull(resp.getHeader("WWW-Authenticate"));
  }

  @Test
  @DisplayName("without credentials every /api route answers 401 JSON")
  void missingCredentials() throws Exception {
    assertUnauthorized(send(web.post("/api/reviews"), reviewBody()));
    assertUnauthorized(web.get("/api/reviews").send().await(30, TimeUnit.SECONDS));
    assertUnauthorized(web.get("/api/agents").send().await(30, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("the right bearer token is accepted")
  void validBearer() throws Exception {
    HttpResponse<Buffer> resp = send(web.post("/api/reviews").bearerTokenAuthentication(SECRET), reviewBody());
    assertEquals(202, resp.statusCode(), resp.bodyAsString());
  }

  @Test
  @DisplayName("a wrong bearer token is refused with 401")
  void wrongBearer() throws Exception {
    assertUnauthorized(send(web.post("/api/reviews").bearerTokenAuthentication(SECRET + "x"), reviewBody()));
  }

  @Test
  @DisplayName("a request signed over method, path, timestamp and body is accepted; X-Hub-Signature-256 is not accepted on /api")
  void validSignature() throws Exception {
    Buffer body = reviewBody();
    long ts = System.currentTimeMillis() / 1000;
    String sig = RequestSigning.sign(SECRET, "POST", "/api/reviews", ts, body.getBytes());
    assertEquals(202, send(web.post("/api/reviews").putHeader(IngressAuth.SIGNATURE_HEADER, sig)
        .putHeader(RequestSigning.TIMESTAMP_HEADER, Long.toString(ts)), body).statusCode());
    assertUnauthorized(send(web.post("/api/reviews").putHeader(IngressAuth.GITHUB_SIGNATURE_HEADER,
        RawHttp.bodyOnlySignature(SECRET, body.getBytes())), body));
  }

  @Test
  @DisplayName("a body changed after signing is refused with 401")
  void tamperedBody() throws Exception {
    long ts = System.currentTimeMillis() / 1000;
    String sig = RequestSigning.sign(SECRET, "POST", "/api/reviews", ts, reviewBody().getBytes());
    Buffer tampered = new JsonObject().put("diff", "").put("labels", new io.vertx.core.json.JsonArray().add("x")).toBuffer();
    assertUnauthorized(send(web.post("/api/reviews").putHeader(IngressAuth.SIGNATURE_HEADER, sig)
        .putHeader(RequestSigning.TIMESTAMP_HEADER, Long.toString(ts)), tampered));
  }

  @Test
  @DisplayName("health stays open while /metrics needs a token when metrics_public is false")
  void healthOpenMetricsPrivate() throws Exception {
    int health = web.get("/health/live").send().await(30, TimeUnit.SECONDS).statusCode();
    assertEquals(200, health);
    assertUnauthorized(web.get("/metrics").send().await(30, TimeUnit.SECONDS));
    HttpResponse<Buffer> metrics = web.get("/metrics").bearerTokenAuthentication(SECRET).send().await(30, TimeUnit.SECONDS);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.bodyAsString().contains("synapse_reviews_total"));
    long ts = System.currentTimeMillis() / 1000;
    HttpResponse<Buffer> signed = web.get("/metrics").putHeader(RequestSigning.TIMESTAMP_HEADER, Long.toString(ts))
        .putHeader(RequestSigning.SIGNATURE_HEADER, RequestSigning.sign(SECRET, "GET", "/metrics", ts, null))
        .send().await(30, TimeUnit.SECONDS);
    assertEquals(200, signed.statusCode(), "a signed GET /metrics (its end read after the replay check)");
    assertEquals(200, web.get("/metrics").bearerTokenAuthentication(SECRET).send().await(30, TimeUnit.SECONDS).statusCode(),
        "the same keep-alive connection serves the next request");
  }

  @Test
  @DisplayName("a body over SYNAPSE_MAX_DIFF_BYTES answers 413 JSON")
  void tooLarge() throws Exception {
    Buffer big = new JsonObject().put("diff", "x".repeat(8192)).toBuffer();
    HttpResponse<Buffer> resp = send(web.post("/api/reviews").bearerTokenAuthentication(SECRET), big);
    assertEquals(413, resp.statusCode(), resp.bodyAsString());
    assertEquals("payload_too_large", resp.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("a WebSocket upgrade without credentials is refused with 401, and accepted with a bearer token")
  void webSocketAuth(Vertx vertx, VertxTestContext test) {
    WebSocketClient ws = vertx.createWebSocketClient();
    WebSocketConnectOptions base = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(secured.httpPort()).setURI("/ws");
    Checkpoint refused = test.checkpoint();
    Checkpoint accepted = test.checkpoint();
    TestNodes.connectWebSocket(ws, base).onComplete(test.failing(err -> test.verify(() -> {
      assertTrue(err.getMessage().contains("401"), err.getMessage());
      refused.flag();
    })));
    TestNodes.connectWebSocket(ws, new WebSocketConnectOptions(base.toJson()).addHeader("Authorization", "Bearer " + SECRET))
        .onComplete(test.succeeding(socket -> {
          socket.close().onComplete(v -> accepted.flag());
        }));
  }

  @Test
  @DisplayName("over SYNAPSE_RATE_LIMIT a source gets 429 with Retry-After, counted in synapse_rate_limited_total")
  void rateLimited() throws Exception {
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 4; i++) last = limitedWeb.get("/api/agents").send().await(30, TimeUnit.SECONDS);
    assertEquals(429, last.statusCode(), last.bodyAsString());
    assertEquals("rate_limited", last.bodyAsJsonObject().getString("error"));
    long retryAfter = Long.parseLong(last.getHeader("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    String metrics = limitedWeb.get("/metrics").send().await(30, TimeUnit.SECONDS).bodyAsString(StandardCharsets.UTF_8.name());
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("synapse_rate_limited_total") && !l.endsWith(" 0.0")), metrics);
    assertEquals(200, limitedWeb.get("/health/live").send().await(30, TimeUnit.SECONDS).statusCode(), "health is not rate limited");
  }
}
