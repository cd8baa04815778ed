package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.node.SynapseNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 items 1 and 4: the edge authenticates and size-checks before it reads a body, bounds
 * the bytes of bodies in flight node-wide, drops stalled bodies and closes connections that
 * dribble their headers. Plain sockets on loopback play the attacker.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EdgeLimitsTest {
  static final String SECRET = "edge-secret";
  static final int MAX_CONNECTIONS = 24;
  private static SynapseNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.start(Map.of("SYNAPSE_SECRET", SECRET, "SYNAPSE_MAX_DIFF_BYTES", "1048576",
        "SYNAPSE_MAX_INFLIGHT_BYTES", "262144", "SYNAPSE_HTTP_BODY_TIMEOUT_MS", "1000",
        "SYNAPSE_HTTP_HEADER_TIMEOUT_MS", "3000", "SYNAPSE_HTTP_MAX_CONNECTIONS", String.valueOf(MAX_CONNECTIONS)));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close().await(10, TimeUnit.SECONDS);
  }

  private static String post(int length, String auth) {
    return "POST /api/reviews HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + (auth == null ? "" : "Authorization: " + auth + "\r\n") + "Content-Length: " + length + "\r\n\r\n";
  }

  @Test
  @DisplayName("an upload without credentials is refused with 401 before its body is read, and the connection is closed")
  void unauthenticatedUploadRefusedBeforeBody() throws Exception {
    try (RawHttp raw = new RawHttp(node.httpPort(), 10_000)) {
      raw.write(post(900_000, null)).write("{\"diff\":\"" + "x".repeat(1000));
      RawHttp.Response resp = raw.read();
      assertEquals(401, resp.status(), resp.head());
      assertEquals("unauthorized", new JsonObject(resp.body()).getString("error"));
      assertTrue(raw.closedByServer(), "the unread body is not drained: the connection is closed");
    }
  }

  @Test
  @DisplayName("a Content-Length over max_diff_bytes answers 413 before any body byte is sent")
  void contentLengthOverLimit() throws Exception {
    try (RawHttp raw = new RawHttp(node.httpPort(), 10_000)) {
      RawHttp.Response resp = raw.write(post(2_000_000, "Bearer " + SECRET)).read();
      assertEquals(413, resp.status(), resp.head());
      assertEquals("payload_too_large", new JsonObject(resp.body()).getString("error"));
    }
  }

  @Test
  @DisplayName("while in-flight bodies fill max_inflight_bytes, the next upload answers 503 with Retry-After, and is accepted once they are gone")
  void inflightBudget() throws Exception {
    try (RawHttp stalled = new RawHttp(node.httpPort(), 10_000)) {
      stalled.write(post(200_000, "Bearer " + SECRET)).write("{\"diff\":\"");
      awaitInflightAtLeast(200_000);
      try (RawHttp second = new RawHttp(node.httpPort(), 10_000)) {
        RawHttp.Response resp = second.write(post(200_000, "Bearer " + SECRET)).read();
        assertEquals(503, resp.status(), resp.head());
        assertEquals("overloaded", new JsonObject(resp.body()).getString("error"));
        assertNotNull(resp.header("Retry-After"));
      }
    }
    awaitInflightAtMost(0);
    byte[] body = new JsonObject().put("diff", "").encode().getBytes();
    try (RawHttp third = new RawHttp(node.httpPort(), 10_000)) {
      RawHttp.Response resp = third.write(post(body.length, "Bearer " + SECRET)).write(body).read();
      assertEquals(202, resp.status(), resp.head() + resp.body());
    }
  }

  @Test
  @DisplayName("a body that stalls is dropped with 408 after http_body_timeout_ms")
  void stalledBody() throws Exception {
    try (RawHttp raw = new RawHttp(node.httpPort(), 20_000)) {
      RawHttp.Response resp = raw.write(post(1000, "Bearer " + SECRET)).write("{\"diff\":").read();
      assertEquals(408, resp.status(), resp.head());
      assertEquals("request_timeout", new JsonObject(resp.body()).getString("error"));
      assertTrue(raw.closedByServer());
    }
  }

  @Test
  @DisplayName("a connection that dribbles its headers is closed after http_header_timeout_ms (3 s here)")
  void dribbledHeadersClosed() throws Exception {
    try (RawHttp raw = new RawHttp(node.httpPort(), 300)) {
      raw.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) { // up to ~12 s of one header line every 300 ms
        try {
          raw.write("X-Dribble-" + i + ": y\r\n");
          closed = raw.closedByServer();
        } catch (IOException e) {
          closed = true;
        }
      }
      assertTrue(closed, "the server kept a header-dribbling connection open");
    }
  }

  @Test
  @DisplayName("connections beyond http_max_connections are closed at once while the earlier ones stay open")
  void boundedConnections() throws Exception {
    List<RawHttp> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS + 4; i++) {
        RawHttp raw = new RawHttp(node.httpPort(), 250);
        open.add(raw);
        raw.write("GET /health/live HTTP/1.1\r\n"); // an unfinished request keeps it open
      }
      long refused = 0;
      for (RawHttp extra : open.subList(MAX_CONNECTIONS, open.size())) {
        if (extra.closedByServer()) refused++;
      }
      assertTrue(refused >= 1, "none of the connections beyond " + MAX_CONNECTIONS + " was refused");
      RawHttp first = open.get(0);
      first.socket.setSoTimeout(50);
      assertFalse(first.closedByServer(), "the first connection was closed too");
    } finally {
      for (RawHttp r : open) r.close();
    }
  }

  private static double inflight() throws Exception {
    String metrics = RawHttp.exchange(node.httpPort(), "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").body();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("synapse_http_inflight_bytes ")) return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
    }
    return -1;
  }

  private static void awaitInflightAtLeast(long bytes) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (inflight() >= bytes) return;
      Thread.sleep(50);
    }
    assertFalse(true, "synapse_http_inflight_bytes never reached " + bytes);
  }

  private static void awaitInflightAtMost(long bytes) throws Exception {
    for (int i = 0; i < 100; i++) {
      double v = inflight();
      if (v >= 0 && v <= bytes) return;
      Thread.sleep(50);
    }
    assertFalse(true, "synapse_http_inflight_bytes stayed above " + bytes);
  }
}
