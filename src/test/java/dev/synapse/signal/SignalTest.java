package dev.synapse.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignalTest {

  @Test
  @DisplayName("a signal is a CloudEvents 1.0 JSON event with the required attributes")
  void cloudEventShape() {
    Signal s = Signal.create(SignalTypes.REVIEW_RESULT, Signal.agentSource("security_specialist"),
        "r-1", new JsonObject().put("review_id", "r-1"));
    JsonObject json = s.toJson();
    assertEquals("1.0", json.getString("specversion"));
    assertEquals("review.result", json.getString("type"));
    assertEquals("/synapse/agents/security_specialist", json.getString("source"));
    assertEquals("review/r-1", json.getString("subject"));
    assertEquals("application/json", json.getString("datacontenttype"));
    assertTrue(json.getString("time").endsWith("Z"));
    assertEquals(36, json.getString("id").length());
  }

  @Test
  @DisplayName("the codec round-trips a signal through its wire form, extensions included")
  void codecRoundTrip() {
    Signal s = Signal.create(SignalTypes.REVIEW_SUMMARY, "/synapse/agents/coordinator", "r-2",
        new JsonObject().put("review_id", "r-2").put("severity", "high"))
        .withExtension("traceparent", "00-abc-def-01");
    SignalCodec codec = new SignalCodec();
    Buffer wire = Buffer.buffer();
    wire.appendString("xx");
    codec.encodeToWire(wire, s);
    Signal back = codec.decodeFromWire(2, wire);
    assertEquals(s.toJson(), back.toJson());
    assertEquals("00-abc-def-01", back.extensions().get("traceparent"));
  }

  @Test
  @DisplayName("reading a signal without a required attribute names the attribute")
  void missingAttribute() {
    JsonObject json = Signal.create(SignalTypes.REVIEW_REQUEST, Signal.INGRESS_SOURCE, null, null).toJson();
    json.remove("source");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signal.fromJson(json));
    assertTrue(e.getMessage().contains("source"));
  }

  @Test
  @DisplayName("extension names must be lower-case alphanumerics")
  void extensionNames() {
    Signal s = Signal.create(SignalTypes.REVIEW_REQUEST, Signal.INGRESS_SOURCE, null, null);
    assertThrows(IllegalArgumentException.class, () -> s.withExtension("Trace-Parent", "x"));
    assertThrows(IllegalArgumentException.class, () -> s.withExtension("type", "x"));
  }
}
