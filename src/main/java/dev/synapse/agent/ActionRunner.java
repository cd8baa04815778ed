package dev.synapse.agent;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Suppressions;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.signal.Finding;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Runs a specialist's checks (actions) for one review on Vert.x worker threads, never on the
 * event loop. Each action runs as its own blocking task bounded by the per-action timeout; an
 * action that throws is retried up to {@code maxRetries} times (bounded retries); an action that
 * times out is not retried (its thread is still busy) and is reported with kind {@code timeout}.
 * Actions of one review run concurrently. Failures go to the agent's scar tissue and to
 * {@code synapse_agent_errors_total}.
 */
public final class ActionRunner {
  private final Vertx vertx;
  private final String agent;
  private final AgentState state;
  private final SynapseMetrics metrics;
  private final long timeoutMs;
  private final int maxRetries;

  /**
   * @param vertx runs the blocking tasks
   * @param agent agent name (metrics label)
   * @param state where failures are recorded
   * @param metrics action durations and errors
   * @param timeoutMs per-action timeout, in ms
   * @param maxRetries retries after a failed attempt, ≥ 0
   */
  public ActionRunner(Vertx vertx, String agent, AgentState state, SynapseMetrics metrics,
      long timeoutMs, int maxRetries) {
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
    List<Future<Outcome>> outcomes = new ArrayList<>(checks.size());
    for (Check check : checks) outcomes.add(runAction(reviewId, check, context, 0));
    return Future.join(outcomes).transform(ignored -> {
      List<Finding> findings = new ArrayList<>();
      List<String> actionsRun = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      int suppressed = 0;
      int timedOut = 0;
      for (Future<Outcome> f : outcomes) {
        Outcome o = f.result();
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
      return Future.succeededFuture(new ActionReport(findings, actionsRun, errors, suppressed, timedOut));
    });
  }

  private Future<Outcome> runAction(String reviewId, Check check, AnalysisContext context, int attempt) {
    Promise<Outcome> promise = Promise.promise();
    long start = System.nanoTime();
    vertx.executeBlocking(() -> Suppressions.apply(check.run(context), context), false)
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
            runAction(reviewId, check, context, attempt + 1).onComplete(promise);
          } else {
            promise.complete(new Outcome(check.id(), null,
                timeout || attempt == 0 ? message : message + " (after " + (attempt + 1) + " attempts)", timeout));
          }
        });
    return promise.future();
  }

  private static String safeMessage(Throwable t) {
    String m = t.getMessage();
    String text = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  private record Outcome(String action, Suppressions.Filtered filtered, String error, boolean timedOut) {}
}
