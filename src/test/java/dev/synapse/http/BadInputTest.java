package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.synapse.node.SynapseNode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Issue 14 items 2 and 3: undecodable request lines, headers, queries and chunked bodies are a
 * 400 {@code bad_request} (never a 500, never a logged stack), and an invented HTTP method is a
 * 405 that never becomes a metric label value.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BadInputTest {
  private static SynapseNode open;
  private static SynapseNode secured;
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private AppenderBase<ILoggingEvent> capture;

  @BeforeAll
  static void start() throws Exception {
    open = TestNodes.start(Map.of());
    secured = TestNodes.start(Map.of("SYNAPSE_SECRET", "bad-input-secret"));
  }

  @AfterAll
  static void stop() throws Exception {
    open.close().await(10, TimeUnit.SECONDS);
    secured.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void captureLogs() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        events.add(e);
      }
    };
    capture.setContext(ctx);
    capture.start();
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);
  }

  @AfterEach
  void stopCapture() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
  }

  private static void assertBadRequest(SynapseNode node, String request) throws Exception {
    RawHttp.Response resp = RawHttp.exchange(node.httpPort(), request);
    assertEquals(400, resp.status(), request + "\n" + resp.head() + resp.body());
    assertEquals("bad_request", new JsonObject(resp.body()).getString("error"), resp.body());
  }

  private void assertNothingLoggedAboveDebug(int requests) {
    List<ILoggingEvent> loud = events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
    assertTrue(loud.isEmpty(), "logged above DEBUG: " + loud.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertTrue(events.size() <= requests, "more than one log line per request: " + events.size());
    assertTrue(events.stream().noneMatch(e -> e.getThrowableProxy() != null), "a stack trace was logged");
  }

  @Test
  @DisplayName("undecodable percent-escapes in the query or path answer 400 bad_request on open and secured nodes, without a logged stack")
  void undecodableEscapes() throws Exception {
    String[] requests = {
        "POST /api/reviews?wait=% HTTP/1.1\r\nHost: x\r\nContent-Type: text/x-diff\r\nContent-Length: 0\r\n\r\n",
        "POST /api/reviews?repo=%ZZ HTTP/1.1\r\nHost: x\r\nContent-Type: text/x-diff\r\nContent-Length: 0\r\n\r\n",
        "GET /api/reviews?limit=%E0%A4 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/reviews/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/signals?type=%G1 HTTP/1.1\r\nHost: x\r\n\r\n",
    };
    for (String r : requests) {
      assertBadRequest(open, r);
      assertBadRequest(secured, r);
    }
    assertNothingLoggedAboveDebug(2 * requests.length);
  }

  @Test
  @DisplayName("a misspelled query parameter (lables=) answers 400 invalid_request naming it, instead of being ignored")
  void unknownQueryParameters() throws Exception {
    String body = "";
    RawHttp.Response resp = RawHttp.exchange(open.httpPort(), "POST /api/reviews?lables=security HTTP/1.1\r\n"
        + "Host: x\r\nContent-Type: text/x-diff\r\nContent-Length: 0\r\n\r\n" + body);
    assertEquals(400, resp.status(), resp.head() + resp.body());
    JsonObject error = new JsonObject(resp.body());
    assertEquals("invalid_request", error.getString("error"), resp.body());
    assertTrue(error.getString("message").contains("lables"), resp.body());
    RawHttp.Response list = RawHttp.exchange(open.httpPort(), "GET /api/reviews?limt=5 HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(400, list.status(), list.head());
    assertTrue(list.body().contains("limt"), list.body());
    RawHttp.Response ok = RawHttp.exchange(open.httpPort(), "GET /api/reviews?limit=5 HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(200, ok.status(), ok.head());
  }

  @Test
  @DisplayName("a request Netty cannot decode (bad Content-Length, overlong line or headers) answers JSON 400, 414 or 431")
  void undecodableRequestLineOrHeaders() throws Exception {
    assertBadRequest(open, "POST /api/reviews HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n");
    assertBadRequest(open, "POST /api/reviews HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
    RawHttp.Response longLine = RawHttp.exchange(open.httpPort(), "GET /api/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(414, longLine.status(), longLine.head());
    assertEquals("uri_too_long", new JsonObject(longLine.body()).getString("error"));
    RawHttp.Response bigHeaders = RawHttp.exchange(open.httpPort(), "GET /api/reviews HTTP/1.1\r\nHost: x\r\nX-Big: "
        + "b".repeat(9000) + "\r\n\r\n");
    assertEquals(431, bigHeaders.status(), bigHeaders.head());
    assertEquals("headers_too_large", new JsonObject(bigHeaders.body()).getString("error"));
    assertNothingLoggedAboveDebug(4);
  }

  @Test
  @DisplayName("a Content-Type with an empty or unknown charset answers 400 bad_request, not 500")
  void badCharset() throws Exception {
    String body = "diff --git a/x b/x\n";
    for (String type : List.of("text/x-diff;charset=", "text/x-diff; charset=no-such-charset", "text/plain;charset=\"\"")) {
      assertBadRequest(open, "POST /api/reviews HTTP/1.1\r\nHost: x\r\nContent-Type: " + type
          + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    }
    assertNothingLoggedAboveDebug(3);
  }

  @Test
  @DisplayName("a malformed chunked body ends the exchange with 400 or a closed connection, never a 500 or a logged stack")
  void malformedChunks() throws Exception {
    String request = "POST /api/reviews HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\nZZ-not-hex\r\n{}\r\n0\r\n\r\n";
    try (RawHttp raw = new RawHttp(open.httpPort(), 20_000)) {
      raw.write(request);
      RawHttp.Response resp;
      try {
        resp = raw.read();
      } catch (java.io.IOException closed) {
        // Vert.x closes the connection on a chunk framing error (RFC 9112 section 7.1: the framing is lost)
        resp = null;
      }
      if (resp != null) {
        assertEquals(400, resp.status(), resp.head());
        assertEquals("bad_request", new JsonObject(resp.body()).getString("error"));
      }
    }
    assertNothingLoggedAboveDebug(1);
  }

  @Test
  @DisplayName("an invented HTTP method answers 405 JSON, before authentication, and never becomes a metric label value")
  void inventedMethods() throws Exception {
    for (String method : List.of("XA", "XB", "XC")) {
      for (SynapseNode node : List.of(open, secured)) {
        RawHttp.Response resp = RawHttp.exchange(node.httpPort(), method + " /api/reviews HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(405, resp.status(), resp.head());
        assertEquals("method_not_allowed", new JsonObject(resp.body()).getString("error"));
      }
    }
    String metrics = RawHttp.exchange(open.httpPort(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body();
    for (String method : List.of("XA", "XB", "XC")) {
      assertFalse(metrics.contains("method=\"" + method + "\""), "label value " + method + " in /metrics");
    }
    assertTrue(metrics.contains("method=\"other\""), "invented methods are counted under method=\"other\"");
  }
}
