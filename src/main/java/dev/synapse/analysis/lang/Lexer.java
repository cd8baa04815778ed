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
 * <p>Time is linear in the input; there are no regular expressions. Nesting of interpolations is
 * bounded ({@value #MAX_DEPTH}); deeper nesting is kept as literal text. Instances are confined to
 * one call of {@link #lex}; the class is thread-safe.
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

  private static final String[] OPS3 = {">>>", "===", "!==", "**=", "<<=", ">>=", "...", "<=>",
      "||=", "&&=", "??=", "<<<", "->>", "!~="};
  private static final String[] OPS2 = {"|>", "<>", "->", "=>", "::", "==", "!=", "<=", ">=", "&&",
      "||", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", ":=", "??", "?.", "?:",
      "**", "<-", "..", "<<", ">>", "!~", "=~", ".=", "<|", "~>"};

  private final String s;
  private final int n;
  private final Language lang;
  private final List<Token> out = new ArrayList<>();
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

  private Lexer(String s, int firstLine, Language lang) {
    this.s = s;
    this.n = s.length();
    this.line = firstLine;
    this.lang = lang;
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
    Lexer lx = new Lexer(text == null ? "" : text, firstLine, lang == null ? Language.UNKNOWN : lang);
    lx.code(0, false);
    return lx.out;
  }

  // ---------------------------------------------------------------- code

  /** Lexes code until the end, or (inInterp) until an unmatched '}' which is left unconsumed. */
  private void code(int depth, boolean inInterp) {
    int braces = 0;
    while (pos < n) {
      char c = s.charAt(pos);
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
      if (comment(c)) continue;
      if (string(c, depth)) continue;
      if (isIdentStart(c)) {
        identifier();
        continue;
      }
      if (isDigit(c) || (c == '.' && pos + 1 < n && isDigit(s.charAt(pos + 1)) && !prevIsValue())) {
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
        if (c == '=' && lineStart && s.startsWith("=begin", pos)) {
          int end = s.indexOf("\n=end", pos);
          blockCommentTo(end < 0 ? n : lineEnd(end + 1));
          return true;
        }
        return false;
      case PHP:
        if (c == '#' && !(pos + 1 < n && s.charAt(pos + 1) == '[')) {
          lineComment();
          return true;
        }
        // fall through to C-like comments
      default:
        if (c == '/' && pos + 1 < n) {
          char d = s.charAt(pos + 1);
          if (d == '/') {
            lineComment();
            return true;
          }
          if (d == '*') {
            int end = s.indexOf("*/", pos + 2);
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
      int close = s.indexOf("?>", pos);
      if (close >= 0 && close < end) end = close;
    }
    emit(TokenKind.COMMENT, s.substring(pos, end), line, "", 0);
    pos = end;
  }

  private void blockCommentTo(int end) {
    int start = pos;
    int startLine = line;
    for (int i = pos; i < end; i++) if (s.charAt(i) == '\n') line++;
    pos = end;
    emit(TokenKind.COMMENT, s.substring(start, end), startLine, "", 0);
  }

  private int lineEnd(int from) {
    if (from >= nlFrom && nlFrom >= 0 && from <= nlAt) return nlAt;
    int e = s.indexOf('\n', from);
    nlFrom = from;
    nlAt = e < 0 ? n : e;
    return nlAt;
  }

  // ---------------------------------------------------------------- strings

  private boolean string(char c, int depth) {
    switch (lang) {
      case JAVA:
        if (c == '"') {
          if (s.startsWith("\"\"\"", pos)) return quoted("\"\"\"", 3, true, I_NONE, 0, depth);
          return quoted("\"", 1, true, I_NONE, 0, depth);
        }
        if (c == '\'') return quoted("'", 1, true, I_NONE, 0, depth);
        return false;
      case KOTLIN:
        if (c == '"') {
          if (s.startsWith("\"\"\"", pos)) return quoted("\"\"\"", 3, false, I_KOTLIN, 0, depth);
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
    if (c == '"' || c == '\'') return quoted(String.valueOf(c), 1, true, I_NONE, 0, depth);
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
    if (s.startsWith("\"\"\"", pos)) return quoted("\"\"\"", 3, false, I_NONE, 0, depth);
    if (c == '"') return quoted("\"", 1, true, I_NONE, 0, depth);
    if (c == '$' || c == '@') {
      int i = pos + 1;
      boolean interp = c == '$';
      boolean verbatim = c == '@';
      if (i < n && (s.charAt(i) == '$' || s.charAt(i) == '@') && s.charAt(i) != c) {
        interp = true;
        verbatim = true;
        i++;
      }
      if (i < n && s.charAt(i) == '"') {
        String prefix = s.substring(pos, i + 1);
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
    if (c == '<' && s.startsWith("<<<", pos)) return heredoc(pos + 3, true, depth);
    if (c == '<' && s.startsWith("<?php", pos)) {
      pos += 5;
      return true;
    }
    if (c == '<' && s.startsWith("<?=", pos)) {
      pos += 3;
      emit(TokenKind.KEYWORD, "echo", line, "", 0);
      return true;
    }
    if (c == '?' && s.startsWith("?>", pos)) {
      pos += 2;
      inlineHtml();
      return true;
    }
    return false;
  }

  private void inlineHtml() {
    int start = pos;
    int startLine = line;
    int open = s.indexOf("<?", pos);
    int end = open < 0 ? n : open;
    for (int i = pos; i < end; i++) if (s.charAt(i) == '\n') line++;
    if (end > start) emit(TokenKind.STRING, s.substring(start, end), startLine, "html", 0);
    pos = end;
    if (open >= 0) {
      if (s.startsWith("<?=", open)) {
        pos = open + 3;
        emit(TokenKind.KEYWORD, "echo", line, "", 0);
      } else if (s.startsWith("<?php", open)) {
        pos = open + 5;
      } else {
        pos = open + 2;
      }
    }
  }

  private boolean pythonString(char c, int depth) {
    int i = pos;
    boolean raw = false;
    boolean fmt = false;
    while (i < n && i - pos < 2 && "rRbBuUfF".indexOf(s.charAt(i)) >= 0) {
      char p = Character.toLowerCase(s.charAt(i));
      if (p == 'r') raw = true;
      if (p == 'f') fmt = true;
      i++;
    }
    if (i >= n) return false;
    char q = s.charAt(i);
    if (q != '"' && q != '\'') return false;
    if (i > pos && pos > 0 && isIdentPart(s.charAt(pos - 1))) return false;
    String close = s.startsWith(String.valueOf(q).repeat(3), i) ? String.valueOf(q).repeat(3)
        : String.valueOf(q);
    String prefix = s.substring(pos, i) + close;
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
      char kind = s.charAt(i);
      if ("qQwWiIxrs".indexOf(kind) >= 0) i++;
      else kind = 'Q';
      if (i < n && isDelimiter(s.charAt(i))) {
        char open = s.charAt(i);
        char close = closerOf(open);
        boolean interp = kind == 'Q' || kind == 'W' || kind == 'I' || kind == 'x' || kind == 'r';
        int flags = kind == 'x' ? Token.F_COMMAND : 0;
        return delimited(i + 1, s.substring(pos, i + 1), open, close, interp ? I_HASH : I_NONE,
            flags, depth);
      }
      return false;
    }
    if (c == '<' && s.startsWith("<<", pos) && !prevIsValue()) {
      int i = pos + 2;
      if (i < n && (s.charAt(i) == '~' || s.charAt(i) == '-')) i++;
      if (i < n && (Character.isUpperCase(s.charAt(i)) || s.charAt(i) == '\'' || s.charAt(i) == '"'
          || s.charAt(i) == '_')) {
        return heredoc(i, false, depth);
      }
    }
    if (c == '/' && !prevIsValue()) return regex(depth);
    return false;
  }

  private boolean elixirString(char c, int depth) {
    if (c == '"') {
      if (s.startsWith("\"\"\"", pos)) return quoted("\"\"\"", 3, true, I_HASH, 0, depth);
      return quoted("\"", 1, true, I_HASH, 0, depth);
    }
    if (c == '\'') {
      if (s.startsWith("'''", pos)) return quoted("'''", 3, true, I_HASH, 0, depth);
      return quoted("'", 1, true, I_HASH, 0, depth);
    }
    if (c == ':' && symbol()) return true;
    if (c == '~' && pos + 2 < n && Character.isLetter(s.charAt(pos + 1))) {
      char sig = s.charAt(pos + 1);
      int i = pos + 2;
      while (i < n && Character.isUpperCase(s.charAt(i)) && Character.isUpperCase(sig)) i++;
      if (i >= n) return false;
      int mode = Character.isLowerCase(sig) ? I_HASH : I_NONE;
      String prefix = "~" + sig;
      if (s.startsWith("\"\"\"", i) || s.startsWith("'''", i)) {
        String close = s.substring(i, i + 3);
        return quotedFrom(i + 3, prefix, close, mode != I_NONE, false, mode, 0, depth);
      }
      char open = s.charAt(i);
      if (!isDelimiter(open)) return false;
      return delimited(i + 1, prefix, open, closerOf(open), mode, 0, depth);
    }
    return false;
  }

  private boolean symbol() {
    if (pos + 1 >= n) return false;
    char d = s.charAt(pos + 1);
    if (pos > 0 && (isIdentPart(s.charAt(pos - 1)) || s.charAt(pos - 1) == ':')) return false;
    if (d == '"') {
      int save = pos;
      int startLine = line;
      pos += 2;
      int end = s.indexOf('"', pos);
      if (end < 0 || s.substring(pos, end).indexOf('\n') >= 0) {
        pos = save;
        return false;
      }
      pos = end + 1;
      emit(TokenKind.SYMBOL, s.substring(save + 2, end), startLine, ":", 0);
      return true;
    }
    if (!isIdentStart(d) || d == '$') return false;
    int i = pos + 1;
    while (i < n && isIdentPart(s.charAt(i))) i++;
    if (i < n && (s.charAt(i) == '?' || s.charAt(i) == '!')) i++;
    String name = s.substring(pos + 1, i);
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
      char ch = s.charAt(i);
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
    String body = s.substring(pos + 1, i);
    i++;
    while (i < n && Character.isLetter(s.charAt(i))) i++;
    pos = i;
    emit(TokenKind.STRING, body, line, "regex", 0);
    return true;
  }

  private boolean heredoc(int markerStart, boolean php, int depth) {
    int i = markerStart;
    while (php && i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
    boolean interp = true;
    char q = i < n ? s.charAt(i) : 0;
    if (q == '\'' || q == '"') {
      interp = q == '"';
      i++;
    } else {
      q = 0;
    }
    int idStart = i;
    while (i < n && isIdentPart(s.charAt(i))) i++;
    if (i == idStart) return false;
    String id = s.substring(idStart, i);
    if (q != 0) {
      if (i >= n || s.charAt(i) != q) return false;
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
      while (a < le && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) a++;
      int b = le;
      while (b > a && " \t\r;,)".indexOf(s.charAt(b - 1)) >= 0) b--;
      if (b - a == id.length() && s.startsWith(id, a)) {
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
    String prefix = s.substring(pos, i);
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

  private boolean quoted(String close, int openLen, boolean escapes, int mode, int flags, int depth) {
    String prefix = openLen == 1 ? oneChar(s.charAt(pos)) : s.substring(pos, pos + openLen);
    return quotedFrom(pos + openLen, prefix, close, escapes, false, mode, flags, depth);
  }

  private boolean quotedFrom(int start, String prefix, String close, boolean escapes,
      boolean doubledQuote, int mode, int flags, int depth) {
    pos = start;
    body(n, close, escapes || doubledQuote, mode, prefix, flags | (doubledQuote ? 64 : 0), depth);
    return true;
  }

  private boolean delimited(int start, String prefix, char open, char close, int mode, int flags,
      int depth) {
    pos = start;
    if (open == close) {
      body(n, String.valueOf(close), true, mode, prefix, flags, depth);
      return true;
    }
    // nesting delimiters: find the matching close first (no interpolation inside is tracked)
    int level = 1;
    int i = pos;
    while (i < n) {
      char ch = s.charAt(i);
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
    boolean doubled = (flags & 64) != 0;
    int f = flags & ~64;
    boolean singleLine = !doubled && close != null && (close.equals("\"") || close.equals("'"))
        && lang != Language.RUBY && lang != Language.ELIXIR && lang != Language.PHP;
    int fragStart = pos;
    int fragLine = line;
    boolean interpolated = false;
    int firstIndex = out.size();
    while (pos < end) {
      char ch = s.charAt(pos);
      if (close != null && s.startsWith(close, pos)) {
        if (doubled && close.length() == 1 && pos + 1 < n && s.charAt(pos + 1) == close.charAt(0)) {
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
        if (pos + 1 < n && s.charAt(pos + 1) == '\n') line++;
        pos += 2;
        continue;
      }
      int interpLen = interpolationAt(mode);
      if (interpLen > 0) {
        emitFragment(fragStart, pos, fragLine, prefix, f);
        interpolated = true;
        interpolation(mode, interpLen, depth, f);
        fragStart = pos;
        fragLine = line;
        continue;
      }
      pos++;
    }
    if (pos > end) pos = end;
    emitFragment(fragStart, Math.min(pos, n), fragLine, prefix, f);
    if (close != null && pos < n && s.startsWith(close, pos)) pos += close.length();
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
    emitRaw(TokenKind.STRING, s.substring(from, to), fromLine, prefix, flags);
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
    char ch = s.charAt(pos);
    char d = pos + 1 < n ? s.charAt(pos + 1) : 0;
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
    boolean simpleVar = (mode == I_KOTLIN || mode == I_PHP) && s.charAt(pos) == '$'
        && len == 1;
    emitRaw(TokenKind.INTERP_START, s.substring(pos, pos + len), line, "", inFlags);
    pos += len;
    if (simpleVar) {
      int start = mode == I_PHP ? pos - 1 : pos;
      int i = pos;
      while (i < n && isIdentPart(s.charAt(i)) && s.charAt(i) != '$') i++;
      emitRaw(TokenKind.IDENTIFIER, s.substring(start, i), line, "", inFlags);
      pos = i;
      if (mode == I_PHP && s.startsWith("->", pos) && pos + 2 < n && isIdentStart(s.charAt(pos + 2))) {
        emitRaw(TokenKind.OPERATOR, "->", line, "", inFlags);
        int j = pos + 2;
        while (j < n && isIdentPart(s.charAt(j)) && s.charAt(j) != '$') j++;
        emitRaw(TokenKind.IDENTIFIER, s.substring(pos + 2, j), line, "", inFlags);
        pos = j;
      }
      emitRaw(TokenKind.INTERP_END, "", line, "", inFlags);
      return;
    }
    int firstInner = out.size();
    if (depth + 1 >= MAX_DEPTH) {
      int level = 0;
      while (pos < n) {
        char ch = s.charAt(pos);
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
    if (pos < n && s.charAt(pos) == '}') pos++;
    emitRaw(TokenKind.INTERP_END, "}", line, "", inFlags);
  }

  // ---------------------------------------------------------------- words, numbers, operators

  private void identifier() {
    int start = pos;
    int i = pos;
    char c = s.charAt(i);
    if (c == '$' && lang == Language.PHP) i++;
    if (c == '@' && (lang == Language.RUBY || lang == Language.ELIXIR)) {
      i++;
      if (i < n && s.charAt(i) == '@') i++;
    }
    if (c == '$' && lang == Language.RUBY) i++;
    while (i < n && isIdentPart(s.charAt(i))) i++;
    if ((lang == Language.RUBY || lang == Language.ELIXIR) && i < n
        && (s.charAt(i) == '?' || s.charAt(i) == '!')
        && !(i + 1 < n && s.charAt(i + 1) == '=')) {
      i++;
    }
    if (i == start) i++;
    String keyword = Keywords.find(lang, s, start, i);
    String word = keyword != null ? keyword : s.substring(start, i);
    pos = i;
    // Python string prefixes were handled before; a PHP/Ruby sigil alone is an operator
    TokenKind kind = keyword != null ? TokenKind.KEYWORD : TokenKind.IDENTIFIER;
    if (word.length() == 1 && (c == '$' || c == '@') && !Character.isLetter(c)) {
      kind = TokenKind.OPERATOR;
    }
    emit(kind, word, line, "", 0);
  }

  private void number() {
    int start = pos;
    int i = pos;
    while (i < n) {
      char ch = s.charAt(i);
      if (isIdentPart(ch) && ch != '$') {
        i++;
      } else if (ch == '.' && i + 1 < n && isDigit(s.charAt(i + 1))) {
        i++;
      } else if ((ch == '+' || ch == '-') && i > start
          && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E') && !s.startsWith("0x", start)) {
        i++;
      } else {
        break;
      }
    }
    pos = i;
    emit(TokenKind.NUMBER, s.substring(start, i), line, "", 0);
  }

  private static final String OP_CHARS = "=<>!&|+-*/%^.:?~@\\";

  /** One-character texts of ASCII characters, interned (the same instances as source literals). */
  private static final String[] ONE_CHAR = new String[128];

  static {
    for (int c = 0; c < 128; c++) ONE_CHAR[c] = String.valueOf((char) c).intern();
  }

  /** @return the text of a one-character token; shared instances for ASCII */
  private static String oneChar(char c) {
    return c < 128 ? ONE_CHAR[c] : String.valueOf(c);
  }

  private void operator() {
    char c0 = s.charAt(pos);
    if (pos + 1 >= n || OP_CHARS.indexOf(c0) < 0 || OP_CHARS.indexOf(s.charAt(pos + 1)) < 0) {
      emit(TokenKind.OPERATOR, oneChar(c0), line, "", 0);
      pos++;
      return;
    }
    for (String op : OPS3) {
      if (s.startsWith(op, pos)) {
        pos += 3;
        emit(TokenKind.OPERATOR, op, line, "", 0);
        return;
      }
    }
    for (String op : OPS2) {
      if (s.startsWith(op, pos)) {
        if (op.equals(".=") && lang != Language.PHP) continue;
        if (op.equals("<>") && lang != Language.ELIXIR && lang != Language.PHP) continue;
        pos += 2;
        emit(TokenKind.OPERATOR, op, line, "", 0);
        return;
      }
    }
    emit(TokenKind.OPERATOR, oneChar(s.charAt(pos)), line, "", 0);
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
        return t.text().equals("this") || t.text().equals("self") || t.text().equals("true")
            || t.text().equals("false") || t.text().equals("null") || t.text().equals("nil")
            || t.text().equals("end");
      case OPERATOR:
        return t.text().equals(")") || t.text().equals("]") || t.text().equals("}");
      default:
        return false;
    }
  }

  private boolean isIdentStart(char c) {
    if (c == '_' || Character.isLetter(c)) return true;
    if (c == '$') {
      return lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT || lang == Language.JAVA
          || lang == Language.UNKNOWN
          || ((lang == Language.PHP || lang == Language.RUBY) && pos + 1 < n
          && (Character.isLetter(s.charAt(pos + 1)) || s.charAt(pos + 1) == '_'));
    }
    if (c == '@' && (lang == Language.RUBY || lang == Language.ELIXIR)) {
      return pos + 1 < n && (Character.isLetter(s.charAt(pos + 1)) || s.charAt(pos + 1) == '_'
          || s.charAt(pos + 1) == '@');
    }
    return false;
  }

  private static boolean isIdentPart(char c) {
    return c == '_' || c == '$' || Character.isLetterOrDigit(c);
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
