package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  @DisplayName("a heap under the limit after collection has headroom; at the limit the node is not ready")
  void memoryHeadroom() {
    long max = 1_000_000_000L;
    assertTrue(HealthProcedures.memory(max / 2, max).isOk());
    assertTrue(HealthProcedures.memory(max * (HealthProcedures.MEMORY_LIMIT_PERCENT - 1) / 100, max).isOk());
    assertFalse(HealthProcedures.memory(max * HealthProcedures.MEMORY_LIMIT_PERCENT / 100, max).isOk());
    assertTrue(HealthProcedures.memory(max * 95 / 100, max).getData().getString("message").contains("95%"));
  }

  @Test
  @DisplayName("the heap reading is a positive amount no larger than the maximum heap")
  void heapReading() {
    long used = HeapHeadroom.usedAfterGc();
    assertTrue(used > 0 && used <= HeapHeadroom.max(), used + " of " + HeapHeadroom.max());
  }
}
