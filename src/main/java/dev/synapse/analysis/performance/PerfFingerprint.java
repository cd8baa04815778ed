package dev.synapse.analysis.performance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finding fingerprints that survive line shifts: SHA-256 over rule id, file path, enclosing
 * function name and the whitespace-normalised text of the reported line, truncated to 32 hex
 * digits. Line numbers and review ids are deliberately not part of it.
 */
final class PerfFingerprint {
  private PerfFingerprint() {}

  /**
   * @param ruleId rule id
   * @param file file path
   * @param function enclosing function name, or ""
   * @param lineText the reported line's text
   * @return 32 lower-case hex digits
   */
  static String of(String ruleId, String file, String function, String lineText) {
    String normal = String.join(" ", lineText.strip().split("\\s+"));
    String input = ruleId + '\u0000' + file + '\u0000' + function + '\u0000' + normal;
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
