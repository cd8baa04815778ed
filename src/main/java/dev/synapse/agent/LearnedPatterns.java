package dev.synapse.agent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Patterns learned from feedback: a {@code false_positive} verdict on a finding's fingerprint
 * suppresses the same fingerprint in later reviews of the same repository; {@code confirmed}
 * verdicts are recorded. Thread-safe.
 */
public final class LearnedPatterns {
  /** Verdict that suppresses a fingerprint. */
  public static final String FALSE_POSITIVE = "false_positive";
  /** Verdict that confirms a finding. */
  public static final String CONFIRMED = "confirmed";

  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  /**
   * A learned pattern.
   *
   * @param repo repository ({@code metadata.repo}), "" when the review had none
   * @param fingerprint the finding's fingerprint
   * @param category the finding's category
   * @param verdict {@link #FALSE_POSITIVE} or {@link #CONFIRMED}
   * @param note free text from the reviewer, may be null
   * @param at when it was learned
   */
  public record Pattern(String repo, String fingerprint, String category, String verdict, String note, Instant at) {
    /** @return JSON form */
    public JsonObject toJson() {
      return new JsonObject().put("repo", repo).put("fingerprint", fingerprint)
          .put("category", category).put("verdict", verdict).put("note", note).put("at", at.toString());
    }

    /** Reads the JSON form. */
    public static Pattern fromJson(JsonObject j) {
      return new Pattern(j.getString("repo", ""), j.getString("fingerprint"), j.getString("category"),
          j.getString("verdict"), j.getString("note"), Instant.parse(j.getString("at")));
    }
  }

  private static String key(String repo, String fingerprint) {
    return (repo == null ? "" : repo) + "\u0000" + fingerprint;
  }

  /** Records (or replaces) a pattern. */
  public void learn(Pattern p) {
    patterns.put(key(p.repo(), p.fingerprint()), p);
  }

  /** @return true when the fingerprint was marked a false positive for this repository */
  public boolean suppresses(String repo, String fingerprint) {
    Pattern p = patterns.get(key(repo, fingerprint));
    return p != null && FALSE_POSITIVE.equals(p.verdict());
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
