package dev.synapse.analysis;

import dev.synapse.signal.Finding;
import java.util.List;

/**
 * Inline suppression ({@code synapse:ignore} or {@code synapse:ignore <category>} in a comment
 * on the finding's line or the line above). PLACEHOLDER: keeps every finding until implemented.
 */
public final class Suppressions {
  private Suppressions() {}

  /**
   * @param findings findings of one check
   * @param context the review the findings come from
   * @return the findings that are not suppressed, and how many were
   */
  public static Filtered apply(List<Finding> findings, AnalysisContext context) {
    return new Filtered(findings, 0);
  }

  /**
   * @param kept findings to report
   * @param suppressed number removed by inline suppression
   */
  public record Filtered(List<Finding> kept, int suppressed) {}
}
