package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.bus.SignalHistory;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HealthProcedures checks")
class HealthProceduresTest {
  @Test
  @DisplayName("a running node passes the lifecycle check and a node shutting down fails it")
  void lifecycle() {
    NodeLifecycle lifecycle = new NodeLifecycle();
    assertTrue(HealthProcedures.lifecycle(lifecycle).isOk());
    lifecycle.advance(NodeLifecycle.State.NOT_READY);
    assertFalse(HealthProcedures.lifecycle(lifecycle).isOk());
  }

  private static Signal at(Instant t) {
    return new Signal("id-" + t.toEpochMilli(), SignalTypes.REVIEW_RESULT, "/synapse/agents/x", null, t, null,
        new JsonObject(), Map.of());
  }

  @Test
  @DisplayName("a full history whose oldest signal is recent is near capacity: degraded")
  void fullAndFastIsDegraded() {
    Instant now = Instant.parse("2026-01-01T12:00:00Z");
    SignalHistory h = new SignalHistory(10);
    for (int i = 0; i < 10; i++) h.add(at(now.minusSeconds(10 - i)));
    assertFalse(HealthProcedures.history(h, now).isOk());
  }

  @Test
  @DisplayName("a full history that still covers a long window is the steady state: healthy")
  void fullButSlowIsHealthy() {
    Instant now = Instant.parse("2026-01-01T12:00:00Z");
    SignalHistory h = new SignalHistory(10);
    for (int i = 0; i < 10; i++) h.add(at(now.minus(Duration.ofHours(1)).plusSeconds(i)));
    assertTrue(HealthProcedures.history(h, now).isOk());
  }

  @Test
  @DisplayName("a history far from capacity is healthy however recent its signals")
  void sparseIsHealthy() {
    Instant now = Instant.parse("2026-01-01T12:00:00Z");
    SignalHistory h = new SignalHistory(100);
    h.add(at(now));
    assertTrue(HealthProcedures.history(h, now).isOk());
  }
}
