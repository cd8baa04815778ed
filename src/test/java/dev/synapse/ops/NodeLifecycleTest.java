package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeLifecycleTest {

  @Test
  @DisplayName("a new node is ready and accepting")
  void startsRunning() {
    NodeLifecycle l = new NodeLifecycle();
    assertTrue(l.ready());
    assertTrue(l.accepting());
  }

  @Test
  @DisplayName("readiness fails before submissions are refused")
  void readinessFailsFirst() {
    NodeLifecycle l = new NodeLifecycle();
    l.advance(NodeLifecycle.State.NOT_READY);
    assertFalse(l.ready());
    assertTrue(l.accepting());
    l.advance(NodeLifecycle.State.DRAINING);
    assertFalse(l.accepting());
  }

  @Test
  @DisplayName("the state never moves backwards")
  void forwardOnly() {
    NodeLifecycle l = new NodeLifecycle();
    l.advance(NodeLifecycle.State.DRAINING);
    assertFalse(l.advance(NodeLifecycle.State.RUNNING));
    assertEquals(NodeLifecycle.State.DRAINING, l.state());
  }

  @Test
  @DisplayName("drain actions run once, when draining starts")
  void drainActionsRunOnce() {
    NodeLifecycle l = new NodeLifecycle();
    AtomicInteger runs = new AtomicInteger();
    l.onDrain(runs::incrementAndGet);
    l.advance(NodeLifecycle.State.NOT_READY);
    assertEquals(0, runs.get());
    l.advance(NodeLifecycle.State.DRAINING);
    l.advance(NodeLifecycle.State.STOPPED);
    assertEquals(1, runs.get());
  }

  @Test
  @DisplayName("a drain action registered while already draining runs at once")
  void lateDrainAction() {
    NodeLifecycle l = new NodeLifecycle();
    l.advance(NodeLifecycle.State.DRAINING);
    AtomicInteger runs = new AtomicInteger();
    l.onDrain(runs::incrementAndGet);
    assertEquals(1, runs.get());
  }
}
