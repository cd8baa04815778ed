package dev.synapse.http;

import dev.synapse.bus.SignalBus;
import dev.synapse.review.ReviewService;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * {@code GET /ws}: upgrades inside the route (so authentication and rate limiting run first)
 * and attaches a {@link WsSession}. Each socket's write queue is bounded to
 * {@value #WRITE_QUEUE_MAX_BYTES} bytes; beyond that, {@link FrameSender} drops frames with a
 * notice. Client messages are assembled by {@link WsMessages} (strict UTF-8: 1007; size: 1009).
 * Subscriptions are released when the socket closes.
 */
public final class WebSocketRoute {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebSocketRoute.class);
  /** Bound of a socket's outbound queue, in bytes. */
  public static final int WRITE_QUEUE_MAX_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final ReviewService reviews;
  private final SignalBus bus;
  private final Function<String, Long> budget;
  private final int maxMessageBytes;

  /**
   * @param vertx the node's Vert.x instance
   * @param reviews ingress service
   * @param bus signal subscriptions
   * @param budget per source address: 0 when a review frame may be submitted, else nanoseconds to
   *     wait (the HTTP rate limit, so a socket cannot bypass it)
   * @param maxMessageBytes largest client message, bytes (in one frame or several)
   */
  public WebSocketRoute(Vertx vertx, ReviewService reviews, SignalBus bus, Function<String, Long> budget,
      int maxMessageBytes) {
    this.vertx = vertx;
    this.reviews = reviews;
    this.bus = bus;
    this.budget = budget;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Handles the upgrade request; a plain GET without upgrade headers gets 400 JSON. */
  public void upgrade(RoutingContext rc) {
    String upgrade = rc.request().getHeader("Upgrade");
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      ApiError.send(rc, 400, "websocket_required", "GET /ws must be a WebSocket upgrade request", null);
      return;
    }
    String source = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().host();
    rc.request().toWebSocket()
        .onSuccess(ws -> attach(ws, source))
        .onFailure(err -> {
          LOG.debug("WebSocket upgrade failed: {}", err.toString());
          ApiError.send(rc, 400, "websocket_upgrade_failed", "WebSocket upgrade failed", null);
        });
  }

  private void attach(ServerWebSocket ws, String source) {
    ws.setWriteQueueMaxSize(WRITE_QUEUE_MAX_BYTES);
    FrameSender sender = new FrameSender(new FrameSender.Sink() {
      @Override
      public boolean writeQueueFull() {
        return ws.writeQueueFull();
      }

      @Override
      public void writeText(String text) {
        if (!ws.isClosed()) ws.writeTextMessage(text);
      }

      @Override
      public void drainHandler(Runnable onDrain) {
        ws.drainHandler(v -> onDrain.run());
      }
    });
    WsSession session = new WsSession(vertx, reviews, bus, sender, () -> budget.apply(source));
    ws.frameHandler(new WsMessages(maxMessageBytes, new WsMessages.Sink() {
      @Override
      public void text(String text) {
        session.onText(text);
      }

      @Override
      public void binary() {
        session.onBinary();
      }

      @Override
      public void close(short status, String reason) {
        LOG.debug("closing WebSocket: {} {}", status, reason);
        ws.close(status, reason);
      }
    }));
    ws.closeHandler(v -> session.close());
    ws.exceptionHandler(err -> session.close());
  }
}
