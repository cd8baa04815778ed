package dev.synapse.analysis.security;

import java.util.ArrayList;
import java.util.List;

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
    int n = line.length();
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
        i++;
        continue;
      }
      int end = -1;
      if (!template && (c == '"' || c == '\'' || c == '`')) end = quoted(line, i, c);
      if (end < 0) {
        if (c == '$') {
          end = i + 1;
          while (end < n && identPart(line.charAt(end))) end++;
        } else if (asciiLetter(c) || c == '_' || c == '@') {
          end = i + 1;
          while (end < n && identPart(line.charAt(end))) end++;
          if (end < n && (line.charAt(end) == '?' || line.charAt(end) == '!')) end++;
        } else if (c >= '0' && c <= '9') {
          end = i + 1;
          while (end < n && line.charAt(end) >= '0' && line.charAt(end) <= '9') end++;
        } else if (c == '-' && i + 1 < n && line.charAt(i + 1) == '-') {
          end = i + 2;
          while (end < n && (asciiLetter(line.charAt(end)) || line.charAt(end) == '-')) end++;
        } else {
          // any other non-blank code point, one token (a surrogate pair stays whole)
          end = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(line.charAt(i + 1)) ? i + 2 : i + 1;
        }
      }
      // a lone quote (unclosed, or on a template line) counts as a string too, as it always did
      char kind = c == '"' || c == '\'' || c == '`' ? 's'
          : Character.isDigit(c) ? 'n'
          : Character.isLetter(c) || c == '_' || c == '$' || c == '@' ? 'w' : 'p';
      out.add(new Tok(kind, line.substring(i, end), i));
      i = end;
    }
    return out;
  }

  /**
   * @return the end (exclusive) of the string literal opened by {@code q} at {@code from}, where a
   *     backslash escapes any character but a line terminator; -1 when it is not closed on the line
   */
  private static int quoted(String line, int from, char q) {
    int n = line.length();
    int j = from + 1;
    while (j < n) {
      char x = line.charAt(j);
      if (x == q) return j + 1;
      if (x == '\\') {
        if (j + 1 >= n || lineTerminator(line.charAt(j + 1))) return -1;
        j += 2;
      } else {
        j++;
      }
    }
    return -1;
  }

  private static boolean lineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  private static boolean asciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean identPart(char c) {
    return asciiLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '$';
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
