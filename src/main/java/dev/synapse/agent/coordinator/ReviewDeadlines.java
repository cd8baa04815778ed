package dev.synapse.agent.coordinator;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.NodeContext;
import dev.synapse.review.StoredReview;
import dev.synapse.review.SummaryBuilder;
import dev.synapse.review.SummaryEmitter;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Signal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-review budget ({@code review_budget_ms}): a review still in flight that long after it
 * was accepted is completed as {@code failed}, with the specialist results stored so far and an
 * escalation naming the budget, whatever happened to it (a run that gave up, a takeover whose
 * specialists never answered, an analysis that hangs). So every accepted review ends in a
 * summary. The summary is stored with the store's compare-and-set, so a run that finishes at the
 * same moment and this sweep never both publish.
 *
 * <p>Sweeps every {@value #SWEEP_INTERVAL_MS} ms (or half the budget when that is shorter) on the
 * node that {@code leads} (embedded: always; clustered: the oldest member of a side with a
 * quorum) while the node accepts work. Never blocks the event loop (the store's scan runs where
 * the store runs it).
 */
public final class ReviewDeadlines {
  /** Longest period between sweeps, in ms. */
  public static final long SWEEP_INTERVAL_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(ReviewDeadlines.class);

  private final Vertx vertx;
  private final NodeContext node;
  private final long budgetMs;
  private final BooleanSupplier leads;
  private final SummaryEmitter emitter;
  private long timerId = -1;

  /**
   * @param vertx timers
   * @param node store, bus, metrics, lifecycle
   * @param budgetMs the review budget, in ms (≥ 1)
   * @param leads true while this node should sweep
   */
  public ReviewDeadlines(Vertx vertx, NodeContext node, long budgetMs, BooleanSupplier leads) {
    this.vertx = vertx;
    this.node = node;
    this.budgetMs = budgetMs;
    this.leads = leads;
    this.emitter = new SummaryEmitter(node.store(), node.bus(), node.metrics(), Signal.agentSource(AgentNames.COORDINATOR));
  }

  /** Starts the periodic sweep. */
  public void start() {
    timerId = vertx.setPeriodic(Math.max(100, Math.min(SWEEP_INTERVAL_MS, budgetMs / 2)), t -> sweep()
        .onFailure(err -> LOG.debug("review budget sweep failed: {}", err.toString())));
  }

  /** Stops the sweep. */
  public void stop() {
    if (timerId >= 0) vertx.cancelTimer(timerId);
  }

  /**
   * Completes every in-flight review older than the budget (when this node leads and accepts).
   *
   * @return how many summaries this sweep stored
   */
  public Future<Integer> sweep() {
    if (!leads.getAsBoolean() || !node.lifecycle().accepting()) return Future.succeededFuture(0);
    Instant now = Instant.now();
    return node.store().inFlight().compose(reviews -> {
      List<Future<ReviewSummary>> emitted = new ArrayList<>();
      for (StoredReview r : reviews) {
        if (Duration.between(r.acceptedAt(), now).toMillis() < budgetMs) continue;
        LOG.warn("review_id={} in flight for more than review_budget_ms={}; completed as failed with {} results",
            r.reviewId(), budgetMs, r.results().size());
        emitted.add(emitter.emit(overdue(r, budgetMs, now)));
      }
      return Future.join(emitted).map(cf -> (int) emitted.stream().filter(f -> f.succeeded() && f.result() != null).count());
    });
  }

  /**
   * @param review an in-flight review past its budget
   * @param budgetMs the budget, in ms
   * @param now the time of the sweep
   * @return its {@code failed} summary: the findings of the results stored so far, each missing
   *     specialist named, and an escalation naming the budget
   */
  public static ReviewSummary overdue(StoredReview review, long budgetMs, Instant now) {
    String path = review.decisionPath() != null ? review.decisionPath() : Classifier.DEEP_REVIEW;
    String rationale = review.rationale() != null ? review.rationale() : "not classified within the review budget";
    List<String> expected = Classifier.FAST_PATH.equals(path) ? List.of(AgentNames.SECURITY) : AgentNames.SPECIALISTS;
    Map<String, String> missing = new LinkedHashMap<>();
    for (String agent : expected) {
      if (!review.results().containsKey(agent)) missing.put(agent, "review budget exceeded");
    }
    long duration = Math.max(0, Duration.between(review.acceptedAt(), now).toMillis());
    ReviewSummary s = SummaryBuilder.build(review.reviewId(), path, rationale, expected,
        new LinkedHashMap<>(review.results()), missing, duration)
        .withEscalation("Review budget of " + budgetMs + " ms exceeded: completed with the results received");
    return new ReviewSummary(s.reviewId(), ReviewSummary.FAILED, s.severity(), s.findings(), s.recommendations(),
        s.escalations(), s.decisionPath(), s.rationale(), s.specialistsResolved(), s.specialistsFailed(),
        s.durationMs(), s.suppressed());
  }
}
