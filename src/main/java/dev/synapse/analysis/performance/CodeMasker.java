package dev.synapse.analysis.performance;

import java.util.List;

/**
 * Blanks string-literal contents and comments in a sequence of source lines, keeping every
 * other character in place, so that keyword and operator scans see only code. Quotes stay, so
 * a string still reads as {@code "   "}. State (block comments, multi-line strings, heredocs)
 * carries from line to line. One pass, linear in the input, no regular expressions.
 *
 * <p>Package-private adapter point: replaceable by the shared {@code analysis.lang} lexers.
 * Instances hold per-sequence state and are not thread-safe; create one per sequence.
 */
final class CodeMasker {
  /** Longest same-line regex or sigil literal recognised; bounds rescanning on odd input. */
  private static final int MAX_LITERAL = 1000;

  /**
   * Per language (by ordinal), the ASCII characters the masking loop must look at: quotes and
   * backticks everywhere, {@code /} with C-style comments or regex literals, {@code #} with hash
   * comments, {@code <} for heredocs, {@code ~} for Elixir sigils and {@code %} for Ruby percent
   * literals. Every other character only updates the last significant character. Read-only.
   */
  private static final boolean[][] SPECIAL = new boolean[SourceLanguage.values().length][128];

  static {
    for (SourceLanguage l : SourceLanguage.values()) {
      boolean[] t = SPECIAL[l.ordinal()];
      t['"'] = true;
      t['\''] = true;
      t['`'] = true;
      t['/'] = l.cStyleComments() || l.js() || l == SourceLanguage.RUBY;
      t['#'] = l.hashComments();
      t['<'] = l == SourceLanguage.RUBY || l == SourceLanguage.PHP;
      t['~'] = l == SourceLanguage.ELIXIR;
      t['%'] = l == SourceLanguage.RUBY;
    }
  }

  private final SourceLanguage lang;
  /** {@link #SPECIAL} of the language. */
  private final boolean[] special;
  private final boolean cStyle;
  private final boolean hashComments;
  /** Closing delimiter of an open multi-line string, or null. */
  private String openString;
  /** Whether backslash escapes apply inside {@link #openString}. */
  private boolean openEscapes;
  private boolean inBlockComment;
  private boolean inRubyDoc;
  /** Terminator line of an open heredoc, or null. */
  private String heredoc;
  private String pendingHeredoc;
  /** Whether the last {@link #maskChars} call blanked any character. */
  private boolean changed;

  CodeMasker(SourceLanguage lang) {
    this.lang = lang;
    this.special = SPECIAL[lang.ordinal()];
    this.cStyle = lang.cStyleComments();
    this.hashComments = lang.hashComments();
  }

  /** Forgets all state, e.g. at a hunk boundary where the text between is unknown. */
  void reset() {
    openString = null;
    inBlockComment = false;
    inRubyDoc = false;
    heredoc = null;
    pendingHeredoc = null;
  }

  /**
   * @param other another masker of the same language
   * @return true when both carry the same state, so the next line masks the same in both
   */
  boolean sameState(CodeMasker other) {
    return java.util.Objects.equals(openString, other.openString) && openEscapes == other.openEscapes
        && inBlockComment == other.inBlockComment && inRubyDoc == other.inRubyDoc
        && java.util.Objects.equals(heredoc, other.heredoc)
        && java.util.Objects.equals(pendingHeredoc, other.pendingHeredoc);
  }

  /** Takes over the state of {@code other} (after {@code other} masked a line this one skips). */
  void copyState(CodeMasker other) {
    openString = other.openString;
    openEscapes = other.openEscapes;
    inBlockComment = other.inBlockComment;
    inRubyDoc = other.inRubyDoc;
    heredoc = other.heredoc;
    pendingHeredoc = other.pendingHeredoc;
  }

  /**
   * @return false when the last {@link #maskChars} call left its line as it was (then the
   *     line's own string can stand for the masked one)
   */
  boolean lastChanged() {
    return changed;
  }

  /** Masks a whole sequence with a fresh masker. */
  static String[] maskAll(SourceLanguage lang, List<String> lines) {
    CodeMasker m = new CodeMasker(lang);
    String[] out = new String[lines.size()];
    for (int i = 0; i < out.length; i++) out[i] = m.mask(lines.get(i));
    return out;
  }

  /**
   * @param line one source line without terminator
   * @return the line with string contents and comments replaced by spaces, same length
   */
  String mask(String line) {
    if (heredoc == null && !inRubyDoc && !inBlockComment && openString == null && plain(line)) {
      // nothing to blank and no state to carry: the line is its own masked form
      changed = false;
      return line;
    }
    char[] c = maskChars(line);
    return changed ? new String(c) : line;
  }

