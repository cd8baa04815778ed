package dev.synapse.agent;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Suppressions;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.signal.Finding;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Runs a specialist's checks (actions) for one review on Vert.x worker threads, never on the
 * event loop.
 *
 * <p>Semantics (unchanged by the batching below): each attempt of an action is bounded by the
 * per-action timeout; an action that throws is retried up to {@code maxRetries} times (bounded
 * retries, immediately); an action that times out is not retried (its thread is still busy) and
 * is reported with kind {@code timeout}; the other actions of the review still run and count.
 * Failures go to the agent's scar tissue and to {@code synapse_agent_errors_total}; every attempt
 * is timed in {@code synapse_action_duration_seconds}.
 *
 * <p>Execution: the actions of one review run one after the other in a single worker task (one
 * hand-off per review instead of one per action), after an optional preparation step such as
 * parsing the diff. A watchdog timer on the caller's context enforces the per-action timeout: when
 * the running action exceeds it, that action is reported as timed out, the batch is abandoned
 * (the stuck worker thread stops after the action returns and its late result is discarded) and
 * the actions not yet started run each in their own worker task with their own timeout. So a
 * slow action delays the others by at most one timeout, as before; actions of one review are no
 * longer run concurrently with each other (reviews and specialists still are).
 */
public final class ActionRunner {
  private final Vertx vertx;
  private final String agent;
  private final AgentState state;
  private final SynapseMetrics metrics;
  private final long timeoutMs;
  private final int maxRetries;
  private final WorkerExecutor executor;

  /**
   * @param vertx runs the blocking tasks and the watchdog timer
   * @param agent agent name (metrics label)
   * @param state where failures are recorded
   * @param metrics action durations and errors
   * @param timeoutMs per-action timeout, in ms
   * @param maxRetries retries after a failed attempt, ≥ 0
   */
  public ActionRunner(Vertx vertx, String agent, AgentState state, SynapseMetrics metrics,
      long timeoutMs, int maxRetries) {
    this(vertx, agent, state, metrics, timeoutMs, maxRetries, null);
  }

  /**
   * @param executor the worker pool the actions run on, or null for the Vert.x worker pool
   * @see #ActionRunner(Vertx, String, AgentState, SynapseMetrics, long, int)
   */
  public ActionRunner(Vertx vertx, String agent, AgentState state, SynapseMetrics metrics,
      long timeoutMs, int maxRetries, WorkerExecutor executor) {
    this.executor = executor;
    this.vertx = vertx;
    this.agent = agent;
    this.state = state;
    this.metrics = metrics;
    this.timeoutMs = timeoutMs;
    this.maxRetries = maxRetries;
  }

  /**
   * @param reviewId for the scar tissue
   * @param checks the actions
   * @param context the parsed review
   * @param learnedSuppression true for a finding that a learned false positive suppresses
   * @return never fails: failed actions are listed in {@link ActionReport#errors()}
   */
  public Future<ActionReport> run(String reviewId, List<Check> checks, AnalysisContext context,
      Predicate<Finding> learnedSuppression) {
    return run(reviewId, checks, () -> context, learnedSuppression);
  }

  /**
   * Like {@link #run(String, List, AnalysisContext, Predicate)}, building the context on the
   * worker thread first (the preparation is not bounded by the per-action timeout).
   *
   * @param prepare builds the context, e.g. parses the diff; not called when {@code checks} is
   *     empty
   * @return fails only when {@code prepare} throws (with that exception); failed actions are
   *     listed in {@link ActionReport#errors()}. Completes on the caller's context.
   */
  public Future<ActionReport> run(String reviewId, List<Check> checks, Callable<AnalysisContext> prepare,
      Predicate<Finding> learnedSuppression) {
    if (checks.isEmpty()) {
      return Future.succeededFuture(new ActionReport(List.of(), List.of(), List.of(), 0, 0));
    }
    Batch batch = new Batch(reviewId, checks);
    blocking(() -> batch.runAll(prepare)).onComplete(ar -> {
      if (ar.failed()) {
        batch.fail(ar.cause());
      } else {
        batch.ranAll();
      }
    });
    batch.watch();
    return batch.result.future().map(outcomes -> report(outcomes, learnedSuppression));
  }

  private ActionReport report(List<Outcome> outcomes, Predicate<Finding> learnedSuppression) {
    List<Finding> findings = new ArrayList<>();
    List<String> actionsRun = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int suppressed = 0;
    int timedOut = 0;
    for (Outcome o : outcomes) {
      if (o.error() != null) {
        errors.add(o.error());
        if (o.timedOut()) timedOut++;
        continue;
      }
      actionsRun.add(o.action());
      Suppressions.Filtered filtered = o.filtered();
      suppressed += filtered.suppressed();
      for (Finding finding : filtered.kept()) {
        if (learnedSuppression.test(finding)) {
          suppressed++;
        } else {
          findings.add(finding.withAgent(agent));
        }
      }
    }
    return new ActionReport(findings, actionsRun, errors, suppressed, timedOut);
  }

  /** One review's actions run in one worker task, watched by a timer. */
  private final class Batch {
    final String reviewId;
    final List<Check> checks;
    final Outcome[] outcomes;
    final Promise<List<Outcome>> result = Promise.promise();
    // guarded by this
    int current = -1;
    long currentStart;
    boolean abandoned;
    boolean done;
    long timerId = -1;
    AnalysisContext context;

    Batch(String reviewId, List<Check> checks) {
      this.reviewId = reviewId;
      this.checks = checks;
      this.outcomes = new Outcome[checks.size()];
    }

