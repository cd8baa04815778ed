package dev.synapse.analysis.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A language-neutral split of one source line into words, quoted strings, numbers and single
 * punctuation characters, for comparing a removed line with the added line that replaced it
 * ({@link RemovedProtection}, {@link FlawedChecks}). Works on template lines too (ERB, Go
 * templates, PHP mixed with HTML), which the language lexer may not cover. A comment is not
 * recognised: callers compare two versions of the same line, where it cancels out. Stateless.
 */
final class LineTokens {
  private LineTokens() {}

  /** One piece of a line: {@code kind} is 'w' (word), 's' (string), 'n' (number) or 'p' (punctuation). */
  record Tok(char kind, String text, int start) {
    boolean word() {
      return kind == 'w';
    }

    boolean str() {
      return kind == 's';
    }

    boolean punct(String p) {
      return kind == 'p' && text.equals(p);
    }

    /** @return the string's text without its quotes (strings only) */
    String unquoted() {
      return text.length() >= 2 ? text.substring(1, text.length() - 1) : "";
    }
  }

  private static final Pattern CODE_ONLY = Pattern.compile(
      "\\$[A-Za-z0-9_$]*|[A-Za-z_@][A-Za-z0-9_$]*[?!]?|\\d+|--[A-Za-z-]*|\\S");

  private static final Pattern TOKEN = Pattern.compile(
      "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`(?:[^`\\\\]|\\\\.)*`"
          + "|\\$[A-Za-z0-9_$]*|[A-Za-z_@][A-Za-z0-9_$]*[?!]?|\\d+|--[A-Za-z-]*|\\S");

  /** Lines longer than this are not split (minified code, data). */
  static final int MAX_CHARS = 2000;

  /**
   * @param line one source line (may be null); a line with template tags ({@code {{}, {@code <%},
   *     {@code <?=}) is split without strings, since its code sits inside HTML attribute quotes
   * @return its pieces in order; empty for a null or over-long line
   */
  static List<Tok> of(String line) {
    List<Tok> out = new ArrayList<>();
    if (line == null || line.length() > MAX_CHARS) return out;
    // a template line ({{ }}, <% %>) keeps its code inside HTML attribute quotes: no strings
    boolean template = line.contains("{{") || line.contains("<%") || line.contains("<?=");
    Matcher m = (template ? CODE_ONLY : TOKEN).matcher(line);
    while (m.find()) {
      String s = m.group();
      char c = s.charAt(0);
      char kind = c == '"' || c == '\'' || c == '`' ? 's'
          : Character.isDigit(c) ? 'n'
          : Character.isLetter(c) || c == '_' || c == '$' || c == '@' ? 'w' : 'p';
      if (kind == 'p' && s.startsWith("--")) kind = 'p';
      out.add(new Tok(kind, s, m.start()));
    }
    return out;
  }

  /** @return true when the trimmed line is empty or only a comment */
  static boolean blankOrComment(String line) {
    if (line == null) return true;
    String t = line.trim();
    return t.isEmpty() || t.startsWith("//") || t.startsWith("#") && !t.startsWith("#{")
        || t.startsWith("/*") || t.startsWith("*") || t.startsWith("<!--") || t.startsWith("--")
        || t.startsWith("{{/*") || t.startsWith("<%#");
  }
}
