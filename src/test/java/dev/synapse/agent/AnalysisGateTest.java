package dev.synapse.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AnalysisGateTest {
  private static final long MB = 1 << 20;

  @Test
  @DisplayName("two 5 MB analyses under an 8 MB capacity run one after the other, in arrival order")
  void largeAnalysesQueue(Vertx vertx) throws Exception {
    AnalysisGate gate = new AnalysisGate(vertx, 8 * MB, 10, 10_000);
    AnalysisGate.Permit first = gate.acquire(5 * MB).await(5, TimeUnit.SECONDS);
    Future<AnalysisGate.Permit> second = gate.acquire(5 * MB);
    Future<AnalysisGate.Permit> small = gate.acquire(1);
    Thread.sleep(100);
    assertFalse(second.isComplete(), "the second waits while the first holds 5 of 8 MB");
    assertFalse(small.isComplete(), "a later small analysis does not overtake the queue");
    assertEquals(2, gate.queued());
    first.release();
    first.release(); // idempotent
    second.await(5, TimeUnit.SECONDS);
    small.await(5, TimeUnit.SECONDS);
    assertEquals(5 * MB + 1, gate.used());
  }

  @Test
  @DisplayName("a diff larger than the capacity runs alone rather than never")
  void oversizedRunsAlone(Vertx vertx) throws Exception {
    AnalysisGate gate = new AnalysisGate(vertx, 4 * MB, 10, 10_000);
    gate.acquire(20 * MB).await(5, TimeUnit.SECONDS);
    assertEquals(4 * MB, gate.used());
  }

  @Test
  @DisplayName("a full queue and a wait past the limit fail with a busy error instead of hanging")
  void boundedWait(Vertx vertx) throws Exception {
    AnalysisGate gate = new AnalysisGate(vertx, MB, 1, 200);
    gate.acquire(MB).await(5, TimeUnit.SECONDS);
    Future<AnalysisGate.Permit> waiting = gate.acquire(MB);
    Throwable full = gate.acquire(MB).transform(ar -> Future.succeededFuture(ar.cause())).await(5, TimeUnit.SECONDS);
    assertInstanceOf(AnalysisGate.BusyException.class, full);
    Throwable timedOut = waiting.transform(ar -> Future.succeededFuture(ar.cause())).await(5, TimeUnit.SECONDS);
    assertInstanceOf(AnalysisGate.BusyException.class, timedOut);
    assertTrue(timedOut.getMessage().contains("waited 200 ms"), timedOut.getMessage());
    assertEquals(0, gate.queued());
  }
}
