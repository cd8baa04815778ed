package dev.synapse.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.signal.Signal;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignalHistoryTest {

  private static Signal at(String type, long epochSecond) {
    return new Signal("id-" + type + epochSecond, type, "/synapse/reviews", null,
        Instant.ofEpochSecond(epochSecond), Signal.JSON, new JsonObject(), Map.of());
  }

  @Test
  @DisplayName("the history keeps only the newest signals up to its capacity")
  void bounded() {
    SignalHistory h = new SignalHistory(3);
    for (int i = 0; i < 5; i++) h.add(at("review.result", i));
    assertEquals(3, h.size());
    List<Signal> all = h.replay(null, null, 10);
    assertEquals(List.of("id-review.result2", "id-review.result3", "id-review.result4"),
        all.stream().map(Signal::id).toList());
  }

  @Test
  @DisplayName("review.request signals carrying 1 MB diffs are kept only up to the byte bound, newest first")
  void boundedByBytes() {
    SignalHistory h = new SignalHistory(10_000, 3L * 1024 * 1024 + 100_000);
    for (int i = 0; i < 7; i++) {
      h.add(new Signal("big-" + i, "review.request", "/synapse/reviews", null, Instant.ofEpochSecond(i), Signal.JSON,
          new JsonObject().put("diff", "+".repeat(1024 * 1024)), Map.of()));
    }
    assertEquals(3, h.size());
    org.junit.jupiter.api.Assertions.assertTrue(h.bytes() <= 3L * 1024 * 1024 + 100_000, h.bytes() + " bytes");
    assertEquals(List.of("big-4", "big-5", "big-6"), h.replay(null, null, 10).stream().map(Signal::id).toList());
  }

  @Test
  @DisplayName("replay filters by type pattern and time, oldest first, newest kept under the limit")
  void replayFilters() {
    SignalHistory h = new SignalHistory(100);
    h.add(at("review.request", 10));
    h.add(at("review.result", 20));
    h.add(at("review.summary", 30));
    h.add(at("review.result", 40));
    assertEquals(List.of("id-review.result20", "id-review.result40"),
        h.replay(TypePattern.of("review.result"), null, 10).stream().map(Signal::id).toList());
    assertEquals(List.of("id-review.summary30", "id-review.result40"),
        h.replay(TypePattern.of("review.*"), Instant.ofEpochSecond(30), 10).stream().map(Signal::id).toList());
    assertEquals(List.of("id-review.result40"),
        h.replay(TypePattern.of("review.**"), null, 1).stream().map(Signal::id).toList());
  }

  @Test
  @DisplayName("a replayed signal equals the one added: attributes, extensions and nested data survive the compact storage")
  void replayRoundTrip() {
    SignalHistory h = new SignalHistory(10);
    JsonObject data = new JsonObject().put("review_id", "r1").put("risk", 0.5)
        .put("findings", new io.vertx.core.json.JsonArray().add(new JsonObject().put("line", 11).put("type", "sql_injection")));
    Signal s = new Signal("id-1", "review.result", "/synapse/agents/security_specialist", "review/r1",
        Instant.parse("2026-11-29T16:00:00.123Z"), Signal.JSON, data, Map.of("traceparent", "00-abc-def-01"));
    h.add(s);
    Signal back = h.replay(null, null, 10).get(0);
    assertEquals(s.id(), back.id());
    assertEquals(s.type(), back.type());
    assertEquals(s.source(), back.source());
    assertEquals(s.subject(), back.subject());
    assertEquals(s.time(), back.time());
    assertEquals(s.data(), back.data());
    assertEquals(s.extensions(), back.extensions());
  }
}