  /**
   * @return true when no character of the line can start a string, comment or literal (nor a
   *     Ruby {@code =begin} block), so that masking it from a clean state changes nothing
   */
  private boolean plain(String line) {
    if (lang == SourceLanguage.RUBY && line.startsWith("=begin")) return false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch < 128 && special[ch]) return false;
    }
    return true;
  }

  /**
   * {@link #mask} without building the string.
   *
   * @param line one source line without terminator
   * @return a fresh array holding the masked line (same length)
   */
  char[] maskChars(String line) {
    changed = false;
    char[] c = line.toCharArray();
    int n = c.length;
    if (heredoc != null) {
      if (line.strip().equals(heredoc) || (lang == SourceLanguage.PHP && line.strip().startsWith(heredoc)
          && !Character.isLetterOrDigit(charAt(line.strip(), heredoc.length())))) {
        heredoc = null;
      } else {
        blank(c, 0, n);
      }
      return c;
    }
    if (inRubyDoc) {
      if (line.startsWith("=end")) inRubyDoc = false;
      blank(c, 0, n);
      return c;
    }
    if (lang == SourceLanguage.RUBY && line.startsWith("=begin")) {
      inRubyDoc = true;
      blank(c, 0, n);
      return c;
    }
    int i = 0;
    if (inBlockComment) i = skipBlockComment(c, 0);
    else if (openString != null) i = skipString(c, 0, openString, openEscapes, true);
    char prevSignificant = i == 0 ? '\n' : ' ';
    boolean literalsFailed = false;
    boolean[] special = this.special;
    while (i < n) {
      char ch = c[i];
      if (ch >= 128 || !special[ch]) {
        // nothing below applies to this character
        if (!Toks.space(ch)) prevSignificant = ch;
        i++;
        continue;
      }
      if (cStyle && ch == '/' && i + 1 < n && c[i + 1] == '/') {
        blank(c, i, n);
        break;
      }
      if (cStyle && ch == '/' && i + 1 < n && c[i + 1] == '*') {
        inBlockComment = true;
        c[i] = ' ';
        c[i + 1] = ' ';
        changed = true;
        i = skipBlockComment(c, i + 2);
        continue;
      }
      if (hashComments && ch == '#' && !(lang == SourceLanguage.PHP && i + 1 < n && c[i + 1] == '[')) {
        blank(c, i, n);
        break;
      }
      if (ch == '<' && i + 2 < n && c[i + 1] == '<' && (lang == SourceLanguage.RUBY || lang == SourceLanguage.PHP)) {
        int end = heredocStart(c, i);
        if (end > i) {
          i = end;
          prevSignificant = 'x';
          continue;
        }
      }
      if (ch == '"' || ch == '\'' || ch == '`') {
        if (ch == '`' && !(lang.js() || lang == SourceLanguage.GO || lang == SourceLanguage.RUBY || lang == SourceLanguage.KOTLIN)) {
          i++;
          continue;
        }
        if (ch == '\'' && (lang == SourceLanguage.RUBY || lang == SourceLanguage.ELIXIR) && i > 0 && c[i - 1] == '?') {
          i++;
          continue;
        }
        boolean triple = i + 2 < n && c[i + 1] == ch && c[i + 2] == ch
            && (lang == SourceLanguage.PYTHON || lang == SourceLanguage.KOTLIN || lang == SourceLanguage.ELIXIR
                || lang == SourceLanguage.CSHARP);
        String close = delimiter(ch, triple);
        boolean verbatim = lang == SourceLanguage.CSHARP && i > 0 && c[i - 1] == '@';
        boolean escapes = !(ch == '`' && lang == SourceLanguage.GO) && !verbatim && !triple
            || (triple && lang != SourceLanguage.KOTLIN);
        boolean multiLine = triple || ch == '`' || lang == SourceLanguage.RUBY || lang == SourceLanguage.PHP
            || lang == SourceLanguage.ELIXIR || verbatim;
        i = skipString(c, i + close.length(), close, escapes, multiLine);
        prevSignificant = 'x';
        continue;
      }
      // An unterminated regex or sigil disables further attempts on this line (keeps it linear).
      if (!literalsFailed && ch == '/' && (lang.js() || lang == SourceLanguage.RUBY) && regexAllowed(c, i, prevSignificant)) {
        int end = skipRegex(c, i);
        if (end > i) {
          i = end;
          prevSignificant = 'x';
          continue;
        }
        literalsFailed = true;
      }
      if (!literalsFailed && ch == '~' && lang == SourceLanguage.ELIXIR && i + 2 < n && Character.isLetter(c[i + 1])) {
        int end = skipSigil(c, i + 2);
        if (end > i) {
          i = end;
          prevSignificant = 'x';
          continue;
        }
        literalsFailed = true;
      }
      if (!literalsFailed && ch == '%' && lang == SourceLanguage.RUBY && i + 2 < n && "wWiIqQ".indexOf(c[i + 1]) >= 0
          && "([{<|!".indexOf(c[i + 2]) >= 0) {
        int end = skipSigil(c, i + 2);
        if (end > i) {
          i = end;
          prevSignificant = 'x';
          continue;
        }
        literalsFailed = true;
      }
      if (!Toks.space(ch)) prevSignificant = ch;
      i++;
    }
    if (pendingHeredoc != null) {
      heredoc = pendingHeredoc;
      pendingHeredoc = null;
    }
    return c;
  }

  /** @return the closing delimiter of a string opened by {@code quote} (a constant, no allocation) */
  private static String delimiter(char quote, boolean triple) {
    return switch (quote) {
      case '"' -> triple ? "\"\"\"" : "\"";
      case '\'' -> triple ? "'''" : "'";
      default -> triple ? "```" : "`";
    };
  }

  private static char charAt(String s, int i) {
    return i < s.length() ? s.charAt(i) : ' ';
  }

  private void blank(char[] c, int from, int to) {
    if (from < to) changed = true;
    for (int k = from; k < to; k++) c[k] = ' ';
  }

  private int skipBlockComment(char[] c, int from) {
    int i = from;
    if (from < c.length) changed = true;
    while (i < c.length) {
      if (c[i] == '*' && i + 1 < c.length && c[i + 1] == '/') {
        c[i] = ' ';
        c[i + 1] = ' ';
        inBlockComment = false;
        return i + 2;
      }
      c[i++] = ' ';
    }
    return i;
  }

  /** Blanks string contents from {@code from}; returns the index after the closing delimiter. */
  private int skipString(char[] c, int from, String close, boolean escapes, boolean multiLine) {
    int i = from;
    char first = close.charAt(0);
    if (from < c.length) changed = true;
    while (i < c.length) {
      if (escapes && c[i] == '\\' && i + 1 < c.length) {
        c[i] = ' ';
        c[i + 1] = ' ';
        i += 2;
        continue;
      }
      if (c[i] == first && matchesAt(c, i, close)) {
        openString = null;
        return i + close.length();
      }
      c[i++] = ' ';
    }
    if (multiLine) {
      openString = close;
      openEscapes = escapes;
    } else {
      openString = null;
    }
    return i;
  }

  private static boolean matchesAt(char[] c, int i, String s) {
    if (i + s.length() > c.length) return false;
    for (int k = 0; k < s.length(); k++) if (c[i + k] != s.charAt(k)) return false;
    return true;
  }

  private static boolean regexAllowed(char[] c, int i, char prev) {
    if (i + 1 < c.length && (c[i + 1] == '/' || c[i + 1] == '*' || c[i + 1] == ' ' || c[i + 1] == '=')) return false;
    if (prev == '\n') return true;
    if ("(,=:[!&|?{};+-*%<>~^".indexOf(prev) >= 0) return true;
    // after the keywords return / typeof / when / if
    int k = i - 1;
    while (k >= 0 && c[k] == ' ') k--;
    int end = k + 1;
    while (k >= 0 && Character.isLetter(c[k])) k--;
    String word = new String(c, k + 1, end - k - 1);
    return word.equals("return") || word.equals("typeof") || word.equals("when") || word.equals("if")
        || word.equals("unless");
  }

  /** Blanks a same-line regex literal body starting at the slash at {@code i}; returns -1 if unterminated. */
  private int skipRegex(char[] c, int i) {
    boolean inClass = false;
    for (int k = i + 1; k < c.length && k - i < MAX_LITERAL; k++) {
      char ch = c[k];
      if (ch == '\\') {
        k++;
        continue;
      }
      if (ch == '[') inClass = true;
      else if (ch == ']') inClass = false;
      else if (ch == '/' && !inClass) {
        blank(c, i + 1, k);
        return k + 1;
      }
    }
    return -1;
  }

  /** Blanks a same-line sigil or percent literal whose opening delimiter is at {@code open}. */
  private int skipSigil(char[] c, int open) {
    if (open >= c.length) return -1;
    char o = c[open];
    char close = switch (o) {
      case '(' -> ')';
      case '[' -> ']';
      case '{' -> '}';
      case '<' -> '>';
      default -> o;
    };
    if (Character.isLetterOrDigit(o) || Character.isWhitespace(o)) return -1;
    for (int k = open + 1; k < c.length && k - open < MAX_LITERAL; k++) {
      if (c[k] == '\\') {
        k++;
        continue;
      }
      if (c[k] == close) {
        blank(c, open + 1, k);
        return k + 1;
      }
    }
    return -1;
  }

  /** Recognises {@code <<~ID}, {@code <<-ID}, {@code <<ID} (Ruby) and {@code <<<ID} (PHP). */
  private int heredocStart(char[] c, int i) {
    int k = i + 2;
    if (lang == SourceLanguage.PHP) {
      if (k >= c.length || c[k] != '<') return -1;
      k++;
      while (k < c.length && c[k] == ' ') k++;
    } else if (k < c.length && (c[k] == '~' || c[k] == '-')) {
      k++;
    }
    boolean quoted = k < c.length && (c[k] == '\'' || c[k] == '"');
    if (quoted) k++;
    int start = k;
    while (k < c.length && (Character.isUpperCase(c[k]) || c[k] == '_' || Character.isDigit(c[k]))) k++;
    if (k - start < 2) return -1;
    pendingHeredoc = new String(c, start, k - start);
    if (quoted && k < c.length) k++;
    return k;
  }
}