    /** Worker thread: prepares the context and runs every action in order until abandoned. */
    Void runAll(Callable<AnalysisContext> prepare) throws Exception {
      AnalysisContext ctx = prepare.call();
      synchronized (this) {
        context = ctx;
      }
      for (int i = 0; i < checks.size(); i++) {
        if (!runOne(i, ctx)) return null;
      }
      return null;
    }

    /** @return false when the batch was abandoned (stop at once) */
    private boolean runOne(int index, AnalysisContext ctx) {
      Check check = checks.get(index);
      for (int attempt = 0; ; attempt++) {
        long start = System.nanoTime();
        synchronized (this) {
          if (abandoned) return false;
          current = index;
          currentStart = start;
        }
        Suppressions.Filtered filtered = null;
        Throwable failure = null;
        try {
          filtered = Suppressions.apply(check.run(ctx), ctx);
        } catch (Throwable t) {
          failure = t;
        }
        synchronized (this) {
          if (abandoned) return false;
          current = -1;
        }
        metrics.actionDuration(agent, check.id(), System.nanoTime() - start);
        if (failure == null) {
          outcomes[index] = new Outcome(check.id(), filtered, null, false);
          return true;
        }
        String message = check.id() + " failed: " + safeMessage(failure);
        metrics.agentError(agent, check.id(), "error");
        state.recordFailure(reviewId, check.id(), "error", message);
        if (attempt >= maxRetries) {
          outcomes[index] = new Outcome(check.id(), null,
              attempt == 0 ? message : message + " (after " + (attempt + 1) + " attempts)", false);
          return true;
        }
      }
    }

    /** Caller's context: the worker task ended normally. */
    void ranAll() {
      synchronized (this) {
        if (abandoned || done) return;
        done = true;
        if (timerId >= 0) vertx.cancelTimer(timerId);
      }
      result.complete(Arrays.asList(outcomes));
    }

    /** Caller's context: the preparation failed. */
    void fail(Throwable cause) {
      synchronized (this) {
        if (abandoned || done) return;
        done = true;
        if (timerId >= 0) vertx.cancelTimer(timerId);
      }
      result.fail(cause);
    }

    /** Caller's context: (re)arms the watchdog; abandons the batch when an action overran. */
    void watch() {
      long delayMs;
      int timedOutIndex = -1;
      long elapsed = 0;
      AnalysisContext ctx;
      synchronized (this) {
        if (done || abandoned) return;
        long now = System.nanoTime();
        if (current < 0) {
          // preparing (not bounded: a full period), or between two actions (look again soon)
          delayMs = context == null ? timeoutMs : 1;
        } else {
          elapsed = now - currentStart;
          long left = TimeUnit.MILLISECONDS.toNanos(timeoutMs) - elapsed;
          if (left <= 0) {
            abandoned = true;
            timedOutIndex = current;
          }
          delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        ctx = context;
        if (timedOutIndex < 0) {
          timerId = vertx.setTimer(delayMs, t -> watch());
          return;
        }
      }
      Check slow = checks.get(timedOutIndex);
      String message = slow.id() + " timed out after " + timeoutMs + " ms";
      metrics.actionDuration(agent, slow.id(), elapsed);
      metrics.agentError(agent, slow.id(), "timeout");
      state.recordFailure(reviewId, slow.id(), "timeout", message);
      outcomes[timedOutIndex] = new Outcome(slow.id(), null, message, true);
      List<Future<Outcome>> rest = new ArrayList<>();
      for (int i = timedOutIndex + 1; i < checks.size(); i++) {
        int index = i;
        rest.add(runAlone(reviewId, checks.get(i), ctx, 0).onSuccess(o -> outcomes[index] = o));
      }
      Future.join(rest).onComplete(ignored -> {
        synchronized (this) {
          done = true;
        }
        result.complete(Arrays.asList(outcomes));
      });
    }
  }

  /** One action in its own worker task with its own timeout (after a batch was abandoned). */
  private Future<Outcome> runAlone(String reviewId, Check check, AnalysisContext context, int attempt) {
    Promise<Outcome> promise = Promise.promise();
    long start = System.nanoTime();
    blocking(() -> Suppressions.apply(check.run(context), context))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          metrics.actionDuration(agent, check.id(), System.nanoTime() - start);
          if (ar.succeeded()) {
            promise.complete(new Outcome(check.id(), ar.result(), null, false));
            return;
          }
          boolean timeout = ar.cause() instanceof TimeoutException;
          String kind = timeout ? "timeout" : "error";
          String message = timeout
              ? check.id() + " timed out after " + timeoutMs + " ms"
              : check.id() + " failed: " + safeMessage(ar.cause());
          metrics.agentError(agent, check.id(), kind);
          state.recordFailure(reviewId, check.id(), kind, message);
          if (!timeout && attempt < maxRetries) {
            runAlone(reviewId, check, context, attempt + 1).onComplete(promise);
          } else {
            promise.complete(new Outcome(check.id(), null,
                timeout || attempt == 0 ? message : message + " (after " + (attempt + 1) + " attempts)", timeout));
          }
        });
    return promise.future();
  }

  private <T> Future<T> blocking(Callable<T> task) {
    return executor != null ? executor.executeBlocking(task, false) : vertx.executeBlocking(task, false);
  }

  private static String safeMessage(Throwable t) {
    String m = t.getMessage();
    String text = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  private record Outcome(String action, Suppressions.Filtered filtered, String error, boolean timedOut) {}
}
