package dev.synapse.agent.coordinator;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.NodeContext;
import dev.synapse.agent.SpecialistVerticle;
import dev.synapse.review.StoredReview;
import dev.synapse.review.SummaryBuilder;
import dev.synapse.review.SummaryEmitter;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives one review from request to summary: classify, dispatch to specialists (skipping those
 * whose results are already stored, so a review taken over after a node failure asks again only
 * for what is missing), aggregate by review id, and emit exactly one {@code review.summary}
 * (plus {@code review.escalate} when escalations exist). A specialist that does not answer within
 * its deadline, or has no live instance after the bounded retries, is recorded as
 * {@code No response from <agent>}.
 *
 * <p>A request to a specialist on another member that has not been answered after
 * {@link #hedgeAfterMs()} (one action timeout plus a second: a healthy specialist answers within
 * it unless a check timed out) is sent once more to this node's own specialists, and the first
 * answer wins: a member that is frozen, partitioned or stalled but not yet (or never) declared
 * gone holds a review for that long instead of the whole {@link #specialistDeadlineMs()}. At most
 * one such hedge per specialist and review. Must be used from an event-loop context; never blocks.
 */
public final class ReviewOrchestrator {
  private static final String SOURCE = Signal.agentSource(AgentNames.COORDINATOR);
  private static final long RETRY_BACKOFF_MS = 100;

  private final Vertx vertx;
  private final NodeContext node;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReviewOrchestrator.class);
  private static final long RUN_RETRY_DELAY_MS = 1_000;
  private static final int RUN_ATTEMPTS = 5;
  private static final long RUN_RETRY_MAX_DELAY_MS = 10_000;
  private final Map<String, Boolean> running = new ConcurrentHashMap<>();
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final SummaryEmitter emitter;
  private final boolean localOnly;
  /** Delivery options of a dispatch by decision path, built once (they are never modified). */
  private final Map<String, DeliveryOptions> dispatchOptions = new ConcurrentHashMap<>();

  /**
   * @param vertx timers and the event bus
   * @param node shared node components
   */
  public ReviewOrchestrator(Vertx vertx, NodeContext node) {
    this(vertx, node, false);
  }

  /**
   * @param localOnly true to dispatch to this node's specialists only: what a takeover after a
   *     member left uses, since the event bus may still list the gone member's specialists (a
   *     frozen member's for as long as it stays frozen) and a request sent there waits its whole
   *     deadline
   * @see #ReviewOrchestrator(Vertx, NodeContext)
   */
  public ReviewOrchestrator(Vertx vertx, NodeContext node, boolean localOnly) {
    this.localOnly = localOnly;
    this.vertx = vertx;
    this.node = node;
    this.emitter = new SummaryEmitter(node.store(), node.bus(), node.metrics(), SOURCE);
  }

  /** @return how long the coordinator waits for one specialist, in ms */
  public long specialistDeadlineMs() {
    return node.config().actionTimeoutMs() * (node.config().actionMaxRetries() + 1L) + 1000L;
  }

  /**
   * @return after how long (ms) an unanswered request to a specialist is also sent to this
   *     node's own specialists: {@code action_timeout_ms} + 1 s; at or beyond
   *     {@link #specialistDeadlineMs()} there is no hedge
   */
  public long hedgeAfterMs() {
    return node.config().actionTimeoutMs() + 1000L;
  }

  /** @return reviews this orchestrator is driving right now */
  public int activeCount() {
    return running.size();
  }

  /**
   * Runs (or resumes) a stored review to its summary. A second call for a review already being
   * driven here is ignored.
   *
   * @return completes with the summary this call stored, or null when another run stored it
   */
  public Future<ReviewSummary> run(StoredReview review) {
    return run(review, null);
  }

  /**
   * As {@link #run(StoredReview)}, forwarding a {@code review.request} signal received for this
   * review to the specialists instead of building a new one (its {@code data} is the stored
   * request's payload: the ingress built it from the same request).
   *
   * @param received the signal the coordinator was handed, or null to build one from the store
   */
  public Future<ReviewSummary> run(StoredReview review, Signal received) {
    String id = review.reviewId();
    if (running.putIfAbsent(id, Boolean.TRUE) != null) return Future.succeededFuture();
    Classifier.Classification c = review.decisionPath() != null
        ? new Classifier.Classification(review.decisionPath(), review.rationale())
        : Classifier.classify(review.request());
    List<String> expected = Classifier.FAST_PATH.equals(c.path())
        ? List.of(AgentNames.SECURITY) : AgentNames.SPECIALISTS;
    Map<String, ReviewResult> results = new ConcurrentHashMap<>(review.results());
    Map<String, String> noResponse = new ConcurrentHashMap<>();
    Signal request = received != null && id.equals(received.reviewId()) ? received
        : Signal.create(SignalTypes.REVIEW_REQUEST, Signal.INGRESS_SOURCE, null, review.request().toJson());
    return node.store().classify(id, c.path(), c.rationale())
        .compose(v -> {
          List<Future<Void>> calls = new ArrayList<>();
          for (String agent : expected) {
            if (results.containsKey(agent)) continue;
            calls.add(dispatchHedged(agent, request, c.path())
                .compose(result -> {
                  results.put(agent, result);
                  return node.store().addResult(id, result);
                }, err -> {
                  noResponse.put(agent, err.getMessage() == null ? "no response" : err.getMessage());
                  node.metrics().agentError(agent, "dispatch", kindOf(err));
                  return Future.succeededFuture();
                }));
          }
          return Future.join(calls);
        })
        .transform(ignored -> {
          long duration = Duration.between(review.acceptedAt(), Instant.now()).toMillis();
          ReviewSummary summary = SummaryBuilder.build(id, c.path(), c.rationale(), expected,
              new LinkedHashMap<>(results), noResponse, Math.max(0, duration));
          return finish(review.request().diff().isBlank() ? summary.asEmpty() : summary);
        })
        .onComplete(ar -> {
          running.remove(id);
          node.parsedDiffs().remove(id);
          if (ar.failed()) retryLater(review, ar.cause());
        });
  }

  /**
   * A run that failed (the store was unreachable, e.g. while a member left, or this side of the
   * cluster had no quorum) is tried again, after {@value #RUN_RETRY_DELAY_MS} ms doubling up to
   * {@value #RUN_RETRY_MAX_DELAY_MS} ms, for as long as the review is within its budget
   * ({@code review_budget_ms} from acceptance; past it {@code ReviewDeadlines} completes it as
   * failed), and at least {@value #RUN_ATTEMPTS} times. Giving up after five tries a second apart
   * stranded reviews when a loaded machine split the majority for longer than that: they stayed
   * {@code running} until the budget ran out. Store operations are idempotent.
   */
  private void retryLater(StoredReview review, Throwable cause) {
    int attempt = attempts.merge(review.reviewId(), 1, Integer::sum);
    long budgetLeftMs = Duration.between(Instant.now(),
        review.acceptedAt().plusMillis(node.config().reliability().reviewBudgetMs())).toMillis();
    if (attempt >= RUN_ATTEMPTS && budgetLeftMs <= 0) {
      attempts.remove(review.reviewId());
      LOG.error("review_id={} gave up after {} failed runs: {}", review.reviewId(), attempt, cause.toString());
      return;
    }
    long delay = Math.min(RUN_RETRY_MAX_DELAY_MS, RUN_RETRY_DELAY_MS << Math.min(attempt - 1, 10));
    LOG.warn("review_id={} run failed ({}), retrying in {} ms", review.reviewId(), cause.toString(), delay);
    vertx.setTimer(delay, t -> node.store().get(review.reviewId()).onComplete(ar -> {
      StoredReview current = ar.succeeded() && ar.result() != null ? ar.result() : review;
      if (current.state().done()) {
        attempts.remove(review.reviewId());
        republishOwn(current);
      } else {
        run(current).onSuccess(x -> attempts.remove(review.reviewId()));
      }
    }));
  }

  /**
   * A run that failed may have stored its summary before failing (the store answered after a
   * membership change, or the check before publishing could not reach the store): the summary is
   * then stored, owned by this node, and was never published, and a retry's compare-and-set
   * answers "another summary exists". Publishing the stored summary again is harmless (same
   * CloudEvent id and content; subscribers drop repeats), so this node does. A freeze run had 10
   * of 203 summaries stored and never published this way.
   */
  private void republishOwn(StoredReview done) {
    if (done.summary() == null || !node.nodeId().equals(done.owner())) return;
    emitter.publish(done.summary());
    node.store().published(done.reviewId());
    LOG.info("review_id={} stored summary published again after a failed run", done.reviewId());
  }

  /**
   * Stores and publishes a summary unless one exists already.
   *
   * @return the summary when this call emitted it, else null
   */
  public Future<ReviewSummary> finish(ReviewSummary summary) {
    return emitter.emit(summary);
  }

  /**
   * {@link #dispatch}, and after {@link #hedgeAfterMs()} without an answer the same request to
   * this node's own specialists; completes with the first result, fails when every request sent
   * failed (with the last failure).
   */
  private Future<ReviewResult> dispatchHedged(String agent, Signal request, String path) {
    Future<ReviewResult> first = dispatch(agent, request, path, 0);
    long hedgeAfter = hedgeAfterMs();
    long deadline = specialistDeadlineMs();
    if (localOnly || hedgeAfter >= deadline) return first;
    Promise<ReviewResult> out = Promise.promise();
    int[] outstanding = {1}; // touched on this orchestrator's context only
    io.vertx.core.Handler<io.vertx.core.AsyncResult<ReviewResult>> onAnswer = ar -> {
      if (ar.succeeded()) {
        out.tryComplete(ar.result());
      } else if (--outstanding[0] == 0) {
        out.tryFail(ar.cause());
      }
    };
    long timer = vertx.setTimer(hedgeAfter, t -> {
      if (out.future().isComplete()) return;
      outstanding[0]++;
      LOG.info("review_id={} agent={} no answer after {} ms: asking this node's own specialist too",
          request.reviewId(), agent, hedgeAfter);
      DeliveryOptions local = new DeliveryOptions().setSendTimeout(deadline - hedgeAfter).setLocalOnly(true)
          .addHeader(SpecialistVerticle.PATH_HEADER, path);
      vertx.eventBus().<Signal>request(Addresses.agent(agent), request, local)
          .map(m -> ReviewResult.fromJson(m.body().data()))
          .onComplete(onAnswer);
    });
    first.onComplete(onAnswer);
    out.future().onComplete(ar -> vertx.cancelTimer(timer));
    return out.future();
  }

  private Future<ReviewResult> dispatch(String agent, Signal request, String path, int attempt) {
    DeliveryOptions options = dispatchOptions.computeIfAbsent(path, p -> new DeliveryOptions()
        .setSendTimeout(specialistDeadlineMs()).setLocalOnly(localOnly).addHeader(SpecialistVerticle.PATH_HEADER, p));
    return vertx.eventBus().<Signal>request(Addresses.agent(agent), request, options)
        .map(Message::body)
        .map(signal -> ReviewResult.fromJson(signal.data()))
        .recover(err -> {
          if (err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
              && attempt < node.config().actionMaxRetries()) {
            Promise<ReviewResult> retry = Promise.promise();
            vertx.setTimer(RETRY_BACKOFF_MS << attempt,
                t -> dispatch(agent, request, path, attempt + 1).onComplete(retry));
            return retry.future();
          }
          return Future.failedFuture(err);
        });
  }

  private static String kindOf(Throwable err) {
    if (err instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT -> "timeout";
        case NO_HANDLERS -> "no_handlers";
        default -> "error";
      };
    }
    return "error";
  }

}
