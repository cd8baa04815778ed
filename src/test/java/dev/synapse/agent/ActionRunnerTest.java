package dev.synapse.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ActionRunnerTest {
  private static final AnalysisContext CTX = new AnalysisContext(Diff.EMPTY, List.of(), null);

  private static Check check(String id, java.util.function.Supplier<List<Finding>> body) {
    return new Check() {
      public String id() { return id; }
      public String category() { return id; }
      public List<Finding> run(AnalysisContext c) { return body.get(); }
    };
  }

  private static Finding finding(String fp) {
    return new Finding("xss", Severity.MEDIUM, "a.js", 1, Side.NEW, null, "R", "CWE-79", "s", "r", 0.8, fp, null);
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a failing action is retried at most max-retries times and lands in the scar tissue")
  void boundedRetries(Vertx vertx, VertxTestContext ctx) {
    AgentState state = new AgentState("a");
    AtomicInteger calls = new AtomicInteger();
    Check flaky = check("flaky", () -> {
      if (calls.incrementAndGet() < 3) throw new IllegalStateException("boom");
      return List.of(finding("f1"));
    });
    Check broken = check("broken", () -> { throw new IllegalStateException("always"); });
    new ActionRunner(vertx, "a", state, SynapseMetrics.inMemory(), 5_000, 2)
        .run("r1", List.of(flaky, broken), CTX, f -> false)
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertEquals(List.of("flaky"), report.actionsRun());
          assertEquals(1, report.findings().size());
          assertEquals("a", report.findings().get(0).agent());
          assertEquals(1, report.errors().size());
          assertTrue(report.errors().get(0).contains("after 3 attempts"), report.errors().get(0));
          assertEquals(5, state.scarTissue().size(), "2 flaky failures + 3 broken failures");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("an action that exceeds the per-action timeout is reported as timed out, the others still count")
  void perActionTimeout(Vertx vertx, VertxTestContext ctx) {
    AgentState state = new AgentState("a");
    Check slow = check("slow", () -> {
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(finding("late"));
    });
    Check fast = check("fast", () -> List.of(finding("f")));
    new ActionRunner(vertx, "a", state, SynapseMetrics.inMemory(), 200, 3)
        .run("r2", List.of(slow, fast), CTX, f -> false)
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertEquals(List.of("fast"), report.actionsRun());
          assertEquals(1, report.timedOut());
          assertTrue(report.errors().get(0).contains("timed out after 200 ms"));
          assertEquals("timeout", state.scarTissue().get(0).getString("kind"));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("findings matching a learned false positive are suppressed and counted")
  void learnedSuppression(Vertx vertx, VertxTestContext ctx) {
    Check two = check("two", () -> List.of(finding("keep"), finding("drop")));
    new ActionRunner(vertx, "a", new AgentState("a"), SynapseMetrics.inMemory(), 5_000, 0)
        .run("r3", List.of(two), CTX, f -> f.fingerprint().equals("drop"))
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertEquals(1, report.findings().size());
          assertEquals("keep", report.findings().get(0).fingerprint());
          assertEquals(1, report.suppressed());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("checks run on worker threads, never on an event loop")
  void workerThreads(Vertx vertx, VertxTestContext ctx) {
    java.util.List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    Check probe = check("probe", () -> {
      threads.add(Thread.currentThread().getName() + ":" + io.vertx.core.Context.isOnEventLoopThread());
      return List.of();
    });
    vertx.runOnContext(v -> new ActionRunner(vertx, "a", new AgentState("a"), SynapseMetrics.inMemory(), 5_000, 0)
        .run("r4", List.of(probe, probe), CTX, f -> false)
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertEquals(2, threads.size());
          for (String t : threads) assertTrue(t.endsWith(":false") && t.contains("worker"), t);
          ctx.completeNow();
        }))));
  }
}
