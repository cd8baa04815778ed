package dev.synapse.agent;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.TestCodePolicy;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.Finding;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of a specialist agent: consumes {@code review.request} signals on its work address
 * ({@link Addresses#agent(String)}), parses the diff and runs its checks through an
 * {@link ActionRunner} on worker threads, publishes one {@code review.result} signal and replies
 * with it to the coordinator. The decision path arrives in the {@value #PATH_HEADER} header.
 * Two lanes (issue 16): a diff under {@code large_review_bytes} runs at once on the small lane
 * ({@value #ANALYSIS_POOL}); a larger one is a large review: it waits until the node's
 * {@link AnalysisGate} admits its size (a queue by bytes and count, so large diffs do not all run
 * at once; a review that waits too long gets an error result) and runs on a pool of its own
 * ({@value #LARGE_POOL}), so small reviews never queue behind it for a thread or for the gate;
 * its files are analysed chunk by chunk, in parallel, by a {@link LargeReviewRunner}.
 * Deployed with N instances (the pool size); all instances share one {@link AgentState}.
 */
public abstract class SpecialistVerticle extends VerticleBase {
  /** Delivery header carrying the coordinator's decision path. */
  public static final String PATH_HEADER = "synapse-path";
  private static final Logger LOG = LoggerFactory.getLogger(SpecialistVerticle.class);

  private final NodeContext node;
  private final String agent;
  /** Name of the worker pool shared by every specialist of a node for its analyses. */
  public static final String ANALYSIS_POOL = "synapse-analysis-worker";
  /**
   * Threads of {@link #ANALYSIS_POOL}: twice the cores. Analyses are CPU-bound, so more threads
   * than cores only add switching and stretch every review's latency; the factor 2 leaves room
   * for an action stuck past its timeout (its thread stays busy until it returns).
   */
  public static final int ANALYSIS_THREADS = 2 * Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Name of the worker pool of large reviews ({@code large_review_threads} threads). */
  public static final String LARGE_POOL = "synapse-large-review-worker";
  private ActionRunner runner;
  private LargeReviewRunner largeRunner;
  private WorkerExecutor analysisPool;
  private WorkerExecutor largePool;
  private AgentState state;

  /**
   * @param node shared node components
   * @param agent this specialist's name ({@link AgentNames})
   */
  protected SpecialistVerticle(NodeContext node, String agent) {
    this.node = node;
    this.agent = agent;
  }

  /**
   * @param decisionPath {@code fast_path} or {@code deep_review}
   * @return the checks to run on that path (may be empty: nothing to do on that path)
   */
  protected abstract List<Check> checks(String decisionPath);

  @Override
  public Future<?> start() {
    state = node.agents().state(agent);
    analysisPool = vertx.createSharedWorkerExecutor(ANALYSIS_POOL, ANALYSIS_THREADS);
    runner = new ActionRunner(vertx, agent, state, node.metrics(),
        node.config().actionTimeoutMs(), node.config().actionMaxRetries(), analysisPool);
    largePool = vertx.createSharedWorkerExecutor(LARGE_POOL, node.config().largeReviews().threads());
    largeRunner = new LargeReviewRunner(agent, state, node.metrics(), node.config().actionTimeoutMs(),
        node.config().actionMaxRetries(), largePool, dev.synapse.diff.DiffChunks.DEFAULT_TARGET_CHARS);
    MessageConsumer<Signal> consumer = vertx.eventBus().consumer(Addresses.agent(agent), this::onRequest);
    return consumer.completion().onSuccess(v -> node.agents().instanceDelta(agent, 1));
  }

  @Override
  public Future<?> stop() {
    node.agents().instanceDelta(agent, -1);
    return Future.all(analysisPool == null ? Future.succeededFuture() : analysisPool.close(),
        largePool == null ? Future.succeededFuture() : largePool.close());
  }

  private void onRequest(Message<Signal> message) {
    long start = System.nanoTime();
    ReviewRequest request = ReviewRequest.fromTrustedJson(message.body().data());
    String path = message.headers().get(PATH_HEADER);
    List<Check> checks = checks(path);
    Diff parsed = node.parsedDiffs().get(request.reviewId(), request.diff());
    // the node's specialists of this review share one analysis memo (each file lexed once)
    java.util.concurrent.ConcurrentMap<Object, Object> memo = parsed == null ? null
        : node.parsedDiffs().sharedMemo(request.reviewId(), request.diff());
    TestCodePolicy testCode = new TestCodePolicy(node.config().testCodeMaxSeverity());
    AnalysisGate gate = node.analysisGate();
    boolean large = isLarge(request);
    Future<AnalysisGate.Permit> admitted = gate == null || checks.isEmpty() || !large
        ? Future.succeededFuture(() -> { }) : gate.acquire(request.diff().length());
    Predicate<Finding> learned = f -> state.learned().suppresses(request.repo() == null ? "" : request.repo(), f.fingerprint());
    admitted.compose(permit -> (large
            ? largeRunner.run(request.reviewId(), checks, request.diff(), request.hotFunctions(), request.repo(),
                testCode, learned)
            : runner.run(request.reviewId(), checks, () -> context(request, parsed, memo, testCode), learned))
            .onComplete(x -> permit.release()))
        .onComplete(ar -> {
          long runtimeMs = (System.nanoTime() - start) / 1_000_000;
          ReviewResult result = ar.succeeded()
              ? toResult(request.reviewId(), path, ar.result(), checks.size(), runtimeMs)
              : new ReviewResult(request.reviewId(), agent, ReviewResult.ERROR, 0.0, List.of(), false,
                  runtimeMs, path, List.of(), List.of("analysis failed: " + ar.cause().getMessage()), 0);
          state.recordReview(request.reviewId(), result.status(), result.findings().size(), runtimeMs);
          for (Finding f : result.findings()) node.metrics().finding(f.type(), f.severity().wire());
          Signal signal = Signal.create(SignalTypes.REVIEW_RESULT, Signal.agentSource(agent),
              request.reviewId(), result.toJson());
          node.bus().publish(signal);
          message.reply(signal);
          LOG.atDebug().setMessage("specialist result").addKeyValue("review_id", request.reviewId())
              .addKeyValue("agent", agent).addKeyValue("status", result.status())
              .addKeyValue("findings", result.findings().size()).addKeyValue("duration_ms", runtimeMs).log();
        });
  }

  /** @return true when the request's diff is a large review ({@code large_review_bytes}) */
  private boolean isLarge(ReviewRequest request) {
    return request.diff().length() >= node.config().largeReviews().largeReviewBytes();
  }

  /**
   * Worker thread: the analysis context, reusing the ingress parse when this node made it, and
   * then the review's memo shared with the node's other specialists when the cache gave one.
   */
  private static AnalysisContext context(ReviewRequest request, Diff parsed,
      java.util.concurrent.ConcurrentMap<Object, Object> memo, TestCodePolicy testCode) {
    if (parsed == null) {
      return new AnalysisContext(DiffParser.parse(request.diff()), request.hotFunctions(), request.repo(), testCode);
    }
    return new AnalysisContext(parsed, request.hotFunctions(), request.repo(), testCode, memo);
  }

  private ReviewResult toResult(String reviewId, String path, ActionReport report, int planned, long runtimeMs) {
    boolean allFailed = planned > 0 && report.actionsRun().isEmpty();
    String status = allFailed
        ? (report.timedOut() == planned ? ReviewResult.TIMEOUT : ReviewResult.ERROR)
        : ReviewResult.OK;
    double confidence = report.findings().isEmpty() ? (allFailed ? 0.0 : 0.9)
        : report.findings().stream().mapToDouble(Finding::confidence).average().orElse(0.0);
    long high = report.findings().stream().filter(f -> f.severity() == Severity.HIGH).count();
    boolean escalate = high >= 3 || !report.errors().isEmpty() && !allFailed;
    return new ReviewResult(reviewId, agent, status, Math.round(confidence * 100) / 100.0,
        report.findings(), escalate && high >= 3, runtimeMs, path, report.actionsRun(),
        report.errors(), report.suppressed());
  }
}
