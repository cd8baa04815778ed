package dev.synapse.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every connection and request of one HTTP server instance, in front of the
 * router; everything here is O(request line + headers), never touches the body and never logs
 * above DEBUG.
 * <ul>
 *   <li>Connections: at most {@code http_max_connections} open per node (more are closed on
 *       accept); a connection must finish a request's headers within {@code http_header_timeout_ms}
 *       of its accept or of the end of its previous response, else it is closed (slow-header
 *       attacks; also the keep-alive idle time).</li>
 *   <li>Requests: a method outside {@link #METHODS} answers 405 {@code method_not_allowed}; a
 *       path or query whose percent-escapes do not decode to UTF-8, or a {@code Content-Type}
 *       with an empty or unknown {@code charset}, answers 400 {@code bad_request}. These answers
 *       close the connection (the body, if any, is never read).</li>
 * </ul>
 * One instance per server instance: its state is touched only on that server's event loop.
 */
final class EdgeGate {
  private static final Logger LOG = LoggerFactory.getLogger(EdgeGate.class);
  /** The methods Synapse serves or answers 405 for by route; any other is refused before routing. */
  static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
      HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.PATCH);

  private final Vertx vertx;
  private final AtomicInteger connections;
  private final int maxConnections;
  private final long headerTimeoutMs;
  /** Open connections of this server instance → pending header-deadline timer id, or -1. */
  private final Map<HttpConnection, Long> deadlines = new IdentityHashMap<>();

  /**
   * @param vertx for timers
   * @param connections the node's open-connection count, shared by its server instances
   * @param maxConnections most connections open at once on the node
   * @param headerTimeoutMs header deadline, ms
   */
  EdgeGate(Vertx vertx, AtomicInteger connections, int maxConnections,
      long headerTimeoutMs) {
    this.vertx = vertx;
    this.connections = connections;
    this.maxConnections = maxConnections;
    this.headerTimeoutMs = headerTimeoutMs;
  }

  /** The server's connection handler: counts, bounds and arms the first header deadline. */
  void onConnection(HttpConnection conn) {
    int open = connections.incrementAndGet();
    deadlines.put(conn, -1L);
    conn.closeHandler(v -> {
      connections.decrementAndGet();
      Long timer = deadlines.remove(conn);
      if (timer != null && timer >= 0) vertx.cancelTimer(timer);
    });
    if (open > maxConnections) {
      LOG.debug("connection refused: {} open, http_max_connections={}", open, maxConnections);
      conn.close();
      return;
    }
    arm(conn);
  }

  private void arm(HttpConnection conn) {
    if (!deadlines.containsKey(conn)) return; // closed meanwhile
    long timer = vertx.setTimer(headerTimeoutMs, id -> {
      if (deadlines.replace(conn, -1L) != null) {
        LOG.debug("connection closed: no complete request headers within {} ms", headerTimeoutMs);
        conn.close();
      }
    });
    Long previous = deadlines.put(conn, timer);
    if (previous != null && previous >= 0) vertx.cancelTimer(previous);
  }

  private void disarm(HttpConnection conn) {
    Long timer = deadlines.replace(conn, -1L);
    if (timer != null && timer >= 0) vertx.cancelTimer(timer);
  }

  /**
   * A router handler (mounted first) that re-arms the header deadline when the response ends, so
   * an idle keep-alive connection, or one that dribbles its next request, is closed in time.
   * WebSocket upgrades and HTTP/2 streams are left alone.
   */
  Handler<RoutingContext> keepAliveDeadline() {
    return rc -> {
      HttpServerRequest req = rc.request();
      if (req.version() != HttpVersion.HTTP_2 && req.getHeader("Upgrade") == null) {
        HttpConnection conn = req.connection();
        rc.addEndHandler(ar -> arm(conn));
      }
      rc.next();
    };
  }

  /**
   * @param router the router
   * @return the server's request handler: these checks, then the router
   */
  Handler<HttpServerRequest> front(Handler<HttpServerRequest> router) {
    return req -> handle(req, router);
  }

  private void handle(HttpServerRequest req, Handler<HttpServerRequest> router) {
    disarm(req.connection());
    if (!METHODS.contains(req.method())) {
      refuse(req, 405, "method_not_allowed", "method is not allowed; use GET or POST");
      return;
    }
    if (!decodes(req.path()) || (req.query() != null && !decodes(req.query()))) {
      refuse(req, 400, "bad_request", "the request path or query holds a percent-escape that does not decode to UTF-8");
      return;
    }
    String charsetProblem = charsetProblem(req.getHeader("Content-Type"));
    if (charsetProblem != null) {
      refuse(req, 400, "bad_request", charsetProblem);
      return;
    }
    router.handle(req);
  }

  /**
   * The server's handler of requests Netty could not decode (line or headers too long, malformed
   * Content-Length, bad request line): the same statuses as Vert.x's default (414, 431, 400), as
   * JSON, and the connection is closed.
   */
  static void invalid(HttpServerRequest req) {
    Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
      refuse(req, 414, "uri_too_long", "the request line is too long");
    } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
      refuse(req, 431, "headers_too_large", "the request headers are too large");
    } else {
      refuse(req, 400, "bad_request", "the request line or headers are malformed");
    }
  }

  /** Answers JSON and closes the connection after the answer (HTTP/1.x), leaving any body unread. */
  static void refuse(HttpServerRequest req, int status, String code, String message) {
    LOG.debug("refused {} at the edge: {}", status, code);
    HttpServerResponse resp = req.response();
    if (resp.ended() || resp.closed()) return;
    boolean http1 = req.version() != HttpVersion.HTTP_2;
    resp.setStatusCode(status).putHeader("Content-Type", "application/json");
    if (http1) resp.putHeader("Connection", "close");
    resp.end(new JsonObject().put("error", code).put("message", message).encode()).onComplete(ar -> {
      if (http1) req.connection().close();
    });
  }

  /**
   * @param raw a raw (undecoded) path or query
   * @return true when every {@code %XX} escape is well formed and the decoded bytes are UTF-8
   */
  static boolean decodes(String raw) {
    if (raw == null || raw.isEmpty()) return true;
    boolean plain = true;
    for (int i = 0; i < raw.length() && plain; i++) plain = raw.charAt(i) != '%' && raw.charAt(i) < 0x80;
    if (plain) return true;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) return false;
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) return false;
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** @return why the Content-Type's charset parameter is unusable, or null when absent or fine */
  static String charsetProblem(String contentType) {
    if (contentType == null) return null;
    for (String part : contentType.split(";")) {
      int eq = part.indexOf('=');
      if (eq < 0 || !part.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("charset")) continue;
      String name = part.substring(eq + 1).trim();
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) name = name.substring(1, name.length() - 1);
      String shown = ReviewRoutes.truncate(name);
      try {
        if (name.isEmpty()) return "Content-Type has an empty charset parameter";
        if (!Charset.isSupported(name)) return "Content-Type charset '" + shown + "' is not supported; use UTF-8";
      } catch (IllegalCharsetNameException e) {
        return "Content-Type charset '" + shown + "' is not a valid charset name; use UTF-8";
      }
    }
    return null;
  }
}
