package dev.synapse.http;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.AgentRegistry;
import dev.synapse.agent.FeedbackLearner;
import dev.synapse.agent.LearnedPatterns;
import dev.synapse.review.ReviewStore;
import dev.synapse.review.StoredReview;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.Finding;
import dev.synapse.signal.ValidationException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/reviews/{id}/feedback} with {@code {fingerprint, verdict, note?}}: finds the
 * finding in the review's summary, learns the verdict on this node at once and publishes it on
 * {@link Addresses#FEEDBACK} so every node's agent state learns it. A {@code false_positive}
 * suppresses the same fingerprint in later reviews of the same repository ({@code metadata.repo};
 * on a review without one it is recorded for that review only and suppresses nothing later);
 * {@code confirmed} is recorded. Answers 200 with the learned pattern; 400 for a bad body or
 * verdict; 404 for an unknown review or fingerprint; 409 before the review has a summary.
 */
public final class FeedbackRoutes {
  /** Accepted verdicts. */
  public static final Set<String> VERDICTS = Set.of(LearnedPatterns.FALSE_POSITIVE, LearnedPatterns.CONFIRMED);
  /** Longest accepted note, in characters. */
  public static final int MAX_NOTE = 2_000;

  private final Vertx vertx;
  private final ReviewStore store;
  private final AgentRegistry agents;

  /**
   * @param vertx event bus
   * @param store reviews
   * @param agents this node's agent registry
   */
  public FeedbackRoutes(Vertx vertx, ReviewStore store, AgentRegistry agents) {
    this.vertx = vertx;
    this.store = store;
    this.agents = agents;
  }

  /** Handles the request. */
  public void post(RoutingContext rc) {
    String id = rc.pathParam("id");
    String fingerprint;
    String verdict;
    String note;
    try {
      JsonObject body = JsonBodies.object(rc);
      fingerprint = JsonBodies.requiredString(body, "fingerprint", 256);
      verdict = JsonBodies.requiredString(body, "verdict", 64);
      note = JsonBodies.optionalString(body, "note", MAX_NOTE);
      if (!VERDICTS.contains(verdict)) {
        throw new ValidationException("invalid_request", "verdict",
            "verdict must be false_positive or confirmed; got '" + ReviewRoutes.truncate(verdict) + "'");
      }
    } catch (ValidationException e) {
      ApiError.invalid(rc, e);
      return;
    }
    store.get(id).onSuccess(review -> {
      if (review == null) {
        ApiError.notFound(rc, "no review with id '" + ReviewRoutes.truncate(id) + "'");
      } else if (review.summary() == null) {
        ApiError.inProgress(rc, id);
      } else {
        learn(rc, review, fingerprint, verdict, note);
      }
    }).onFailure(err -> ApiError.fail(rc, err));
  }

  /**
   * @return who sent the request: the authenticated principal, or {@code open:<client address>}
   *     on an open API
   */
  static String principal(RoutingContext rc) {
    Object p = rc.get(IngressAuth.PRINCIPAL_KEY);
    if (p != null) return p.toString();
    var remote = rc.request().remoteAddress();
    return "open:" + (remote == null ? "unknown" : remote.hostAddress());
  }

  private void learn(RoutingContext rc, StoredReview review, String fingerprint, String verdict, String note) {
    Finding finding = review.summary().findings().stream()
        .filter(f -> fingerprint.equals(f.fingerprint())).findFirst().orElse(null);
    if (finding == null) {
      ApiError.notFound(rc, "review '" + ReviewRoutes.truncate(review.reviewId())
          + "' has no finding with fingerprint '" + ReviewRoutes.truncate(fingerprint) + "'");
      return;
    }
    String repo = LearnedPatterns.reviewScope(review.request().repo(), review.reviewId());
    LearnedPatterns.Pattern pattern = new LearnedPatterns.Pattern(repo, fingerprint, finding.type(),
        verdict, note, Instant.now(), principal(rc));
    List<String> targets = finding.agent() != null ? List.of(finding.agent()) : AgentNames.SPECIALISTS;
    for (String agent : targets) {
      JsonObject message = FeedbackLearner.message(agent, pattern);
      FeedbackLearner.apply(agents, message);
      vertx.eventBus().publish(Addresses.FEEDBACK, message);
    }
    rc.response().putHeader("Content-Type", "application/json").end(new JsonObject()
        .put("review_id", review.reviewId()).put("agents", new io.vertx.core.json.JsonArray(targets))
        .put("pattern", pattern.toJson()).encode());
  }
}
