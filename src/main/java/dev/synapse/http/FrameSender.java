package dev.synapse.http;

import io.vertx.core.json.JsonObject;

/**
 * Sends JSON text frames to one WebSocket without letting a slow consumer exhaust memory: when
 * the socket's write queue is full (bounded by its {@code writeQueueMaxSize}), frames are dropped
 * and counted; when the queue drains, one notice frame {@code {"notice": "dropped", "dropped": N,
 * "message": …}} tells the client how many it missed. Use from the socket's context only.
 */
public final class FrameSender {
  /** What the sender needs from a socket; {@code ServerWebSocket} is adapted in {@link WebSocketRoute}. */
  public interface Sink {
    /** @return true when the write queue is over its bound */
    boolean writeQueueFull();

    /** Queues one text frame. */
    void writeText(String text);

    /** Registers the callback run when the queue drains below its low-water mark. */
    void drainHandler(Runnable onDrain);
  }

  private final Sink sink;
  private long dropped;
  private long droppedTotal;

  /** @param sink the socket */
  public FrameSender(Sink sink) {
    this.sink = sink;
    sink.drainHandler(this::onDrain);
  }

  /**
   * @param frame the frame to send
   * @return true when queued; false when dropped because the queue is full
   */
  public boolean send(JsonObject frame) {
    if (sink.writeQueueFull()) {
      dropped++;
      droppedTotal++;
      return false;
    }
    sink.writeText(frame.encode());
    return true;
  }

  /** @return frames dropped since the socket opened */
  public long droppedTotal() {
    return droppedTotal;
  }

  private void onDrain() {
    if (dropped == 0) return;
    long n = dropped;
    dropped = 0;
    sink.writeText(new JsonObject().put("notice", "dropped").put("dropped", n)
        .put("message", n + " frame(s) were dropped because this client read too slowly").encode());
  }
}
