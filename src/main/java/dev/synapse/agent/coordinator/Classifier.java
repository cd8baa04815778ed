package dev.synapse.agent.coordinator;

import dev.synapse.signal.ReviewRequest;

/**
 * Decides how deep to look (DESIGN.md section 2, step 2): {@code fast_path} when the intent is
 * {@code hotfix}, or when at most {@value #MAX_FAST_FILES} files changed with no
 * {@code security}/{@code performance} label and a risk factor below {@value #RISK_THRESHOLD};
 * otherwise {@code deep_review}. Pure and thread-safe.
 */
public final class Classifier {
  /** Decision path: the fast checks only. */
  public static final String FAST_PATH = "fast_path";
  /** Decision path: every specialist. */
  public static final String DEEP_REVIEW = "deep_review";
  /** Largest number of changed files that may take the fast path. */
  public static final int MAX_FAST_FILES = 50;
  /** Risk factor from which a review takes the deep path. */
  public static final double RISK_THRESHOLD = 0.5;

  private Classifier() {}

  /**
   * @param path {@link #FAST_PATH} or {@link #DEEP_REVIEW}
   * @param rationale one sentence naming the rule that decided
   */
  public record Classification(String path, String rationale) {}

  /** @return the path and why */
  public static Classification classify(ReviewRequest r) {
    if ("hotfix".equalsIgnoreCase(r.intent())) {
      return new Classification(FAST_PATH, "intent is hotfix: fast checks only, to unblock the fix");
    }
    StringBuilder why = new StringBuilder();
    if (r.filesChanged() > MAX_FAST_FILES) {
      why.append(r.filesChanged()).append(" files changed (> ").append(MAX_FAST_FILES).append(")");
    }
    for (String label : new String[] {"security", "performance"}) {
      if (r.hasLabel(label)) {
        if (why.length() > 0) why.append("; ");
        why.append("labelled ").append(label);
      }
    }
    if (r.riskFactor() >= RISK_THRESHOLD) {
      if (why.length() > 0) why.append("; ");
      why.append("risk_factor ").append(r.riskFactor()).append(" >= ").append(RISK_THRESHOLD);
    }
    if (why.length() > 0) return new Classification(DEEP_REVIEW, "deep review: " + why);
    return new Classification(FAST_PATH, "fast path: " + r.filesChanged()
        + " file(s) changed, no security/performance label, risk_factor " + r.riskFactor() + " < " + RISK_THRESHOLD);
  }
}
