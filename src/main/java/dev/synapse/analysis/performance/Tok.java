package dev.synapse.analysis.performance;

import java.util.ArrayList;
import java.util.List;

/**
 * A token of masked code (see {@link CodeMasker}): an identifier, number, operator or single
 * punctuation character, with its column and whether whitespace surrounds it.
 *
 * @param text the token text
 * @param col 0-based column of the first character
 * @param spaceBefore whitespace (or line start) precedes the token
 * @param spaceAfter whitespace (or line end) follows the token
 */
record Tok(String text, int col, boolean spaceBefore, boolean spaceAfter) {

  /**
   * Characters of a line that are tokenised. Longer lines are minified or generated code; the
   * performance checks look only at their start, which keeps pathological input cheap.
   */
  static final int MAX_CHARS = 10_000;

  /**
   * Single ASCII characters as tokens, indexed by the character: punctuation tokens share these
   * instances instead of allocating a substring each (and {@link #is} then hits the identity
   * check of {@link String#equals} when the argument is the same literal).
   */
  private static final String[] ASCII = new String[128];
  /** Bit {@code c} set when ASCII {@code c} is whitespace by {@link Character#isWhitespace(char)}. */
  private static final boolean[] ASCII_SPACE = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII[c] = String.valueOf(c).intern();
      ASCII_SPACE[c] = Character.isWhitespace(c);
    }
  }

  /** @return true when the token starts with a letter, underscore or {@code $} */
  boolean ident() {
    return identStart(text.charAt(0));
  }

  boolean is(String s) {
    return text.equals(s);
  }

  /** @return the character of a one-character token (punctuation, or a one-letter name), else 0 */
  char single() {
    return text.length() == 1 ? text.charAt(0) : 0;
  }

  /** @return +1 for an opening {@code ( [ {}, -1 for a closing {@code ) ] }}, else 0 */
  int depthDelta() {
    return switch (single()) {
      case '(', '[', '{' -> 1;
      case ')', ']', '}' -> -1;
      default -> 0;
    };
  }

  /**
   * Splits one masked line into tokens. Linear in the line length.
   *
   * @param code a masked line
   * @param lang the language (Ruby and Elixir identifiers may end in {@code ?} or {@code !})
   */
  static List<Tok> of(String code, SourceLanguage lang) {
    return of(code, code.toCharArray(), lang);
  }

  /**
   * {@link #of(String, SourceLanguage)} over the characters of {@code code} already at hand
   * (the masker's output), so the scan reads an array instead of the string.
   *
   * @param code a masked line
   * @param chars the same characters as {@code code}
   * @param lang the language
   */
  static List<Tok> of(String code, char[] chars, SourceLanguage lang) {
    int n = Math.min(code.length(), MAX_CHARS);
    List<Tok> out = new ArrayList<>(Math.min(n / 3 + 4, 1024));
    int i = 0;
    boolean suffixes = lang == SourceLanguage.RUBY || lang == SourceLanguage.ELIXIR;
    while (i < n) {
      char c = chars[i];
      if (space(c)) {
        i++;
        continue;
      }
      int start = i;
      String text;
      if (identStart(c)) {
        i++;
        while (i < n && identPart(chars[i])) i++;
        if (suffixes && i < n && (chars[i] == '?' || chars[i] == '!')
            && (i + 1 >= n || (chars[i + 1] != '=' && chars[i + 1] != ':'))) {
          i++;
        }
        text = code.substring(start, i);
      } else if (Character.isDigit(c)) {
        i++;
        while (i < n && (Character.isLetterOrDigit(chars[i]) || chars[i] == '_'
            || (chars[i] == '.' && i + 1 < n && Character.isDigit(chars[i + 1])))) i++;
        text = code.substring(start, i);
      } else {
        text = operator(chars, i, c);
        if (text == null) text = c < 128 ? ASCII[c] : String.valueOf(c);
        i += text.length();
      }
      boolean before = start == 0 || space(chars[start - 1]);
      boolean after = i >= n || space(chars[i]);
      out.add(new Tok(text, start, before, after));
    }
    return out;
  }

  /**
   * The multi-character operator starting at {@code i} (first character {@code c}), longest
   * first: {@code ?-> <<< === !== ... && || ?? ?. ?: -> => :: <- |> == != <= >= ++ -- += -= *= /=
   * << >> **}; null when none starts there (the character is then a token of its own).
   */
  private static String operator(char[] code, int i, char c) {
    char d = i + 1 < code.length ? code[i + 1] : 0;
    char e = i + 2 < code.length ? code[i + 2] : 0;
    switch (c) {
      case '?':
        if (d == '-' && e == '>') return "?->";
        return d == '?' ? "??" : d == '.' ? "?." : d == ':' ? "?:" : null;
      case '<':
        if (d == '<' && e == '<') return "<<<";
        return d == '-' ? "<-" : d == '=' ? "<=" : d == '<' ? "<<" : null;
      case '=':
        if (d == '=' && e == '=') return "===";
        return d == '>' ? "=>" : d == '=' ? "==" : null;
      case '!':
        if (d == '=' && e == '=') return "!==";
        return d == '=' ? "!=" : null;
      case '.':
        return d == '.' && e == '.' ? "..." : null;
      case '&':
        return d == '&' ? "&&" : null;
      case '|':
        return d == '|' ? "||" : d == '>' ? "|>" : null;
      case ':':
        return d == ':' ? "::" : null;
      case '-':
        return d == '>' ? "->" : d == '-' ? "--" : d == '=' ? "-=" : null;
      case '>':
        return d == '=' ? ">=" : d == '>' ? ">>" : null;
      case '+':
        return d == '+' ? "++" : d == '=' ? "+=" : null;
      case '*':
        return d == '=' ? "*=" : d == '*' ? "**" : null;
      case '/':
        return d == '=' ? "/=" : null;
      default:
        return null;
    }
  }

  /** {@link Character#isWhitespace(char)} with an ASCII table first. */
  static boolean space(char c) {
    return c < 128 ? ASCII_SPACE[c] : Character.isWhitespace(c);
  }

  /** A letter, underscore or {@code $} ({@link Character#isLetter(char)} beyond ASCII). */
  private static boolean identStart(char c) {
    if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    return Character.isLetter(c);
  }

  /** A letter, digit, underscore or {@code $} ({@link Character#isLetterOrDigit(char)} beyond ASCII). */
  private static boolean identPart(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    }
    return Character.isLetterOrDigit(c);
  }
}
