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

  private static final String[] OPERATORS = {
    "?->", "<<<", "===", "!==", "...", "&&", "||", "??", "?.", "?:", "->", "=>", "::", "<-", "|>",
    "==", "!=", "<=", ">=", "++", "--", "+=", "-=", "*=", "/=", "<<", ">>", "**"
  };

  /** @return true when the token starts with a letter, underscore or {@code $} */
  boolean ident() {
    char c = text.charAt(0);
    return Character.isLetter(c) || c == '_' || c == '$';
  }

  boolean is(String s) {
    return text.equals(s);
  }

  /**
   * Splits one masked line into tokens. Linear in the line length.
   *
   * @param code a masked line
   * @param lang the language (Ruby and Elixir identifiers may end in {@code ?} or {@code !})
   */
  static List<Tok> of(String code, SourceLanguage lang) {
    List<Tok> out = new ArrayList<>();
    int n = Math.min(code.length(), MAX_CHARS);
    int i = 0;
    boolean suffixes = lang == SourceLanguage.RUBY || lang == SourceLanguage.ELIXIR;
    while (i < n) {
      char c = code.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      if (Character.isLetter(c) || c == '_' || c == '$') {
        i++;
        while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_' || code.charAt(i) == '$')) i++;
        if (suffixes && i < n && (code.charAt(i) == '?' || code.charAt(i) == '!')
            && (i + 1 >= n || (code.charAt(i + 1) != '=' && code.charAt(i + 1) != ':'))) {
          i++;
        }
      } else if (Character.isDigit(c)) {
        i++;
        while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_'
            || (code.charAt(i) == '.' && i + 1 < n && Character.isDigit(code.charAt(i + 1))))) i++;
      } else {
        int len = 1;
        if ("?<!=.-&|:=>+*/".indexOf(c) >= 0) for (String op : OPERATORS) {
          if (code.startsWith(op, i)) {
            len = op.length();
            break;
          }
        }
        i += len;
      }
      boolean before = start == 0 || Character.isWhitespace(code.charAt(start - 1));
      boolean after = i >= n || Character.isWhitespace(code.charAt(i));
      out.add(new Tok(code.substring(start, i), start, before, after));
    }
    return out;
  }
}
