package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WsMessages assembles frames into messages")
class WsMessagesTest {
  private final List<String> events = new ArrayList<>();
  private final WsMessages.Sink sink = new WsMessages.Sink() {
    @Override
    public void text(String text) {
      events.add("text:" + text);
    }

    @Override
    public void binary() {
      events.add("binary");
    }

    @Override
    public void close(short status, String reason) {
      events.add("close:" + status);
    }
  };

  @Test
  @DisplayName("a text message in three frames, with a ping between them, is delivered once, whole")
  void fragmented() {
    WsMessages m = new WsMessages(100, sink);
    m.handle(WebSocketFrame.textFrame("{\"action\":", false));
    m.handle(WebSocketFrame.pingFrame(Buffer.buffer("p")));
    m.handle(WebSocketFrame.continuationFrame(Buffer.buffer("\"subscribe\""), false));
    m.handle(WebSocketFrame.continuationFrame(Buffer.buffer("}"), true));
    m.handle(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {1, 2}), true));
    assertEquals(List.of("text:{\"action\":\"subscribe\"}", "binary"), events);
  }

  @Test
  @DisplayName("a multi-byte character split across frames decodes; invalid UTF-8 across frames closes with 1007")
  void utf8AcrossFrames() {
    byte[] e = "é".getBytes(StandardCharsets.UTF_8);
    WsMessages ok = new WsMessages(100, sink);
    ok.handle(WebSocketFrame.textFrame("caf", false));
    ok.handle(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {e[0]}), false));
    ok.handle(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {e[1]}), true));
    assertEquals(List.of("text:café"), events);
    events.clear();
    WsMessages bad = new WsMessages(100, sink);
    bad.handle(WebSocketFrame.textFrame("caf", false));
    bad.handle(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {e[0], 'x'}), true));
    bad.handle(WebSocketFrame.textFrame("after close", true));
    assertEquals(List.of("close:1007"), events);
  }

  @Test
  @DisplayName("a message over the limit, in one frame or across frames, closes with 1009; exactly the limit passes")
  void tooBig() {
    new WsMessages(10, sink).handle(WebSocketFrame.textFrame("x".repeat(10), true));
    new WsMessages(10, sink).handle(WebSocketFrame.textFrame("x".repeat(11), true));
    WsMessages split = new WsMessages(10, sink);
    split.handle(WebSocketFrame.textFrame("x".repeat(6), false));
    split.handle(WebSocketFrame.continuationFrame(Buffer.buffer("y".repeat(6)), true));
    assertEquals(List.of("text:" + "x".repeat(10), "close:1009", "close:1009"), events);
    assertTrue(events.stream().noneMatch(s -> s.contains("y")));
  }
}
