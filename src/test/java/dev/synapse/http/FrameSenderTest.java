package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FrameSender")
class FrameSenderTest {
  /** A socket whose queue is full on demand. */
  static final class FakeSink implements FrameSender.Sink {
    final List<String> written = new ArrayList<>();
    boolean full;
    Runnable drain;

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public void writeText(String text) {
      written.add(text);
    }

    @Override
    public void drainHandler(Runnable onDrain) {
      drain = onDrain;
    }
  }

  @Test
  @DisplayName("frames are written while the queue has room")
  void writes() {
    FakeSink sink = new FakeSink();
    assertTrue(new FrameSender(sink).send(new JsonObject().put("a", 1)));
    assertEquals(List.of("{\"a\":1}"), sink.written);
  }

  @Test
  @DisplayName("frames are dropped, not queued, while the queue is full")
  void dropsWhenFull() {
    FakeSink sink = new FakeSink();
    FrameSender sender = new FrameSender(sink);
    sink.full = true;
    assertFalse(sender.send(new JsonObject().put("a", 1)));
    assertFalse(sender.send(new JsonObject().put("a", 2)));
    assertTrue(sink.written.isEmpty());
    assertEquals(2, sender.droppedTotal());
  }

  @Test
  @DisplayName("after a drain the client gets one notice counting the dropped frames")
  void noticeAfterDrain() {
    FakeSink sink = new FakeSink();
    FrameSender sender = new FrameSender(sink);
    sink.full = true;
    sender.send(new JsonObject());
    sender.send(new JsonObject());
    sink.full = false;
    sink.drain.run();
    sink.drain.run();
    assertEquals(1, sink.written.size());
    JsonObject notice = new JsonObject(sink.written.get(0));
    assertEquals("dropped", notice.getString("notice"));
    assertEquals(2, notice.getLong("dropped"));
  }
}
