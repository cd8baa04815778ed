package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.node.SynapseNode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 item 5: {@code X-Synapse-Signature} covers the method, the path with its query, the
 * {@code X-Synapse-Timestamp} header and the body; a signature is accepted once; an HMAC of an
 * empty body no longer opens GET routes or {@code /ws}; GitHub's header is refused on {@code /api}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SignedRequestTest {
  static final String SECRET = "signing-secret";
  private static SynapseNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.start(Map.of("SYNAPSE_SECRET", SECRET));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close().await(10, TimeUnit.SECONDS);
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static RawHttp.Response send(String method, String target, byte[] body, String... headers) throws Exception {
    StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : headers) req.append(h).append("\r\n");
    if (body.length > 0) req.append("Content-Type: application/json\r\n");
    req.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    try (RawHttp raw = new RawHttp(node.httpPort(), 20_000)) {
      raw.write(req.toString()).write(body);
      return raw.read();
    }
  }

  private static RawHttp.Response signed(String method, String target, byte[] body, long ts) throws Exception {
    return send(method, target, body, "X-Synapse-Signature: " + RawHttp.sign(SECRET, method, target, ts, body),
        "X-Synapse-Timestamp: " + ts);
  }

  private static byte[] review(String id) {
    return new JsonObject().put("review_id", id).put("diff", "").encode().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a request signed over method, path, query, timestamp and body is accepted once; its replay is refused")
  void signedOnceThenReplayRefused() throws Exception {
    byte[] body = review("signed-" + UUID.randomUUID());
    long ts = now();
    String target = "/api/reviews?intent=feature";
    RawHttp.Response first = signed("POST", target, body, ts);
    assertEquals(202, first.status(), first.head() + first.body());
    RawHttp.Response replay = signed("POST", target, body, ts);
    assertEquals(401, replay.status(), replay.body());
    assertTrue(new JsonObject(replay.body()).getString("message").contains("replay"), replay.body());
  }

  @Test
  @DisplayName("changing the query (intent=hotfix) or the method under a captured signature is refused")
  void queryAndMethodCovered() throws Exception {
    byte[] body = review("query-" + UUID.randomUUID());
    long ts = now();
    String sig = RawHttp.sign(SECRET, "POST", "/api/reviews?intent=feature", ts, body);
    RawHttp.Response hotfix = send("POST", "/api/reviews?intent=hotfix", body,
        "X-Synapse-Signature: " + sig, "X-Synapse-Timestamp: " + ts);
    assertEquals(401, hotfix.status(), hotfix.body());
    String getSig = RawHttp.sign(SECRET, "GET", "/api/reviews", ts, new byte[0]);
    RawHttp.Response other = send("GET", "/api/agents", new byte[0], "X-Synapse-Signature: " + getSig,
        "X-Synapse-Timestamp: " + ts);
    assertEquals(401, other.status(), other.body());
  }

  @Test
  @DisplayName("a timestamp more than 5 minutes away, or a missing one, is refused")
  void staleTimestamp() throws Exception {
    byte[] body = review("stale-" + UUID.randomUUID());
    assertEquals(401, signed("POST", "/api/reviews", body, now() - 301).status());
    assertEquals(401, signed("POST", "/api/reviews", body, now() + 301).status());
    RawHttp.Response missing = send("POST", "/api/reviews", body,
        "X-Synapse-Signature: " + RawHttp.sign(SECRET, "POST", "/api/reviews", now(), body));
    assertEquals(401, missing.status(), missing.body());
  }

  @Test
  @DisplayName("the HMAC of an empty body no longer opens GET routes; a signed GET is accepted")
  void emptyBodyHmacNoLongerOpensGets() throws Exception {
    String emptySig = RawHttp.bodyOnlySignature(SECRET, new byte[0]);
    for (String target : new String[] {"/api/reviews", "/api/agents", "/api/signals"}) {
      RawHttp.Response resp = send("GET", target, new byte[0], "X-Synapse-Signature: " + emptySig);
      assertEquals(401, resp.status(), target + " " + resp.body());
    }
    RawHttp.Response ok = signed("GET", "/api/reviews?limit=5", new byte[0], now());
    assertEquals(200, ok.status(), ok.body());
  }

  @Test
  @DisplayName("GitHub's X-Hub-Signature-256 is not accepted on /api")
  void githubHeaderRefusedOnApi() throws Exception {
    byte[] body = review("hub-" + UUID.randomUUID());
    RawHttp.Response resp = send("POST", "/api/reviews", body,
        "X-Hub-Signature-256: " + RawHttp.bodyOnlySignature(SECRET, body));
    assertEquals(401, resp.status(), resp.body());
  }

  @Test
  @DisplayName("a WebSocket upgrade with the empty-body HMAC is refused; one signed over GET /ws and a timestamp is accepted")
  void webSocketSigning() throws Exception {
    String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
    RawHttp.Response old = send("GET", "/ws", new byte[0], upgrade,
        "X-Synapse-Signature: " + RawHttp.bodyOnlySignature(SECRET, new byte[0]));
    assertEquals(401, old.status(), old.head());
    long ts = now();
    try (RawHttp raw = new RawHttp(node.httpPort(), 20_000)) {
      raw.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n" + upgrade + "\r\nX-Synapse-Signature: "
          + RawHttp.sign(SECRET, "GET", "/ws", ts, new byte[0]) + "\r\nX-Synapse-Timestamp: " + ts + "\r\n\r\n");
      RawHttp.Response resp = raw.read();
      assertEquals(101, resp.status(), resp.head());
    }
  }
}
