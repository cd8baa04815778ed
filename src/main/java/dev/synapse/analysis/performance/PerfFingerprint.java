package dev.synapse.analysis.performance;

import dev.synapse.analysis.Fingerprints;
import java.util.HashMap;
import java.util.Map;

/**
 * Fingerprints for the findings of one performance-check run, through the shared
 * {@link Fingerprints} scheme (rule id, file, normalised line text, occurrence index). The
 * enclosing function's name is prefixed to the text, so equal lines in different functions
 * differ; line numbers never take part, so unrelated lines moving does not change a
 * fingerprint. One instance per {@code run}; not thread-safe.
 */
final class PerfFingerprint {
  private final Map<String, Integer> seen = new HashMap<>();

  /**
   * @param ruleId rule id
   * @param file file path
   * @param function enclosing function name, or ""
   * @param lineText the reported line's text (only its tokenised prefix is used)
   * @return 32 lower-case hex digits
   */
  String of(String ruleId, String file, String function, String lineText) {
    String text = lineText.length() > Tok.MAX_CHARS ? lineText.substring(0, Tok.MAX_CHARS) : lineText;
    String basis = function + " :: " + Fingerprints.normalise(text);
    int occurrence = seen.merge(ruleId + '\u0000' + file + '\u0000' + basis, 1, Integer::sum) - 1;
    return Fingerprints.of(ruleId, file, basis, occurrence);
  }
}
