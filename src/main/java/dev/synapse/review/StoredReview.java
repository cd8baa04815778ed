package dev.synapse.review;

import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewResult;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything stored about one review: the request, its classification, the specialist results
 * received so far and, once done, the summary. Immutable; stores replace whole values.
 *
 * @param request the validated request
 * @param state lifecycle state
 * @param acceptedAt when the edge accepted it
 * @param decisionPath {@code fast_path}/{@code deep_review}, or null before classification
 * @param rationale why the path was chosen, or null
 * @param results results by agent name
 * @param summary the summary, or null until done
 * @param owner node id currently responsible, or null
 */
public record StoredReview(
    ReviewRequest request,
    ReviewState state,
    Instant acceptedAt,
    String decisionPath,
    String rationale,
    Map<String, ReviewResult> results,
    ReviewSummary summary,
    String owner) {

  public StoredReview {
    results = results == null ? Map.of() : Map.copyOf(results);
  }

  /** @return a newly accepted review */
  public static StoredReview accepted(ReviewRequest request, Instant at, String owner) {
    return new StoredReview(request, ReviewState.ACCEPTED, at, null, null, Map.of(), null, owner);
  }

  /** @return the review id */
  public String reviewId() {
    return request.reviewId();
  }

  /** @return a copy classified and running */
  public StoredReview classified(String path, String why) {
    return new StoredReview(request, state.done() ? state : ReviewState.RUNNING, acceptedAt, path, why,
        results, summary, owner);
  }

  /** @return a copy with one more (or a replaced) result */
  public StoredReview withResult(ReviewResult result) {
    Map<String, ReviewResult> r = new LinkedHashMap<>(results);
    r.put(result.agent(), result);
    return new StoredReview(request, state, acceptedAt, decisionPath, rationale, r, summary, owner);
  }

  /**
   * @return a copy that is done. The diff is dropped (the request keeps every other field): no
   *     answer about a finished review shows it, and a stored 5 MB diff would otherwise stay live
   *     until the review is evicted
   */
  public StoredReview completed(ReviewSummary s) {
    ReviewState st = ReviewSummary.FAILED.equals(s.status()) ? ReviewState.FAILED : ReviewState.COMPLETE;
    ReviewRequest kept = request.diff().isEmpty() ? request
        : new ReviewRequest(request.reviewId(), "", request.filesChanged(), request.labels(), request.intent(),
            request.riskFactor(), request.metadata());
    return new StoredReview(kept, st, acceptedAt, decisionPath, rationale, results, s, owner);
  }

  /**
   * An estimate of the heap this review keeps live, in bytes, for byte-bounded retention: two
   * bytes per diff character (the worst case of a Java string) plus three bytes per character of
   * the rest of its JSON document (decoded objects are larger than their text). Linear in the
   * size of the review apart from the diff; computed by the store once per change.
   */
  public long estimatedBytes() {
    long diffChars = request.diff().length();
    if (summary == null && results.isEmpty() && diffChars > 0) {
      // an in-flight review: the diff dominates; avoid encoding it
      return 1_024 + 2 * diffChars + 3L * request.metadata().encode().length();
    }
    JsonObject j = toJson();
    j.getJsonObject("request").put("diff", "");
    return 2 * diffChars + 3L * j.encode().length();
  }

  /** @return a copy owned by another node */
  public StoredReview ownedBy(String node) {
    return new StoredReview(request, state, acceptedAt, decisionPath, rationale, results, summary, node);
  }

  /** @return the full record as JSON (for the cluster store and snapshots) */
  public JsonObject toJson() {
    JsonObject res = new JsonObject();
    results.forEach((k, v) -> res.put(k, v.toJson()));
    JsonObject j = new JsonObject()
        .put("request", request.toJson())
        .put("state", state.wire())
        .put("accepted_at", acceptedAt.toString())
        .put("results", res);
    if (decisionPath != null) j.put("decision_path", decisionPath);
    if (rationale != null) j.put("rationale", rationale);
    if (summary != null) j.put("summary", summary.toJson());
    if (owner != null) j.put("owner", owner);
    return j;
  }

  /** Reads a record written by {@link #toJson()}. */
  public static StoredReview fromJson(JsonObject j) {
    Map<String, ReviewResult> results = new LinkedHashMap<>();
    JsonObject res = j.getJsonObject("results", new JsonObject());
    for (String k : res.fieldNames()) results.put(k, ReviewResult.fromJson(res.getJsonObject(k)));
    JsonObject s = j.getJsonObject("summary");
    return new StoredReview(ReviewRequest.fromTrustedJson(j.getJsonObject("request")),
        ReviewState.valueOf(j.getString("state").toUpperCase(java.util.Locale.ROOT)),
        Instant.parse(j.getString("accepted_at")), j.getString("decision_path"),
        j.getString("rationale"), results, s == null ? null : ReviewSummary.fromJson(s),
        j.getString("owner"));
  }

  /**
   * @return the public view for {@code GET /api/reviews/{id}}: id, status, timestamps, path and,
   *     when done, the summary (never the diff)
   */
  public JsonObject statusJson() {
    JsonObject j = new JsonObject()
        .put("review_id", reviewId())
        .put("status", state.wire())
        .put("accepted_at", acceptedAt.toString())
        .put("files_changed", request.filesChanged())
        .put("labels", new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(request.labels())))
        .put("intent", request.intent());
    if (decisionPath != null) j.put("decision_path", decisionPath);
    if (rationale != null) j.put("rationale", rationale);
    j.put("specialists_reported", new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(results.keySet())));
    if (summary != null) j.put("summary", summary.toJson());
    return j;
  }
}
