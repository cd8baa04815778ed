package dev.synapse.analysis.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written, single-pass lexer for the ten supported languages. It knows each language's
 * comments (line, block, Ruby {@code =begin}), strings (escapes, raw/verbatim forms, triple-quoted
 * and text blocks, heredocs, Ruby {@code %} literals, Elixir sigils, PHP inline HTML) and
 * interpolation ({@code #{}} in Ruby/Elixir, {@code ${}} in JS templates, Python f-strings, C#
 * {@code $"{}"}, Kotlin {@code $x}/{@code ${}}, PHP {@code "$var"}/{@code {$x}}). Interpolated
 * expressions are lexed as ordinary tokens between {@link TokenKind#INTERP_START} and {@link
 * TokenKind#INTERP_END}, so data flow sees them as operands of the string.
 *
 * <p>Time is linear in the input; there are no regular expressions. The text is scanned as a
 * {@code char[]}; keywords are found by the hash computed while scanning a word, and the texts of
 * repeated identifiers and numbers within one call share one {@code String} instance (so their
 * hash codes are computed once downstream). Nesting of interpolations is bounded ({@value
 * #MAX_DEPTH}); deeper nesting is kept as literal text. Instances are confined to one call of
 * {@link #lex}; the class is thread-safe.
 */
public final class Lexer {
  /** Maximum nesting of interpolations that is lexed as code. */
  public static final int MAX_DEPTH = 8;

  private static final int I_NONE = 0;
  private static final int I_HASH = 1;
  private static final int I_DOLLAR_BRACE = 2;
  private static final int I_BRACE = 3;
  private static final int I_KOTLIN = 4;
  private static final int I_PHP = 5;

  /** Internal flag of {@link #body}: a doubled quote ({@code ""}) stands for one quote. */
  private static final int DOUBLED = 64;

  private static final String[] OPS3 = {">>>", "===", "!==", "**=", "<<=", ">>=", "...", "<=>",
      "||=", "&&=", "??=", "<<<", "->>", "!~="};
  private static final String[] OPS2 = {"|>", "<>", "->", "=>", "::", "==", "!=", "<=", ">=", "&&",
      "||", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", ":=", "??", "?.", "?:",
      "**", "<-", "..", "<<", ">>", "!~", "=~", ".=", "<|", "~>"};
  private static final String OP_CHARS = "=<>!&|+-*/%^.:?~@\\";

  /** ASCII character classes, bits below. */
  private static final byte[] ASCII = new byte[128];
  private static final int C_LETTER = 1;
  private static final int C_DIGIT = 2;
  private static final int C_OP = 4;

  /** {@code OPS2} by their two characters ({@code c0 * 128 + c1}); null where none. */
  private static final String[] OP2 = new String[128 * 128];
  /** {@code OPS3} by their first two characters, in {@code OPS3} order; null where none. */
  private static final String[][] OP3 = new String[128 * 128][];

  /** One-character texts of ASCII characters, interned (the same instances as source literals). */
  private static final String[] ONE_CHAR = new String[128];

  static {
    for (int c = 0; c < 128; c++) {
      ONE_CHAR[c] = String.valueOf((char) c).intern();
      int bits = 0;
      if (Character.isLetter((char) c)) bits |= C_LETTER;
      if (c >= '0' && c <= '9') bits |= C_DIGIT;
      if (OP_CHARS.indexOf(c) >= 0) bits |= C_OP;
      ASCII[c] = (byte) bits;
    }
    for (String op : OPS2) OP2[op.charAt(0) * 128 + op.charAt(1)] = op;
    for (String op : OPS3) {
      int k = op.charAt(0) * 128 + op.charAt(1);
      String[] old = OP3[k] == null ? new String[0] : OP3[k];
      String[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = op;
      OP3[k] = grown;
    }
  }

  private final char[] s;
  private final int n;
  private final Language lang;
  private final List<Token> out;
  private int pos;
  private int line;
  private boolean lineStart = true;
  private boolean spaceBefore = true;
  private int heredocResume = -1;
  private int heredocResumeLine;
  /** A regex literal scan that failed reached this position; do not rescan before it. */
  private int regexFailUntil = -1;
  private int nlFrom = -1;
  private int nlAt = -1;
  /**
   * Word texts made so far (open addressing by hash), so a repeated identifier or number shares
   * one instance; {@link #nameHashes} holds their hash codes.
   */
  private String[] names = new String[64];
  private int[] nameHashes = new int[64];
  private int nameCount;
  /**
   * When not null: the character ranges that are not code (comments, string and regex bodies),
   * as {@code [from, to)} pairs in the order they were scanned; see {@link #lexMasked}.
   */
  private int[] masked;
  private int maskedCount;

  private Lexer(char[] s, int firstLine, Language lang) {
    this.s = s;
    this.n = s.length;
    this.line = firstLine;
    this.lang = lang;
    this.out = new ArrayList<>(Math.max(16, s.length / 5));
  }

  /**
   * Lexes source text.
   *
   * @param text the text, lines separated by {@code \n}
   * @param firstLine the line number of the text's first line (1-based)
   * @param lang the language whose rules apply
   * @return the tokens in order, comments included; never null
   */
  public static List<Token> lex(String text, int firstLine, Language lang) {
    return lex(text == null ? new char[0] : text.toCharArray(), firstLine, lang);
  }

  /**
   * Lexes source text held in an array (which the lexer only reads, and does not keep).
   *
   * @param text the text, lines separated by {@code \n}; its whole length is lexed
   * @param firstLine the line number of the text's first line (1-based)
   * @param lang the language whose rules apply
   * @return the tokens in order, comments included; never null
   */
  static List<Token> lex(char[] text, int firstLine, Language lang) {
    Lexer lx = new Lexer(text, firstLine, lang == null ? Language.UNKNOWN : lang);
    lx.code(0, false);
    return lx.out;
  }

  /**
   * The tokens of a text and where its code is: the same tokens as {@link #lex(char[], int,
   * Language)}, plus the character ranges that are not code, so a line-oriented reader can blank
   * them (see {@link SourceView#maskedLine(int)}).
   *
   * @param tokens the tokens in order, comments included
   * @param masked sorted, disjoint {@code [from, to)} offset pairs (flattened) of comments, of
   *     the bodies of string, heredoc and regex literals (delimiters excluded; interpolations
   *     inside a literal's body included) and of PHP's inline HTML outside {@code <?php ?>}
   */
  record Lexed(List<Token> tokens, int[] masked) {}

  /**
   * Lexes text held in an array and records the character ranges that are not code.
   *
   * @param text the text, lines separated by {@code \n}; its whole length is lexed
   * @param firstLine the line number of the text's first line (1-based)
   * @param lang the language whose rules apply
   * @return the tokens and the ranges; never null
   */
  static Lexed lexMasked(char[] text, int firstLine, Language lang) {
    Lexer lx = new Lexer(text, firstLine, lang == null ? Language.UNKNOWN : lang);
    lx.masked = new int[16];
    lx.code(0, false);
    return new Lexed(lx.out, mergeRanges(lx.masked, lx.maskedCount));
  }

  /** Records {@code [from, to)} as not code (when recording). */
  private void mask(int from, int to) {
    if (masked == null || to <= from) return;
    if (maskedCount + 2 > masked.length) masked = java.util.Arrays.copyOf(masked, masked.length * 2);
    masked[maskedCount++] = from;
    masked[maskedCount++] = Math.min(to, n);
  }

  /** @return the pairs sorted by start, overlapping or touching ones merged */
  private static int[] mergeRanges(int[] pairs, int count) {
    int k = count / 2;
    long[] packed = new long[k];
    for (int i = 0; i < k; i++) packed[i] = ((long) pairs[2 * i] << 32) | (pairs[2 * i + 1] & 0xffffffffL);
    java.util.Arrays.sort(packed);
    int[] out = new int[count];
    int size = 0;
    for (long p : packed) {
      int from = (int) (p >>> 32);
      int to = (int) p;
      if (size > 0 && from <= out[size - 1]) {
        out[size - 1] = Math.max(out[size - 1], to);
      } else {
        out[size++] = from;
        out[size++] = to;
      }
    }
    return java.util.Arrays.copyOf(out, size);
  }

  // ---------------------------------------------------------------- char[] helpers

  /** @return true when the text at {@code at} starts with {@code lit} (as String.startsWith) */
  private boolean at(String lit, int at) {
    int len = lit.length();
    if (at < 0 || at > n - len) return false;
    for (int k = 0; k < len; k++) {
      if (s[at + k] != lit.charAt(k)) return false;
    }
    return true;
  }

  /** @return true when three characters {@code q} start at {@code at} */
  private boolean triple(char q, int at) {
    return at + 3 <= n && s[at] == q && s[at + 1] == q && s[at + 2] == q;
  }

  /** @return index of {@code c} at or after {@code from}, or -1 (as String.indexOf) */
  private int indexOf(char c, int from) {
    for (int i = Math.max(from, 0); i < n; i++) {
      if (s[i] == c) return i;
    }
    return -1;
  }

  /** @return index of {@code lit} at or after {@code from}, or -1 (as String.indexOf) */
  private int indexOf(String lit, int from) {
    char c0 = lit.charAt(0);
    for (int i = Math.max(from, 0), last = n - lit.length(); i <= last; i++) {
      if (s[i] == c0 && at(lit, i)) return i;
    }
    return -1;
  }

  private String text(int from, int to) {
    return new String(s, from, to - from);
  }

  /**
   * The text of a word: the instance made earlier in this call for the same characters, else a
   * new one (remembered).
   */
  private String name(int from, int to, int hash) {
    int len = to - from;
    int mask = names.length - 1;
    int i = (hash ^ (hash >>> 16)) & mask;
    for (String w; (w = names[i]) != null; i = (i + 1) & mask) {
      if (nameHashes[i] == hash && w.length() == len && sameText(w, from, len)) return w;
    }
    String w = text(from, to);
    names[i] = w;
    nameHashes[i] = hash;
    if (++nameCount * 2 > names.length) growNames();
    return w;
  }

  private boolean sameText(String w, int from, int len) {
    for (int k = 0; k < len; k++) {
      if (w.charAt(k) != s[from + k]) return false;
    }
    return true;
  }

  private void growNames() {
    String[] oldNames = names;
    int[] oldHashes = nameHashes;
    names = new String[oldNames.length * 2];
    nameHashes = new int[oldNames.length * 2];
    int mask = names.length - 1;
    for (int k = 0; k < oldNames.length; k++) {
      if (oldNames[k] == null) continue;
      int h = oldHashes[k];
      int i = (h ^ (h >>> 16)) & mask;
      while (names[i] != null) i = (i + 1) & mask;
      names[i] = oldNames[k];
      nameHashes[i] = h;
    }
  }

  /** @return the {@link String#hashCode} of {@code s[from, to)} */
  private int hash(int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) h = 31 * h + s[i];
    return h;
  }

  // ---------------------------------------------------------------- code

  /** Lexes code until the end, or (inInterp) until an unmatched '}' which is left unconsumed. */
  private void code(int depth, boolean inInterp) {
    int braces = 0;
    while (pos < n) {
      char c = s[pos];
      if (c == '\n') {
        newline();
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        pos++;
        spaceBefore = true;
        continue;
      }
      if (inInterp) {
        if (c == '{') braces++;
        else if (c == '}') {
          if (braces == 0) return;
          braces--;
        }
      }
      if ((c == '/' || c == '#' || c == '=') && comment(c)) continue;
      if (stringStart(c) && string(c, depth)) continue;
      if (isIdentStart(c)) {
        identifier();
        continue;
      }
      if (isDigit(c) || (c == '.' && pos + 1 < n && isDigit(s[pos + 1]) && !prevIsValue())) {
        number();
        continue;
      }
      operator();
    }
  }

  private void newline() {
    if (heredocResume > pos) {
      pos = heredocResume;
      line = heredocResumeLine;
      heredocResume = -1;
    } else {
      pos++;
      line++;
    }
    lineStart = true;
    spaceBefore = true;
  }

  private void emit(TokenKind kind, String text, int startLine, String prefix, int flags) {
    int f = flags;
    if (lineStart) f |= Token.F_LINE_START;
    if (spaceBefore) f |= Token.F_SPACE_BEFORE;
    out.add(new Token(kind, text, startLine, line, prefix, f));
    lineStart = false;
    spaceBefore = false;
  }

  // ---------------------------------------------------------------- comments

  private boolean comment(char c) {
    switch (lang) {
      case PYTHON:
      case ELIXIR:
        if (c == '#') {
          lineComment();
          return true;
        }
        return false;
      case RUBY:
        if (c == '#') {
          lineComment();
          return true;
        }
        if (c == '=' && lineStart && at("=begin", pos)) {
          int end = indexOf("\n=end", pos);
          blockCommentTo(end < 0 ? n : lineEnd(end + 1));
          return true;
        }
        return false;
      case PHP:
        if (c == '#' && !(pos + 1 < n && s[pos + 1] == '[')) {
          lineComment();
          return true;
        }
        // fall through to C-like comments
      default:
        if (c == '/' && pos + 1 < n) {
          char d = s[pos + 1];
          if (d == '/') {
            lineComment();
            return true;
          }
          if (d == '*') {
            int end = indexOf("*/", pos + 2);
            blockCommentTo(end < 0 ? n : end + 2);
            return true;
          }
        }
        return false;
    }
  }

  private void lineComment() {
    int end = lineEnd(pos);
    if (lang == Language.PHP) {
      // a PHP line comment ends before "?>" on its line
      for (int i = pos; i + 1 < end; i++) {
        if (s[i] == '?' && s[i + 1] == '>') {
          end = i;
          break;
        }
      }
    }
    emit(TokenKind.COMMENT, text(pos, end), line, "", 0);
    mask(pos, end);
    pos = end;
  }

  private void blockCommentTo(int end) {
    int start = pos;
    int startLine = line;
    for (int i = pos; i < end; i++) if (s[i] == '\n') line++;
    pos = end;
    emit(TokenKind.COMMENT, text(start, end), startLine, "", 0);
    mask(start, end);
  }

  private int lineEnd(int from) {
    if (from >= nlFrom && nlFrom >= 0 && from <= nlAt) return nlAt;
    int e = indexOf('\n', from);
    nlFrom = from;
    nlAt = e < 0 ? n : e;
    return nlAt;
  }

  // ---------------------------------------------------------------- strings

  /** Characters that may open a string (or symbol, regex, heredoc, PHP tag) per language. */
  private static final boolean[][] STRING_STARTS = new boolean[Language.values().length][128];

  static {
    for (Language l : Language.values()) {
      String starts;
      switch (l) {
        case JAVA: case KOTLIN: starts = "\"'"; break;
        case GO: starts = "\"'`"; break;
        case CSHARP: starts = "\"'$@"; break;
        case PHP: starts = "\"'`<?"; break;
        case PYTHON: starts = "\"'rRbBuUfF"; break;
        case RUBY: starts = "\"'`:%</"; break;
        case ELIXIR: starts = "\"':~"; break;
        default: starts = "\"'`/"; break;
      }
      for (char c : starts.toCharArray()) STRING_STARTS[l.ordinal()][c] = true;
    }
  }

  /** @return false when {@link #string} certainly does not start at a {@code c} */
  private boolean stringStart(char c) {
    return c < 128 && STRING_STARTS[lang.ordinal()][c];
  }

  private boolean string(char c, int depth) {
    switch (lang) {
      case JAVA:
        if (c == '"') {
          if (triple('"', pos)) return quoted("\"\"\"", 3, true, I_NONE, 0, depth);
          return quoted("\"", 1, true, I_NONE, 0, depth);
        }
        if (c == '\'') return quoted("'", 1, true, I_NONE, 0, depth);
        return false;
      case KOTLIN:
        if (c == '"') {
          if (triple('"', pos)) return quoted("\"\"\"", 3, false, I_KOTLIN, 0, depth);
          return quoted("\"", 1, true, I_KOTLIN, 0, depth);
        }
        if (c == '\'') return quoted("'", 1, true, I_NONE, 0, depth);
        return false;
      case GO:
        if (c == '"') return quoted("\"", 1, true, I_NONE, 0, depth);
        if (c == '`') return quoted("`", 1, false, I_NONE, 0, depth);
        if (c == '\'') return quoted("'", 1, true, I_NONE, 0, depth);
        return false;
      case CSHARP:
        return csharpString(c, depth);
      case PHP:
        return phpString(c, depth);
      case PYTHON:
        return pythonString(c, depth);
      case RUBY:
        return rubyString(c, depth);
      case ELIXIR:
        return elixirString(c, depth);
      default:
        return jsString(c, depth);
    }
  }

  private boolean jsString(char c, int depth) {
    if (c == '"' || c == '\'') return quoted(oneChar(c), 1, true, I_NONE, 0, depth);
    if (c == '`') {
      Token prev = prevSignificant();
      boolean tagged = prev != null && !spaceBefore
          && (prev.kind() == TokenKind.IDENTIFIER || prev.op(">") || prev.op(")") || prev.op("]"));
      return quoted("`", 1, true, I_DOLLAR_BRACE, tagged ? Token.F_TAGGED : 0, depth);
    }
    if (c == '/' && !prevIsValue()) return regex(depth);
    return false;
  }

  private boolean csharpString(char c, int depth) {
    if (c == '\'') return quoted("'", 1, true, I_NONE, 0, depth);
    if (triple('"', pos)) return quoted("\"\"\"", 3, false, I_NONE, 0, depth);
    if (c == '"') return quoted("\"", 1, true, I_NONE, 0, depth);
    if (c == '$' || c == '@') {
      int i = pos + 1;
      boolean interp = c == '$';
      boolean verbatim = c == '@';
      if (i < n && (s[i] == '$' || s[i] == '@') && s[i] != c) {
        interp = true;
        verbatim = true;
        i++;
      }
      if (i < n && s[i] == '"') {
        String prefix = text(pos, i + 1);
        return quotedFrom(i + 1, prefix, "\"", !verbatim, verbatim, interp ? I_BRACE : I_NONE, 0,
            depth);
      }
    }
    return false;
  }

  private boolean phpString(char c, int depth) {
    if (c == '\'') return quoted("'", 1, true, I_NONE, 0, depth);
    if (c == '"') return quoted("\"", 1, true, I_PHP, 0, depth);
    if (c == '`') return quoted("`", 1, true, I_PHP, Token.F_COMMAND, depth);
    if (c == '<' && at("<<<", pos)) return heredoc(pos + 3, true, depth);
    if (c == '<' && at("<?php", pos)) {
      pos += 5;
      return true;
    }
    if (c == '<' && at("<?=", pos)) {
      pos += 3;
      emit(TokenKind.KEYWORD, "echo", line, "", 0);
      return true;
    }
    if (c == '?' && at("?>", pos)) {
      pos += 2;
      inlineHtml();
      return true;
    }
    return false;
  }

  private void inlineHtml() {
    int start = pos;
    int startLine = line;
    int open = indexOf("<?", pos);
    int end = open < 0 ? n : open;
    for (int i = pos; i < end; i++) if (s[i] == '\n') line++;
    if (end > start) emit(TokenKind.STRING, text(start, end), startLine, "html", 0);
    mask(start, end);
    pos = end;
    if (open >= 0) {
      if (at("<?=", open)) {
        pos = open + 3;
        emit(TokenKind.KEYWORD, "echo", line, "", 0);
      } else if (at("<?php", open)) {
        pos = open + 5;
      } else {
        pos = open + 2;
      }
    }
  }

  private static boolean isPythonStringPrefix(char c) {
    switch (c) {
      case 'r': case 'R': case 'b': case 'B': case 'u': case 'U': case 'f': case 'F':
        return true;
      default:
        return false;
    }
  }

  private boolean pythonString(char c, int depth) {
    if (c != '"' && c != '\'' && !isPythonStringPrefix(c)) return false;
    int i = pos;
    boolean raw = false;
    boolean fmt = false;
    while (i < n && i - pos < 2 && isPythonStringPrefix(s[i])) {
      char p = Character.toLowerCase(s[i]);
      if (p == 'r') raw = true;
      if (p == 'f') fmt = true;
      i++;
    }
    if (i >= n) return false;
    char q = s[i];
    if (q != '"' && q != '\'') return false;
    if (i > pos && pos > 0 && isIdentPart(s[pos - 1])) return false;
    String close = triple(q, i) ? (q == '"' ? "\"\"\"" : "'''") : oneChar(q);
    String prefix = i == pos ? close : text(pos, i) + close;
    return quotedFrom(i + close.length(), prefix, close, !raw, false, fmt ? I_BRACE : I_NONE, 0,
        depth);
  }

  private boolean rubyString(char c, int depth) {
    if (c == '"') return quoted("\"", 1, true, I_HASH, 0, depth);
    if (c == '\'') return quoted("'", 1, true, I_NONE, 0, depth);
    if (c == '`') return quoted("`", 1, true, I_HASH, Token.F_COMMAND, depth);
    if (c == ':' && symbol()) return true;
    if (c == '%' && !prevIsValue() && pos + 1 < n) {
      int i = pos + 1;
      char kind = s[i];
      if ("qQwWiIxrs".indexOf(kind) >= 0) i++;
      else kind = 'Q';
      if (i < n && isDelimiter(s[i])) {
        char open = s[i];
        char close = closerOf(open);
        boolean interp = kind == 'Q' || kind == 'W' || kind == 'I' || kind == 'x' || kind == 'r';
        int flags = kind == 'x' ? Token.F_COMMAND : 0;
        return delimited(i + 1, text(pos, i + 1), open, close, interp ? I_HASH : I_NONE,
            flags, depth);
      }
      return false;
    }
    if (c == '<' && at("<<", pos) && !prevIsValue()) {
      int i = pos + 2;
      if (i < n && (s[i] == '~' || s[i] == '-')) i++;
      if (i < n && (Character.isUpperCase(s[i]) || s[i] == '\'' || s[i] == '"' || s[i] == '_')) {
        return heredoc(i, false, depth);
      }
    }
    if (c == '/' && !prevIsValue()) return regex(depth);
    return false;
  }

  private boolean elixirString(char c, int depth) {
    if (c == '"') {
      if (triple('"', pos)) return quoted("\"\"\"", 3, true, I_HASH, 0, depth);
      return quoted("\"", 1, true, I_HASH, 0, depth);
    }
    if (c == '\'') {
      if (triple('\'', pos)) return quoted("'''", 3, true, I_HASH, 0, depth);
      return quoted("'", 1, true, I_HASH, 0, depth);
    }
    if (c == ':' && symbol()) return true;
    if (c == '~' && pos + 2 < n && Character.isLetter(s[pos + 1])) {
      char sig = s[pos + 1];
      int i = pos + 2;
      while (i < n && Character.isUpperCase(s[i]) && Character.isUpperCase(sig)) i++;
      if (i >= n) return false;
      int mode = Character.isLowerCase(sig) ? I_HASH : I_NONE;
      String prefix = "~" + sig;
      if (triple('"', i) || triple('\'', i)) {
        String close = s[i] == '"' ? "\"\"\"" : "'''";
        return quotedFrom(i + 3, prefix, close, mode != I_NONE, false, mode, 0, depth);
      }
      char open = s[i];
      if (!isDelimiter(open)) return false;
      return delimited(i + 1, prefix, open, closerOf(open), mode, 0, depth);
    }
    return false;
  }

  private boolean symbol() {
    if (pos + 1 >= n) return false;
    char d = s[pos + 1];
    if (pos > 0 && (isIdentPart(s[pos - 1]) || s[pos - 1] == ':')) return false;
    if (d == '"') {
      // :"..." on one line
      int end = pos + 2;
      while (end < n && s[end] != '"' && s[end] != '\n') end++;
      if (end >= n || s[end] == '\n') return false;
      int startLine = line;
      int from = pos + 2;
      pos = end + 1;
      emit(TokenKind.SYMBOL, text(from, end), startLine, ":", 0);
      return true;
    }
    if (!isIdentStart(d) || d == '$') return false;
    int i = pos + 1;
    while (i < n && isIdentPart(s[i])) i++;
    if (i < n && (s[i] == '?' || s[i] == '!')) i++;
    String name = text(pos + 1, i);
    pos = i;
    emit(TokenKind.SYMBOL, name, line, ":", 0);
    return true;
  }

  private boolean regex(int depth) {
    if (pos < regexFailUntil) return false;
    int i = pos + 1;
    boolean inClass = false;
    int limit = Math.min(n, pos + 2000);
    while (i < limit) {
      char ch = s[i];
      if (ch == '\n') {
        regexFailUntil = i;
        return false;
      }
      if (ch == '\\') {
        i += 2;
        continue;
      }
      if (ch == '[') inClass = true;
      else if (ch == ']') inClass = false;
      else if (ch == '/' && !inClass) break;
      i++;
    }
    if (i >= limit) {
      regexFailUntil = i;
      return false;
    }
    String body = text(pos + 1, i);
    mask(pos + 1, i);
    i++;
    while (i < n && Character.isLetter(s[i])) i++;
    pos = i;
    emit(TokenKind.STRING, body, line, "regex", 0);
    return true;
  }

  private static boolean isHeredocTrailer(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == ';' || c == ',' || c == ')';
  }

  private boolean heredoc(int markerStart, boolean php, int depth) {
    int i = markerStart;
    while (php && i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    boolean interp = true;
    char q = i < n ? s[i] : 0;
    if (q == '\'' || q == '"') {
      interp = q == '"';
      i++;
    } else {
      q = 0;
    }
    int idStart = i;
    while (i < n && isIdentPart(s[i])) i++;
    if (i == idStart) return false;
    String id = text(idStart, i);
    if (q != 0) {
      if (i >= n || s[i] != q) return false;
      i++;
    }
    int bodyStart;
    int bodyLine;
    if (heredocResume > pos) {
      bodyStart = heredocResume;
      bodyLine = heredocResumeLine;
    } else {
      int nl = lineEnd(i);
      if (nl >= n) return false;
      bodyStart = nl + 1;
      bodyLine = line + 1;
    }
    // find the terminator line
    int ls = bodyStart;
    int termStart = -1;
    int termEnd = n;
    int lines = 0;
    while (ls < n) {
      int le = lineEnd(ls);
      int a = ls;
      while (a < le && (s[a] == ' ' || s[a] == '\t')) a++;
      int b = le;
      while (b > a && isHeredocTrailer(s[b - 1])) b--;
      if (b - a == id.length() && at(id, a)) {
        termStart = ls;
        termEnd = le < n ? le + 1 : n;
        break;
      }
      lines++;
      ls = le + 1;
    }
    if (termStart < 0) {
      termStart = n;
      termEnd = n;
    }
    String prefix = text(pos, i);
    int afterMarker = i;
    int saveLine = line;
    boolean saveLs = lineStart;
    pos = bodyStart;
    line = bodyLine;
    int mode = interp ? (php ? I_PHP : I_HASH) : I_NONE;
    body(termStart, null, interp, mode, prefix, 0, depth);
    heredocResume = termEnd;
    heredocResumeLine = bodyLine + lines + 1;
    pos = afterMarker;
    line = saveLine;
    lineStart = saveLs;
    return true;
  }

  /**
   * A string whose opening delimiter (of {@code openLen} characters) is at pos and equals its
   * closing one, {@code close}.
   */
  private boolean quoted(String close, int openLen, boolean escapes, int mode, int flags, int depth) {
    return quotedFrom(pos + openLen, close, close, escapes, false, mode, flags, depth);
  }

  private boolean quotedFrom(int start, String prefix, String close, boolean escapes,
      boolean doubledQuote, int mode, int flags, int depth) {
    pos = start;
    body(n, close, escapes || doubledQuote, mode, prefix, flags | (doubledQuote ? DOUBLED : 0),
        depth);
    return true;
  }

  private boolean delimited(int start, String prefix, char open, char close, int mode, int flags,
      int depth) {
    pos = start;
    if (open == close) {
      body(n, oneChar(close), true, mode, prefix, flags, depth);
      return true;
    }
    // nesting delimiters: find the matching close first (no interpolation inside is tracked)
    int level = 1;
    int i = pos;
    while (i < n) {
      char ch = s[i];
      if (ch == '\\') {
        i += 2;
        continue;
      }
      if (ch == open) level++;
      else if (ch == close && --level == 0) break;
      i++;
    }
    int end = Math.min(i, n);
    body(end, null, true, mode, prefix, flags, depth);
    pos = Math.min(end + 1, n);
    return true;
  }

  /**
   * Scans string content from pos until {@code close} (or {@code end}), emitting literal fragments
   * and interpolations. Leaves pos after the closing delimiter.
   */
  private void body(int end, String close, boolean escapes, int mode, String prefix, int flags,
      int depth) {
    boolean doubled = (flags & DOUBLED) != 0;
    int f = flags & ~DOUBLED;
    boolean singleLine = !doubled && close != null && (close.equals("\"") || close.equals("'"))
        && lang != Language.RUBY && lang != Language.ELIXIR && lang != Language.PHP;
    char close0 = close == null ? 0 : close.charAt(0);
    boolean closeOne = close != null && close.length() == 1;
    int fragStart = pos;
    int fragLine = line;
    int bodyStart = pos;
    boolean interpolated = false;
    int firstIndex = out.size();
    while (pos < end) {
      char ch = s[pos];
      if (close != null && ch == close0 && (closeOne || at(close, pos))) {
        if (doubled && closeOne && pos + 1 < n && s[pos + 1] == close0) {
          pos += 2;
          continue;
        }
        break;
      }
      if (ch == '\n') {
        if (singleLine) break;
        line++;
        pos++;
        continue;
      }
      if (ch == '\\' && escapes && !doubled) {
        if (pos + 1 < n && s[pos + 1] == '\n') line++;
        pos += 2;
        continue;
      }
      if (mode != I_NONE) {
        int interpLen = interpolationAt(mode);
        if (interpLen > 0) {
          emitFragment(fragStart, pos, fragLine, prefix, f);
          interpolated = true;
          interpolation(mode, interpLen, depth, f);
          fragStart = pos;
          fragLine = line;
          continue;
        }
      }
      pos++;
    }
    if (pos > end) pos = end;
    mask(bodyStart, Math.min(pos, n));
    emitFragment(fragStart, Math.min(pos, n), fragLine, prefix, f);
    if (close != null && pos < n && at(close, pos)) pos += close.length();
    if (interpolated) {
      for (int k = firstIndex; k < out.size(); k++) {
        Token t = out.get(k);
        if (t.kind() == TokenKind.STRING) {
          out.set(k, new Token(t.kind(), t.text(), t.line(), t.endLine(), t.prefix(),
              t.flags() | Token.F_INTERPOLATED));
        }
      }
    } else if (out.size() == firstIndex) {
      emitRaw(TokenKind.STRING, "", fragLine, prefix, f);
    }
  }

  private void emitFragment(int from, int to, int fromLine, String prefix, int flags) {
    if (to <= from) return;
    emitRaw(TokenKind.STRING, text(from, to), fromLine, prefix, flags);
  }

  private void emitRaw(TokenKind kind, String text, int startLine, String prefix, int flags) {
    int f = flags;
    if (lineStart) f |= Token.F_LINE_START;
    if (spaceBefore) f |= Token.F_SPACE_BEFORE;
    out.add(new Token(kind, text, startLine, line, prefix, f));
    lineStart = false;
    spaceBefore = false;
  }

  /** @return length of the interpolation opener at pos, or 0 */
  private int interpolationAt(int mode) {
    char ch = s[pos];
    char d = pos + 1 < n ? s[pos + 1] : 0;
    switch (mode) {
      case I_HASH:
        return ch == '#' && d == '{' ? 2 : 0;
      case I_DOLLAR_BRACE:
        return ch == '$' && d == '{' ? 2 : 0;
      case I_BRACE:
        if (ch == '{') {
          if (d == '{') {
            pos++; // escaped brace: skip one, the loop skips the other
            return 0;
          }
          return 1;
        }
        return 0;
      case I_KOTLIN:
        if (ch == '$' && d == '{') return 2;
        if (ch == '$' && isIdentStart(d) && d != '$') return 1;
        return 0;
      case I_PHP:
        if (ch == '{' && d == '$') return 1;
        if (ch == '$' && d == '{') return 2;
        if (ch == '$' && isIdentStart(d) && d != '$') return 1;
        return 0;
      default:
        return 0;
    }
  }

  private void interpolation(int mode, int len, int depth, int flags) {
    int inFlags = (flags & Token.F_TAGGED) != 0 ? Token.F_IN_TAGGED : 0;
    boolean simpleVar = (mode == I_KOTLIN || mode == I_PHP) && s[pos] == '$' && len == 1;
    emitRaw(TokenKind.INTERP_START, len == 1 ? oneChar(s[pos]) : text(pos, pos + len), line, "",
        inFlags);
    pos += len;
    if (simpleVar) {
      int start = mode == I_PHP ? pos - 1 : pos;
      int i = pos;
      while (i < n && isIdentPart(s[i]) && s[i] != '$') i++;
      emitRaw(TokenKind.IDENTIFIER, text(start, i), line, "", inFlags);
      pos = i;
      if (mode == I_PHP && at("->", pos) && pos + 2 < n && isIdentStart(s[pos + 2])) {
        emitRaw(TokenKind.OPERATOR, "->", line, "", inFlags);
        int j = pos + 2;
        while (j < n && isIdentPart(s[j]) && s[j] != '$') j++;
        emitRaw(TokenKind.IDENTIFIER, text(pos + 2, j), line, "", inFlags);
        pos = j;
      }
      emitRaw(TokenKind.INTERP_END, "", line, "", inFlags);
      return;
    }
    int firstInner = out.size();
    if (depth + 1 >= MAX_DEPTH) {
      int level = 0;
      while (pos < n) {
        char ch = s[pos];
        if (ch == '\n') line++;
        if (ch == '{') level++;
        else if (ch == '}' && level-- == 0) break;
        pos++;
      }
    } else {
      code(depth + 1, true);
    }
    if (inFlags != 0) {
      for (int k = firstInner; k < out.size(); k++) {
        Token t = out.get(k);
        out.set(k, new Token(t.kind(), t.text(), t.line(), t.endLine(), t.prefix(),
            t.flags() | inFlags));
      }
    }
    if (pos < n && s[pos] == '}') pos++;
    emitRaw(TokenKind.INTERP_END, "}", line, "", inFlags);
  }

  // ---------------------------------------------------------------- words, numbers, operators

  private void identifier() {
    int start = pos;
    int i = pos;
    char c = s[i];
    if (c == '$' && lang == Language.PHP) i++;
    if (c == '@' && (lang == Language.RUBY || lang == Language.ELIXIR)) {
      i++;
      if (i < n && s[i] == '@') i++;
    }
    if (c == '$' && lang == Language.RUBY) i++;
    int hash = hash(start, i);
    while (i < n) {
      char ch = s[i];
      if (!isIdentPart(ch)) break;
      hash = 31 * hash + ch;
      i++;
    }
    if ((lang == Language.RUBY || lang == Language.ELIXIR) && i < n
        && (s[i] == '?' || s[i] == '!')
        && !(i + 1 < n && s[i + 1] == '=')) {
      hash = 31 * hash + s[i];
      i++;
    }
    if (i == start) {
      hash = s[i];
      i++;
    }
    String keyword = Keywords.find(lang, s, start, i, hash);
    pos = i;
    TokenKind kind;
    String word;
    if (keyword != null) {
      kind = TokenKind.KEYWORD;
      word = keyword;
    } else {
      kind = TokenKind.IDENTIFIER;
      word = name(start, i, hash);
      // a PHP/Ruby sigil alone is an operator; in JavaScript/TypeScript '$' alone is a name
      // (jQuery's $, as in $(selector).append(markup))
      if (i - start == 1 && (c == '$' && lang != Language.JAVASCRIPT && lang != Language.TYPESCRIPT
          || c == '@')) {
        kind = TokenKind.OPERATOR;
      }
    }
    emit(kind, word, line, "", 0);
  }

  private void number() {
    int start = pos;
    int i = pos;
    boolean hex = start + 1 < n && s[start] == '0' && s[start + 1] == 'x';
    while (i < n) {
      char ch = s[i];
      if (isIdentPart(ch) && ch != '$') {
        i++;
      } else if (ch == '.' && i + 1 < n && isDigit(s[i + 1])) {
        i++;
      } else if ((ch == '+' || ch == '-') && i > start && (s[i - 1] == 'e' || s[i - 1] == 'E')
          && !hex) {
        i++;
      } else {
        break;
      }
    }
    pos = i;
    emit(TokenKind.NUMBER, name(start, i, hash(start, i)), line, "", 0);
  }

  /** @return the text of a one-character token; shared instances for ASCII */
  private static String oneChar(char c) {
    return c < 128 ? ONE_CHAR[c] : String.valueOf(c);
  }

  private static boolean isOpChar(char c) {
    return c < 128 && (ASCII[c] & C_OP) != 0;
  }

  private void operator() {
    char c0 = s[pos];
    if (pos + 1 >= n || !isOpChar(c0) || !isOpChar(s[pos + 1])) {
      emit(TokenKind.OPERATOR, oneChar(c0), line, "", 0);
      pos++;
      return;
    }
    int pair = c0 * 128 + s[pos + 1];
    String[] threes = OP3[pair];
    if (threes != null && pos + 2 < n) {
      for (String op : threes) {
        if (s[pos + 2] == op.charAt(2)) {
          pos += 3;
          emit(TokenKind.OPERATOR, op, line, "", 0);
          return;
        }
      }
    }
    String two = OP2[pair];
    if (two != null
        && !(two.equals(".=") && lang != Language.PHP)
        && !(two.equals("<>") && lang != Language.ELIXIR && lang != Language.PHP)) {
      pos += 2;
      emit(TokenKind.OPERATOR, two, line, "", 0);
      return;
    }
    emit(TokenKind.OPERATOR, oneChar(c0), line, "", 0);
    pos++;
  }

  // ---------------------------------------------------------------- helpers

  private Token prevSignificant() {
    for (int i = out.size() - 1; i >= 0; i--) {
      Token t = out.get(i);
      if (t.kind() != TokenKind.COMMENT) return t;
    }
    return null;
  }

  /** @return true when the previous token ends a value (so '/' or '%' is an operator) */
  private boolean prevIsValue() {
    Token t = prevSignificant();
    if (t == null) return false;
    switch (t.kind()) {
      case IDENTIFIER:
      case NUMBER:
      case STRING:
      case SYMBOL:
      case INTERP_END:
        return true;
      case KEYWORD:
        switch (t.text()) {
          case "this": case "self": case "true": case "false": case "null": case "nil": case "end":
            return true;
          default:
            return false;
        }
      case OPERATOR:
        return t.text().equals(")") || t.text().equals("]") || t.text().equals("}");
      default:
        return false;
    }
  }

  private static boolean isLetter(char c) {
    return c < 128 ? (ASCII[c] & C_LETTER) != 0 : Character.isLetter(c);
  }

  private boolean isIdentStart(char c) {
    if (c == '_' || isLetter(c)) return true;
    if (c == '$') {
      return lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT || lang == Language.JAVA
          || lang == Language.UNKNOWN
          || ((lang == Language.PHP || lang == Language.RUBY) && pos + 1 < n
          && (isLetter(s[pos + 1]) || s[pos + 1] == '_'));
    }
    if (c == '@' && (lang == Language.RUBY || lang == Language.ELIXIR)) {
      return pos + 1 < n && (isLetter(s[pos + 1]) || s[pos + 1] == '_' || s[pos + 1] == '@');
    }
    return false;
  }

  private static boolean isIdentPart(char c) {
    if (c < 128) return c == '_' || c == '$' || (ASCII[c] & (C_LETTER | C_DIGIT)) != 0;
    return Character.isLetterOrDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDelimiter(char c) {
    return "([{<|/\"'!".indexOf(c) >= 0;
  }

  private static char closerOf(char open) {
    switch (open) {
      case '(': return ')';
      case '[': return ']';
      case '{': return '}';
      case '<': return '>';
      default: return open;
    }
  }
}
