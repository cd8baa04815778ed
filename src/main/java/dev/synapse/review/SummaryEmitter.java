package dev.synapse.review;

import dev.synapse.bus.SignalBus;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalTypes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits a review's one summary: stores it only if no summary exists yet, and only then publishes
 * {@code review.summary} (and {@code review.escalate} when escalations exist) and records
 * metrics. This is what makes "exactly one summary per review" hold even when two nodes race.
 */
public final class SummaryEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(SummaryEmitter.class);
  private final ReviewStore store;
  private final SignalBus bus;
  private final SynapseMetrics metrics;
  private final String source;

  /**
   * @param store where summaries are stored
   * @param bus where they are published
   * @param metrics review counters
   * @param source CloudEvents source of the emitted signals
   */
  public SummaryEmitter(ReviewStore store, SignalBus bus, SynapseMetrics metrics, String source) {
    this.store = store;
    this.bus = bus;
    this.metrics = metrics;
    this.source = source;
  }

  /** @return the summary when this call emitted it, null when one existed already */
  public Future<ReviewSummary> emit(ReviewSummary summary) {
    return store.complete(summary.reviewId(), summary)
        .map(stored -> {
      if (!stored) return null;
      publish(summary);
      store.published(summary.reviewId());
      metrics.reviewCompleted(summary.decisionPath(), summary.status(), summary.severity().wire(),
          summary.durationMs());
      metrics.reviewEnded();
      // INFO for the reviews an operator acts on (failed, escalated); DEBUG for the rest: one
      // synchronous console line per review costs more than the rest of a small review's
      // bookkeeping at thousands of reviews a second (metrics count every review anyway).
      boolean notable = ReviewSummary.FAILED.equals(summary.status()) || !summary.escalations().isEmpty();
      (notable ? LOG.atInfo() : LOG.atDebug()).setMessage("review summary")
          .addKeyValue("review_id", summary.reviewId()).addKeyValue("status", summary.status())
          .addKeyValue("severity", summary.severity().wire()).addKeyValue("findings", summary.findings().size())
          .addKeyValue("path", summary.decisionPath()).addKeyValue("duration_ms", summary.durationMs()).log();
      return summary;
    });
  }

  /**
   * Publishes {@code review.summary} (and {@code review.escalate} when escalations exist) for a
   * summary already stored; does not touch the store. Used by {@link #emit} and by cluster
   * failover for a summary whose storing node died before it could record the publication.
   * The signal ids are derived from the review id ({@link #eventId}), so a summary published
   * again after such a crash is the same CloudEvent (same source and id) and consumers may drop
   * the copy (CloudEvents 1.0, "id").
   */
  public void publish(ReviewSummary summary) {
    String id = summary.reviewId();
    bus.publish(Signal.create(eventId(SignalTypes.REVIEW_SUMMARY, id), SignalTypes.REVIEW_SUMMARY,
        source, id, summary.toJson()));
    if (!summary.escalations().isEmpty()) {
      bus.publish(Signal.create(eventId(SignalTypes.REVIEW_ESCALATE, id), SignalTypes.REVIEW_ESCALATE,
          source, id, new JsonObject().put("review_id", id)
              .put("severity", summary.severity().wire())
              .put("escalations", new JsonArray(new ArrayList<>(summary.escalations())))));
    }
  }

  /**
   * @param type {@code review.summary} or {@code review.escalate}
   * @param reviewId the review
   * @return the id of that review's one signal of that type: a name-based UUID of type and id
   */
  public static String eventId(String type, String reviewId) {
    return java.util.UUID.nameUUIDFromBytes((type + "/" + reviewId)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
  }
}
