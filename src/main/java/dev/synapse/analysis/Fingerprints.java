package dev.synapse.analysis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable finding fingerprints (DESIGN.md 1, Finding.fingerprint): a hash of the rule id, the file
 * path, the finding line's text with whitespace collapsed, and the occurrence index of that
 * normalised text among findings of the same rule in the same file. Line numbers and review ids
 * are not part of it, so unrelated lines moving does not change it. Stateless and thread-safe.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /**
   * @param ruleId the rule id, e.g. {@code SYN-SEC-SQLI-001}
   * @param file the finding's file path
   * @param lineText the text of the finding's line (may be null)
   * @param occurrence 0 for the first finding of this rule on this normalised text in the file, 1
   *     for the second, and so on
   * @return 32 lower-case hex characters (the first 128 bits of SHA-256)
   */
  public static String of(String ruleId, String file, String lineText, int occurrence) {
    String basis = ruleId + '\u0000' + file + '\u0000' + normalise(lineText) + '\u0000' + occurrence;
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** @return the text trimmed with every run of whitespace collapsed to one space; "" for null */
  public static String normalise(String text) {
    if (text == null) return "";
    StringBuilder sb = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) sb.append(' ');
        space = false;
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
