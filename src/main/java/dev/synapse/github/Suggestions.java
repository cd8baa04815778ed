package dev.synapse.github;

import dev.synapse.signal.Finding;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Safe one-line replacements for the rules that have one, offered as a GitHub {@code suggestion}
 * block on the inline comment: a weak hash named in a string literal becomes SHA-256, a cookie
 * flag switched off is switched on. A rule without a safe rewrite, or a line the rewrite does not
 * change, gets no suggestion. Pure functions; thread-safe.
 */
public final class Suggestions {
  private record Rewrite(String type, Pattern pattern, String replacement) {}

  private static final List<Rewrite> REWRITES = List.of(
      new Rewrite("weak_crypto", Pattern.compile("([\"'])(?i:md5|sha-?1)\\1"), "$1SHA-256$1"),
      new Rewrite("weak_crypto", Pattern.compile("\\bhashlib\\.(?:md5|sha1)\\("), "hashlib.sha256("),
      new Rewrite("insecure_cookie", Pattern.compile("\\b(setSecure|setHttpOnly)\\(\\s*false\\s*\\)"), "$1(true)"),
      new Rewrite("insecure_cookie", Pattern.compile("\\b(secure|httpOnly|httponly|http_only)(\\s*[:=]\\s*)false\\b"), "$1$2true"),
      new Rewrite("insecure_cookie", Pattern.compile("\\b(secure|httponly|http_only)(\\s*=\\s*)False\\b"), "$1$2True"));

  private Suggestions() {}

  /**
   * @param finding the finding
   * @param lineText the current text of its line (without the diff's {@code +})
   * @return the replacement line, or null when there is no safe one
   */
  public static String replacement(Finding finding, String lineText) {
    if (lineText == null) return null;
    for (Rewrite r : REWRITES) {
      if (!r.type().equals(finding.type())) continue;
      Matcher m = r.pattern().matcher(lineText);
      if (m.find()) {
        String replaced = m.replaceAll(r.replacement());
        if (!replaced.equals(lineText)) return replaced;
      }
    }
    return null;
  }
}
