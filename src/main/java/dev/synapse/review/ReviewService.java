package dev.synapse.review;

import dev.synapse.bus.SignalBus;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffChunks;
import dev.synapse.diff.DiffParser;
import dev.synapse.ops.NodeLifecycle;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.FailureCodes;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress side of the review flow, shared by HTTP, WebSocket and the CLI: validates a
 * request, stores it (idempotently by review id), publishes {@code review.request} to observers
 * and hands it to a coordinator. A review that no coordinator accepts after bounded retries is
 * closed with a {@code failed} summary, so it is never silently lost.
 */
public final class ReviewService {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewService.class);
  /** Reply timeout of the coordinator's acknowledgement, in ms. */
  public static final long HANDOFF_TIMEOUT_MS = 5_000;
  private static final int HANDOFF_ATTEMPTS = 3;

  private final Vertx vertx;
  private final String nodeId;
  private final ReviewStore store;
  private final SignalBus bus;
  private final SynapseMetrics metrics;
  private final SummaryEmitter emitter;
  private final SummaryWaiters waiters;
  private final NodeLifecycle lifecycle;
  private final ParsedDiffCache parsedDiffs;
  private volatile LargeDiffAdmission largeDiffs;

  /**
   * @param vertx timers and the bus
   * @param nodeId owner recorded on new reviews
   * @param store review store
   * @param bus signal bus
   * @param metrics meters
   * @param waiters summary waiters
   */
  public ReviewService(Vertx vertx, String nodeId, ReviewStore store, SignalBus bus,
      SynapseMetrics metrics, SummaryWaiters waiters) {
    this(vertx, nodeId, store, bus, metrics, waiters, new NodeLifecycle());
  }

  /**
   * @param vertx timers and the bus
   * @param nodeId owner recorded on new reviews
   * @param store review store
   * @param bus signal bus
   * @param metrics meters
   * @param waiters summary waiters
   * @param lifecycle the node's lifecycle: submissions are refused once it stops accepting
   */
  public ReviewService(Vertx vertx, String nodeId, ReviewStore store, SignalBus bus,
      SynapseMetrics metrics, SummaryWaiters waiters, NodeLifecycle lifecycle) {
    this(vertx, nodeId, store, bus, metrics, waiters, lifecycle, new ParsedDiffCache());
  }

  /**
   * @param parsedDiffs where {@link #submit(ReviewRequest, Diff)} leaves the ingress parse for
   *     the specialists of this node (usually {@code NodeContext.parsedDiffs()})
   * @see #ReviewService(Vertx, String, ReviewStore, SignalBus, SynapseMetrics, SummaryWaiters, NodeLifecycle)
   */
  public ReviewService(Vertx vertx, String nodeId, ReviewStore store, SignalBus bus,
      SynapseMetrics metrics, SummaryWaiters waiters, NodeLifecycle lifecycle, ParsedDiffCache parsedDiffs) {
    this.lifecycle = lifecycle;
    this.parsedDiffs = parsedDiffs;
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.store = store;
    this.bus = bus;
    this.metrics = metrics;
    this.waiters = waiters;
    this.emitter = new SummaryEmitter(store, bus, metrics, Signal.INGRESS_SOURCE);
  }

  /**
   * Validates a JSON request body and parses its diff. Pure CPU work proportional to the diff
   * size; callers on an event loop should run large bodies through {@code executeBlocking}.
   *
   * @throws dev.synapse.signal.ValidationException {@code invalid_request} naming the field, or
   *     {@code invalid_diff}
   */
  public static ReviewRequest validate(JsonObject body) {
    // the parse is not kept: a diff of 1 MiB or more is validated chunk by chunk (less memory)
    return validateParsed(body, 1L << 20).request();
  }

  /**
   * A validated request and the parse of its diff.
   *
   * @param request the request (files_changed derived from the diff when absent)
   * @param diff the parsed diff, or null for a large review (see {@link #validateParsed(JsonObject, long)})
   */
  public record Validated(ReviewRequest request, Diff diff) {}

  /**
   * {@link #validate(JsonObject)}, keeping the parse for {@link #submit(ReviewRequest, Diff)}.
   *
   * @throws dev.synapse.signal.ValidationException as {@link #validate(JsonObject)}
   */
  public static Validated validateParsed(JsonObject body) {
    return validateParsed(body, Long.MAX_VALUE);
  }

  /**
   * {@link #validateParsed(JsonObject)}; a diff of at least {@code largeChars} characters (a
   * large review) is validated chunk by chunk ({@link DiffChunks}) and no parse is kept
   * ({@link Validated#diff()} null): the specialists analyse it chunk by chunk themselves, so
   * the whole parse of a multi-megabyte diff is never held.
   *
   * @throws dev.synapse.signal.ValidationException as {@link #validate(JsonObject)}
   */
  public static Validated validateParsed(JsonObject body, long largeChars) {
    // the digest is computed here, where large bodies are validated on a worker thread, not in
    // submit on the event loop (it reads the whole diff)
    ReviewRequest request = DiffDigest.stamp(ReviewRequest.fromJson(body, () -> 0));
    if (request.diff().length() >= largeChars) {
      int files = DiffChunks.fileCount(request.diff(), DiffChunks.DEFAULT_TARGET_CHARS);
      return new Validated(body.getValue("files_changed") == null ? request.withFilesChanged(files) : request, null);
    }
    Diff diff = DiffParser.parse(request.diff());
    return new Validated(body.getValue("files_changed") == null
        ? request.withFilesChanged(diff.files().size()) : request, diff);
  }

  /**
   * {@link #submit(ReviewRequest)} with the parse made by {@link #validateParsed}: the
   * specialists of this node reuse it instead of parsing the diff again.
   */
  public Future<ReviewStore.Submission> submit(ReviewRequest request, Diff parsed) {
    return submit(request, parsed, true);
  }

  /**
   * Accepts a validated request.
   *
   * @return the stored review and whether it was new; completes once stored (a re-submitted id
   *     returns the existing review and runs nothing); fails with a
   *     {@link ReviewConflictException} when the id is stored with a different diff
   *     ({@link DiffDigest}), or with a {@code ReplyException}
   *     carrying {@link FailureCodes#NOT_READY} (HTTP 503 {@code not_ready}) while the node is
   *     shutting down
   */
  public Future<ReviewStore.Submission> submit(ReviewRequest request) {
    return submit(request, null, false);
  }

  private Future<ReviewStore.Submission> submit(ReviewRequest request, Diff parsed, boolean cache) {
    if (!lifecycle.accepting()) {
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.NOT_READY,
          "this node is shutting down; submit to another node"));
    }
    // a Validated request (parsed != null) was stamped by validateParsed; any other is stamped now
    ReviewRequest stamped = parsed != null ? request : DiffDigest.stamp(request);
    return store.submit(stamped, nodeId).compose(sub -> {
      if (sub.created()) return Future.succeededFuture(sub);
      String known = DiffDigest.recorded(sub.review().request());
      String given = stamped.metadata().getString(DiffDigest.METADATA_KEY);
      return known == null || known.equals(given) ? Future.succeededFuture(sub)
          : Future.failedFuture(new ReviewConflictException(request.reviewId()));
    }).onSuccess(sub -> {
      if (!sub.created()) return;
      if (cache && parsed != null) parsedDiffs.put(stamped.reviewId(), stamped.diff(), parsed);
      metrics.reviewStarted();
      Signal signal = Signal.create(SignalTypes.REVIEW_REQUEST, Signal.INGRESS_SOURCE, null, stamped.toJson());
      bus.publish(signal);
      handOff(signal, 1);
    });
  }

  /** @see SummaryWaiters#await(String, long) */
  public Future<dev.synapse.signal.ReviewSummary> awaitSummary(String reviewId, long timeoutMs) {
    return waiters.await(reviewId, timeoutMs);
  }

  /** @see SummaryWaiters#awaitJson(String, long) */
  public Future<JsonObject> awaitSummaryJson(String reviewId, long timeoutMs) {
    return waiters.awaitJson(reviewId, timeoutMs);
  }

  /**
   * @param admission the node's bound on large diffs held by unfinished reviews, released by the
   *     caller when a review's summary is published (see {@code SynapseNode})
   */
  public void admitLargeDiffs(LargeDiffAdmission admission) {
    this.largeDiffs = admission;
  }

  /** @return the node's large-diff admission, or null when none is set (no bound) */
  public LargeDiffAdmission largeDiffs() {
    return largeDiffs;
  }

  /** @return the review store */
  public ReviewStore store() {
    return store;
  }

  private void handOff(Signal signal, int attempt) {
    bus.request(Addresses.COORDINATOR, signal, HANDOFF_TIMEOUT_MS).onFailure(err -> {
      if (attempt < HANDOFF_ATTEMPTS) {
        vertx.setTimer(200L * attempt, t -> handOff(signal, attempt + 1));
        return;
      }
      String id = signal.reviewId();
      LOG.error("review_id={} no coordinator accepted the review after {} attempts: {}", id, attempt,
          err.getMessage());
      emitter.emit(SummaryBuilder.build(id, "deep_review", "no coordinator available", List.of(),
          Map.of(), Map.of(), 0).withEscalation("Coordinator unavailable: " + err.getMessage()));
    });
  }
}
