package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WsSession")
class WsSessionTest {
  private final FrameSenderTest.FakeSink sink = new FrameSenderTest.FakeSink();

  private WsSession session(long waitNanos) {
    return new WsSession(null, null, null, new FrameSender(sink), () -> waitNanos);
  }

  private JsonObject lastFrame() {
    return new JsonObject(sink.written.get(sink.written.size() - 1));
  }

  @Test
  @DisplayName("a review frame over the source's rate limit gets a rate_limited frame with the wait in seconds")
  void reviewRateLimited() {
    session(TimeUnit.MILLISECONDS.toNanos(1500)).onText("{\"action\":\"review\",\"diff\":\"\"}");
    assertEquals("rate_limited", lastFrame().getString("error"));
    assertEquals(2, lastFrame().getJsonObject("details").getLong("retry_after_seconds"));
  }

  @Test
  @DisplayName("a JSON array frame is refused as invalid_json")
  void arrayFrame() {
    session(0).onText("[1,2]");
    assertEquals("invalid_json", lastFrame().getString("error"));
  }

  @Test
  @DisplayName("a frame without an action names the accepted actions")
  void missingAction() {
    session(0).onText("{\"pattern\":\"review.**\"}");
    assertEquals("invalid_request", lastFrame().getString("error"));
  }

  @Test
  @DisplayName("a binary frame is answered with unsupported_frame")
  void binaryFrame() {
    session(0).onBinary();
    assertEquals("unsupported_frame", lastFrame().getString("error"));
  }
}
