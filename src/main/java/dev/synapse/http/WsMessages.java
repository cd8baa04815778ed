package dev.synapse.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Assembles WebSocket messages from frames (one frame or a text/binary frame and its
 * continuations) up to a size limit, and decodes text strictly as UTF-8 (RFC 6455 section 8.1).
 * A text message that is not UTF-8 closes the socket with 1007 (invalid frame payload data); a
 * message over the limit with 1009 (message too big). Used as the socket's frame handler, on its
 * event loop; not thread-safe.
 */
final class WsMessages implements Handler<WebSocketFrame> {
  /** RFC 6455 section 7.4.1: inconsistent data, e.g. non-UTF-8 in a text message. */
  static final short INVALID_PAYLOAD = 1007;
  /** RFC 6455 section 7.4.1: a message too big to process. */
  static final short TOO_BIG = 1009;

  /** Where messages and close decisions go. */
  interface Sink {
    void text(String text);

    void binary();

    void close(short status, String reason);
  }

  private final int maxBytes;
  private final Sink sink;
  private Buffer pending;
  private boolean text;
  private boolean closed;

  /**
   * @param maxBytes largest message accepted, bytes
   * @param sink receiver of whole messages
   */
  WsMessages(int maxBytes, Sink sink) {
    this.maxBytes = maxBytes;
    this.sink = sink;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (closed) return;
    if (frame.isText() || frame.isBinary()) {
      text = frame.isText();
      pending = null;
    } else if (!frame.isContinuation() || pending == null) {
      return; // ping, pong, close (handled by Vert.x), or a continuation without a start
    }
    Buffer data = frame.binaryData();
    if ((pending == null ? 0L : pending.length()) + data.length() > maxBytes) {
      fail(TOO_BIG, "message over " + maxBytes + " bytes");
      return;
    }
    if (pending == null) {
      // a single final frame is used as is; the start of a fragmented message is copied once
      pending = frame.isFinal() ? data : data.copy();
    } else {
      pending.appendBuffer(data);
    }
    if (pending.length() > maxBytes) {
      fail(TOO_BIG, "message over " + maxBytes + " bytes");
      return;
    }
    if (!frame.isFinal()) return;
    Buffer message = pending;
    pending = null;
    if (!text) {
      sink.binary();
      return;
    }
    String decoded;
    try {
      decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message.getBytes())).toString();
    } catch (CharacterCodingException e) {
      fail(INVALID_PAYLOAD, "text message is not valid UTF-8");
      return;
    }
    sink.text(decoded);
  }

  private void fail(short status, String reason) {
    closed = true;
    pending = null;
    sink.close(status, reason);
  }
}
