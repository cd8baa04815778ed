package dev.synapse.agent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Patterns learned from feedback: a {@code false_positive} verdict on a finding's fingerprint
 * suppresses the same fingerprint in later reviews of the same repository; {@code confirmed}
 * verdicts are recorded. A verdict on a review without a repository is scoped to that review
 * ({@link #reviewScope}) and suppresses nothing later: otherwise one verdict would hide the finding
 * from every later repository-less review. Each pattern has a stable {@link Pattern#id()} for
 * listing and revoking ({@code GET/DELETE /api/suppressions}). Thread-safe.
 */
public final class LearnedPatterns {
  /** Verdict that suppresses a fingerprint. */
  public static final String FALSE_POSITIVE = "false_positive";
  /** Verdict that confirms a finding. */
  public static final String CONFIRMED = "confirmed";

  /** Prefix of the {@code repo} value of a pattern learned on a review without a repository. */
  public static final String REVIEW_SCOPE_PREFIX = "review:";

  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  /**
   * @return the scope key of a verdict given on a review: its {@code metadata.repo}, or
   *     {@code review:<id>} when it has none
   */
  public static String reviewScope(String repo, String reviewId) {
    return repo == null || repo.isEmpty() ? REVIEW_SCOPE_PREFIX + reviewId : repo;
  }

  /**
   * A learned pattern.
   *
   * @param repo repository ({@code metadata.repo}), "" when the review had none
   * @param fingerprint the finding's fingerprint
   * @param category the finding's category
   * @param verdict {@link #FALSE_POSITIVE} or {@link #CONFIRMED}
   * @param note free text from the reviewer, may be null
   * @param at when it was learned
   * @param by who gave the verdict: the authenticated principal ({@code bearer}, {@code hmac}) or,
   *     on an open API, {@code open:<client address>}; "" when unknown (patterns from before)
   */
  public record Pattern(String repo, String fingerprint, String category, String verdict, String note, Instant at,
      String by) {
    public Pattern {
      by = by == null ? "" : by;
    }

    /** A pattern with no recorded author. */
    public Pattern(String repo, String fingerprint, String category, String verdict, String note, Instant at) {
      this(repo, fingerprint, category, verdict, note, at, "");
    }

    /** @return a stable id: the first 16 hex digits of SHA-256 over scope and fingerprint */
    public String id() {
      return dev.synapse.review.DiffDigest.of(key(repo, fingerprint)).substring(0, 16);
    }

    /** @return {@code repository} or {@code review} (learned on a review without a repository) */
    public String scope() {
      return repo.startsWith(REVIEW_SCOPE_PREFIX) ? "review" : "repository";
    }

    /** @return JSON form */
    public JsonObject toJson() {
      return new JsonObject().put("id", id()).put("scope", scope()).put("repo", repo).put("fingerprint", fingerprint)
          .put("category", category).put("verdict", verdict).put("note", note).put("at", at.toString())
          .put("by", by);
    }

    /** Reads the JSON form (id and scope are derived, not read). */
    public static Pattern fromJson(JsonObject j) {
      return new Pattern(j.getString("repo", ""), j.getString("fingerprint"), j.getString("category"),
          j.getString("verdict"), j.getString("note"), Instant.parse(j.getString("at")), j.getString("by", ""));
    }
  }

  private static String key(String repo, String fingerprint) {
    return (repo == null ? "" : repo) + "\u0000" + fingerprint;
  }

  /** Records (or replaces) a pattern. */
  public void learn(Pattern p) {
    patterns.put(key(p.repo(), p.fingerprint()), p);
  }

  /**
   * @param repo the review's {@code metadata.repo}; null or "" (no repository) never matches
   * @return true when the fingerprint was marked a false positive for this repository
   */
  public boolean suppresses(String repo, String fingerprint) {
    if (repo == null || repo.isEmpty()) return false;
    Pattern p = patterns.get(key(repo, fingerprint));
    return p != null && FALSE_POSITIVE.equals(p.verdict());
  }

  /**
   * Forgets the pattern with this id.
   *
   * @return the removed pattern, or null when none has the id
   */
  public Pattern revoke(String id) {
    for (Map.Entry<String, Pattern> e : patterns.entrySet()) {
      if (e.getValue().id().equals(id) && patterns.remove(e.getKey(), e.getValue())) return e.getValue();
    }
    return null;
  }

  /** @return the patterns, in no particular order */
  public java.util.List<Pattern> list() {
    return java.util.List.copyOf(patterns.values());
  }

  /** @return number of patterns */
  public int size() {
    return patterns.size();
  }

  /** @return every pattern as a JSON array */
  public JsonArray toJson() {
    JsonArray a = new JsonArray();
    for (Pattern p : patterns.values()) a.add(p.toJson());
    return a;
  }

  /** Replaces the content with the patterns in the array (snapshot restore). */
  public void restore(JsonArray a) {
    patterns.clear();
    for (int i = 0; i < a.size(); i++) learn(Pattern.fromJson(a.getJsonObject(i)));
  }
}
