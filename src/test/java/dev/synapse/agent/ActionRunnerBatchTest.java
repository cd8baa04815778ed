package dev.synapse.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.diff.Diff;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batched execution of {@link ActionRunner}: one worker task per review, watchdog timeouts. */
@ExtendWith(VertxExtension.class)
class ActionRunnerBatchTest {
  private static final AnalysisContext CTX = new AnalysisContext(Diff.EMPTY, List.of(), null);

  private static Check check(String id, Supplier<List<Finding>> body) {
    return new Check() {
      public String id() { return id; }
      public String category() { return id; }
      public List<Finding> run(AnalysisContext c) { return body.get(); }
    };
  }

  private static Finding finding(String fp) {
    return new Finding("xss", Severity.MEDIUM, "a.js", 1, Side.NEW, null, "R", "CWE-79", "s", "r", 0.8, fp, null);
  }

  private static List<Finding> sleep(long ms, String fp) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.of(finding(fp));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("an action that overruns in the middle times out alone; the actions after it still run and count")
  void timeoutInTheMiddle(Vertx vertx, VertxTestContext ctx) {
    AgentState state = new AgentState("a");
    List<Check> checks = List.of(check("first", () -> List.of(finding("1"))),
        check("slow", () -> sleep(2_000, "late")), check("third", () -> List.of(finding("3"))));
    vertx.runOnContext(v -> new ActionRunner(vertx, "a", state, SynapseMetrics.inMemory(), 200, 2)
        .run("r1", checks, CTX, f -> false)
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertEquals(List.of("first", "third"), report.actionsRun());
          assertEquals(List.of("1", "3"), report.findings().stream().map(Finding::fingerprint).toList());
          assertEquals(1, report.timedOut());
          assertEquals(List.of("slow timed out after 200 ms"), report.errors());
          assertEquals(1, state.scarTissue().size(), "a timeout is not retried");
          ctx.completeNow();
        }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the actions of one review run in order in one worker task, after the preparation")
  void oneWorkerTask(Vertx vertx, VertxTestContext ctx) {
    List<String> seen = new CopyOnWriteArrayList<>();
    Check a = check("a", () -> { seen.add("a@" + Thread.currentThread().getName()); return List.of(); });
    Check b = check("b", () -> { seen.add("b@" + Thread.currentThread().getName()); return List.of(); });
    vertx.runOnContext(v -> new ActionRunner(vertx, "x", new AgentState("x"), SynapseMetrics.inMemory(), 5_000, 0)
        .run("r2", List.of(a, b), () -> {
          seen.add("prepare@" + Thread.currentThread().getName());
          return CTX;
        }, f -> false)
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertEquals(3, seen.size(), seen.toString());
          String thread = seen.get(0).substring(seen.get(0).indexOf('@'));
          assertTrue(seen.get(0).startsWith("prepare@") && thread.contains("worker"), seen.toString());
          assertEquals(List.of("prepare" + thread, "a" + thread, "b" + thread), seen);
          assertEquals(List.of("a", "b"), report.actionsRun());
          ctx.completeNow();
        }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a preparation that throws fails the run with that exception and runs no action")
  void preparationFails(Vertx vertx, VertxTestContext ctx) {
    AtomicBoolean ran = new AtomicBoolean();
    Check a = check("a", () -> { ran.set(true); return List.of(); });
    vertx.runOnContext(v -> new ActionRunner(vertx, "x", new AgentState("x"), SynapseMetrics.inMemory(), 5_000, 0)
        .run("r3", List.of(a), () -> { throw new IllegalStateException("unparsable"); }, f -> false)
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals("unparsable", err.getMessage());
          assertFalse(ran.get());
          ctx.completeNow();
        }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("with no actions nothing is prepared and the report is empty")
  void noActions(Vertx vertx, VertxTestContext ctx) {
    AtomicBoolean prepared = new AtomicBoolean();
    new ActionRunner(vertx, "x", new AgentState("x"), SynapseMetrics.inMemory(), 5_000, 0)
        .run("r4", List.of(), () -> { prepared.set(true); return CTX; }, f -> false)
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertFalse(prepared.get());
          assertTrue(report.actionsRun().isEmpty() && report.errors().isEmpty());
          ctx.completeNow();
        })));
  }
}
