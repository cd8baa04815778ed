package dev.synapse.analysis.performance;

import dev.synapse.analysis.performance.FileView.Function;
import dev.synapse.analysis.performance.FileView.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds function declarations and their bodies on one side of a file's diff, per language:
 * brace matching for Java, Kotlin, JavaScript, TypeScript, Go, PHP and C#; indentation (with
 * {@code end}) for Python, Ruby and Elixir. A hunk that starts inside a function takes the
 * function's name from the hunk header. Nested functions belong to their outer function.
 * Linear in the number of rows (headers look ahead at most {@link #MAX_HEADER_ROWS} rows).
 */
final class Segmenter {
  /** Rows a multi-line declaration header may span. */
  static final int MAX_HEADER_ROWS = 12;

  private static final WordSet NOT_NAMES = WordSet.of(
      "if", "for", "while", "switch", "catch", "synchronized", "return", "new", "throw", "else",
      "try", "using", "lock", "foreach", "fixed", "when", "nameof", "typeof", "sizeof",
      "default", "checked", "unchecked", "super", "this", "function", "elseif", "match", "do",
      "await", "yield", "with", "case", "assert", "delete", "void", "in", "of", "instanceof",
      "and", "or", "not", "unless", "until", "import", "require", "include", "echo", "print",
      "isset", "empty", "list", "array", "fn", "func", "go", "defer", "select", "range", "make",
      "panic");
  private static final WordSet JAVA_BAD_PREFIX = WordSet.of(
      "return", "new", "throw", "else", "await", "yield", "case", "goto", "break", "continue",
      "assert", "import", "package", "var", "val", "let", "const");
  private static final WordSet JS_MODIFIERS = WordSet.of(
      "async", "static", "get", "set", "public", "private", "protected", "readonly", "override",
      "abstract", "export", "default", "*", "declare");

  private Segmenter() {}

  /** Body layout of a declaration. */
  private enum Body { BRACE, INDENT, ONE_LINE }

  /** A recognised declaration header. */
  private record Decl(String name, Body body, int bodyRow, int bodyCol, int indent) {}

  /**
   * @param v the file view (rows already masked and tokenised)
   * @param newSide which side to segment
   * @return the functions in order of appearance
   */
  static List<Function> segment(FileView v, boolean newSide) {
    List<Function> out = new ArrayList<>();
    if (v.lang == SourceLanguage.UNKNOWN) return out;
    int[] side = new int[v.rows.size()];
    int count = 0;
    for (int i = 0; i < v.rows.size(); i++) {
      Row r = v.rows.get(i);
      if (newSide ? r.onNewSide() : r.onOldSide()) side[count++] = i;
    }
    side = java.util.Arrays.copyOf(side, count);
    int p = 0;
    int lastHunk = -1;
    while (p < side.length) {
      Row r = v.rows.get(side[p]);
      if (r.hunk() != lastHunk) {
        lastHunk = r.hunk();
        int end = sectionFunction(v, side, p, newSide, out);
        if (end >= p) {
          p = end + 1;
          continue;
        }
      }
      Decl d = declAt(v, side, p);
      if (d == null) {
        p++;
        continue;
      }
      if (d.bodyRow() < 0) d = new Decl(d.name(), d.body(), p, d.bodyCol(), d.indent());
      int[] end = d.body() == Body.BRACE ? braceEnd(v, side, d)
          : d.body() == Body.ONE_LINE ? new int[] {p, 1} : indentEnd(v, side, p, d);
      out.add(new Function(d.name(), side[p], side[p], side[end[0]], end[1] == 1, newSide));
      p = end[0] + 1;
    }
    return out;
  }

  /**
   * Handles the rows at the start of a hunk that belong to the function named in the hunk
   * header. Returns the last side index of that function, or -1 when there is none.
   */
  private static int sectionFunction(FileView v, int[] side, int p, boolean newSide, List<Function> out) {
    int hunkIndex = v.rows.get(side[p]).hunk();
    if (v.sections.get(hunkIndex).isBlank()) return -1;
    String name = declName(v.lang, v.sectionToks.get(hunkIndex));
    if (name == null) return -1;
    if (declAt(v, side, p) != null) return -1;
    int hunk = v.rows.get(side[p]).hunk();
    int last = p;
    if (v.lang.braces()) {
      int depth = 1;
      for (int q = p; q < side.length && v.rows.get(side[q]).hunk() == hunk; q++) {
        last = q;
        depth += braceDelta(v.rows.get(side[q]).code());
        if (depth <= 0) break;
      }
    } else {
      int minIndent = Integer.MAX_VALUE;
      for (int q = p; q < side.length && v.rows.get(side[q]).hunk() == hunk; q++) {
        Row r = v.rows.get(side[q]);
        if (r.blank()) {
          last = q;
          continue;
        }
        if (minIndent != Integer.MAX_VALUE && r.indent() < minIndent) {
          if (startsWithEnd(r)) last = q;
          break;
        }
        if (q > p && declAt(v, side, q) != null) break;
        minIndent = Math.min(minIndent, r.indent());
        last = q;
      }
    }
    out.add(new Function(name, -1, side[p], side[last], false, newSide));
    return last;
  }

  private static boolean startsWithEnd(Row r) {
    return !r.toks().isEmpty() && (r.toks().is(0, "end") || r.toks().is(0, "}"));
  }

  private static int braceDelta(String code) {
    int d = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '{') d++;
      else if (c == '}') d--;
    }
    return d;
  }

  /** Finds the closing brace of a BRACE body: {end side index, complete ? 1 : 0}. */
  private static int[] braceEnd(FileView v, int[] side, Decl d) {
    int hunk = v.rows.get(side[d.bodyRow()]).hunk();
    int depth = 0;
    int q = d.bodyRow();
    for (; q < side.length && v.rows.get(side[q]).hunk() == hunk; q++) {
      String code = v.rows.get(side[q]).code();
      int from = q == d.bodyRow() ? d.bodyCol() : 0;
      for (int i = from; i < code.length(); i++) {
        char c = code.charAt(i);
        if (c == '{') depth++;
        else if (c == '}') {
          depth--;
          if (depth == 0) return new int[] {q, 1};
        }
      }
    }
    return new int[] {q - 1, 0};
  }

  /** Finds the end of an INDENT body: {end side index, complete ? 1 : 0}. */
  private static int[] indentEnd(FileView v, int[] side, int declPos, Decl d) {
    int hunk = v.rows.get(side[declPos]).hunk();
    int last = d.bodyRow();
    int lastNonBlank = last;
    for (int q = d.bodyRow() + 1; q < side.length; q++) {
      Row r = v.rows.get(side[q]);
      if (r.hunk() != hunk) return new int[] {lastNonBlank, 0};
      if (r.blank()) {
        last = q;
        continue;
      }
      if (r.indent() <= d.indent()) {
        if (r.indent() == d.indent() && (startsWithEnd(r) || r.toks().is(0, ")"))) return new int[] {q, 1};
        return new int[] {lastNonBlank, 1};
      }
      last = q;
      lastNonBlank = q;
    }
    return new int[] {lastNonBlank, 0};
  }

  /** Recognises a declaration header starting at side index {@code p}. */
  private static Decl declAt(FileView v, int[] side, int p) {
    Row first = v.rows.get(side[p]);
    String name = declName(v.lang, first.toks());
    if (name == null) return callbackAt(v, first);
    int indent = first.indent();
    int hunk = first.hunk();
    // Scan the header: parentheses must balance, then the body opener decides.
    int depth = 0;
    boolean sawParen = false;
    for (int q = p; q < side.length && q < p + MAX_HEADER_ROWS; q++) {
      Row r = v.rows.get(side[q]);
      if (r.hunk() != hunk) return null;
      Toks toks = r.toks();
      for (int k = 0; k < toks.size(); k++) {
        if (toks.is(k, "(") || toks.is(k, "[")) {
          depth++;
          sawParen = true;
          continue;
        }
        if (toks.is(k, ")") || toks.is(k, "]")) {
          depth--;
          continue;
        }
        if (depth > 0) continue;
        switch (v.lang) {
          case PYTHON -> {
            if (toks.is(k, ":") && sawParen) return new Decl(name, Body.INDENT, q, toks.col(k), indent);
          }
          case RUBY -> {
            if (endlessOrOneLine(toks)) return new Decl(name, Body.ONE_LINE, p, 0, indent);
            return new Decl(name, Body.INDENT, p, 0, indent);
          }
          case ELIXIR -> {
            if (toks.is(k, "do") || (toks.is(k, ",") && k + 1 < toks.size() && toks.is(k + 1, "do"))) {
              return new Decl(name, Body.INDENT, p, 0, indent);
            }
            if (k == toks.size() - 1 && q > p) return new Decl(name, Body.INDENT, p, 0, indent);
          }
          default -> {
            if (!sawParen) break;
            if (toks.is(k, "{")) return new Decl(name, Body.BRACE, q, toks.col(k), indent);
            if (toks.is(k, ";")) return null;
            if (toks.is(k, "=>") || (toks.is(k, "=") && v.lang == SourceLanguage.KOTLIN)) {
              if (k + 1 < toks.size() && toks.is(k + 1, "{")) {
                return new Decl(name, Body.BRACE, q, toks.col(k + 1), indent);
              }
              if (k + 1 == toks.size() && q + 1 < side.length) {
                Row next = v.rows.get(side[q + 1]);
                if (!next.toks().isEmpty() && next.toks().is(0, "{")) {
                  return new Decl(name, Body.BRACE, q + 1, next.toks().col(0), indent);
                }
              }
              return new Decl(name, Body.INDENT, q, 0, indent);
            }
            if (toks.is(k, "=") && !v.lang.js()) return null;
          }
        }
      }
      if (v.lang == SourceLanguage.ELIXIR && depth == 0 && sawParen && q == p) {
        // "def name(args)" followed by a "do" on a later row is handled above; a bodiless head
        // (protocol/behaviour declaration) has no do at all.
        Toks toks2 = r.toks();
        boolean hasDo = false;
        for (int k = 0; k < toks2.size(); k++) if (toks2.is(k, "do")) hasDo = true;
        if (!hasDo && q + 1 < side.length) {
          Row next = v.rows.get(side[q + 1]);
          if (next.indent() <= indent) return null;
        }
      }
      if (v.lang == SourceLanguage.ELIXIR && !sawParen && q == p) {
        return new Decl(name, Body.INDENT, p, 0, indent);
      }
    }
    return null;
  }

  /**
   * An anonymous function passed as an argument whose block body opens at the end of the row,
   * such as an Express route handler ({@code app.get('/x', async (req, res) => ...}) or a Go
   * {@code http.HandleFunc("/", func(w, r) ...}. Named after the call it is passed to, e.g.
   * {@code app.get callback}. JavaScript, TypeScript and Go only.
   */
  private static Decl callbackAt(FileView v, Row row) {
    if (!(v.lang.js() || v.lang == SourceLanguage.GO)) return null;
    Toks t = row.toks();
    int n = t.size();
    if (n < 4 || !t.is(n - 1, "{")) return null;
    boolean opener;
    if (v.lang == SourceLanguage.GO) {
      opener = false;
      for (int k = 1; k < n - 1 && !opener; k++) opener = t.is(k, "func") && t.is(k + 1, "(");
    } else {
      opener = t.is(n - 2, "=>") || functionKeywordBefore(t, n - 1);
    }
    if (!opener) return null;
    // the callee: identifier (with receiver) before the first parenthesis left open on this row
    int depth = 0;
    int open = -1;
    for (int k = n - 1; k >= 0; k--) {
      if (t.is(k, ")")) depth++;
      else if (t.is(k, "(")) {
        if (depth == 0) open = k;
        else depth--;
      }
    }
    if (open < 1 || !t.ident(open - 1) || NOT_NAMES.contains(t, open - 1)) return null;
    String callee = t.text(open - 1);
    if (open >= 3 && (t.is(open - 2, ".") || t.is(open - 2, "?.")) && t.ident(open - 3)) {
      callee = t.text(open - 3) + "." + callee;
    }
    return new Decl(callee + " callback", Body.BRACE, -1, t.col(n - 1), row.indent());
  }

  private static boolean functionKeywordBefore(Toks t, int brace) {
    if (brace < 1 || !t.is(brace - 1, ")")) return false;
    int depth = 0;
    for (int k = brace - 1; k >= 0; k--) {
      if (t.is(k, ")")) depth++;
      else if (t.is(k, "(") && --depth == 0) {
        return k >= 1 && (t.is(k - 1, "function") || k >= 2 && t.is(k - 2, "function"));
      }
    }
    return false;
  }

  /**
   * Recognises the first line of a function declaration from its tokens.
   *
   * @return the function's simple name, or null when the tokens do not start a declaration
   */
  static String declName(SourceLanguage lang, Toks t) {
    if (t.isEmpty()) return null;
    return switch (lang) {
      case PYTHON -> pythonDecl(t);
      case RUBY -> rubyDecl(t);
      case ELIXIR -> elixirDecl(t);
      case GO -> goDecl(t);
      case PHP -> phpDecl(t);
      case KOTLIN -> kotlinDecl(t);
      case JAVASCRIPT, TYPESCRIPT -> jsDecl(t);
      case JAVA, CSHARP -> javaDecl(t);
      default -> null;
    };
  }

  private static String pythonDecl(Toks t) {
    int i = t.is(0, "async") ? 1 : 0;
    if (t.size() > i + 2 && t.is(i, "def") && t.ident(i + 1) && t.is(i + 2, "(")) {
      return t.text(i + 1);
    }
    return null;
  }

  private static final WordSet RUBY_VISIBILITY = WordSet.of("private", "protected", "public",
      "module_function", "private_class_method");

  private static String rubyDecl(Toks t) {
    int i = 0;
    while (i < t.size() && RUBY_VISIBILITY.contains(t, i)) i++;
    if (t.size() < i + 2 || !t.is(i, "def")) return null;
    if (t.size() >= i + 4 && t.is(i + 2, ".") && t.ident(i + 3)) return t.text(i + 3);
    return t.ident(i + 1) ? t.text(i + 1) : null;
  }

  /** Ruby {@code def x = expr} (endless) or {@code def x; …; end} on one line. */
  private static boolean endlessOrOneLine(Toks t) {
    int depth = 0;
    for (int k = 0; k < t.size(); k++) {
      if (t.is(k, "(")) depth++;
      else if (t.is(k, ")")) depth--;
      else if (depth == 0 && k > 1 && t.is(k, "=")) return true;
    }
    return t.size() > 2 && t.is(t.size() - 1, "end");
  }

  private static String elixirDecl(Toks t) {
    if (t.size() < 2) return null;
    if (!(t.is(0, "def") || t.is(0, "defp") || t.is(0, "defmacro") || t.is(0, "defmacrop"))) return null;
    return t.ident(1) ? t.text(1) : null;
  }

  private static String goDecl(Toks t) {
    if (!t.is(0, "func") || t.size() < 3) return null;
    int i = 1;
    if (t.is(1, "(")) {
      int depth = 0;
      for (; i < t.size(); i++) {
        if (t.is(i, "(")) depth++;
        else if (t.is(i, ")") && --depth == 0) break;
      }
      i++;
    }
    if (i + 1 < t.size() && t.ident(i) && (t.is(i + 1, "(") || t.is(i + 1, "["))) {
      return t.text(i);
    }
    return null;
  }

  private static String phpDecl(Toks t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.is(i, "(")) return null;
      if (t.is(i, "function")) {
        int j = i + 1;
        if (j < t.size() && t.is(j, "&")) j++;
        if (j + 1 < t.size() && t.ident(j) && t.is(j + 1, "(")) return t.text(j);
        return null;
      }
    }
    return null;
  }

  private static String kotlinDecl(Toks t) {
    int fun = -1;
    for (int i = 0; i < t.size(); i++) {
      if (t.is(i, "fun")) {
        fun = i;
        break;
      }
      if (t.is(i, "(") || t.is(i, "=")) return null;
    }
    if (fun < 0) return null;
    int depth = 0;
    for (int i = fun + 1; i < t.size(); i++) {
      if (t.is(i, "<")) depth++;
      else if (t.is(i, ">")) depth--;
      else if (t.is(i, "(") && depth == 0) {
        return t.ident(i - 1) && !t.is(i - 1, "fun") ? t.text(i - 1) : null;
      }
    }
    return null;
  }

  private static String jsDecl(Toks t) {
    int i = 0;
    while (i < t.size() && JS_MODIFIERS.contains(t, i)) i++;
    if (i >= t.size()) return null;
    // function name(   /   function* name(
    if (t.is(i, "function")) {
      int j = i + 1;
      if (j < t.size() && t.is(j, "*")) j++;
      if (j + 1 < t.size() && t.ident(j) && t.is(j + 1, "(")) return t.text(j);
      return null;
    }
    // const name = [async] function | (...) => | x =>
    if ((t.is(i, "const") || t.is(i, "let") || t.is(i, "var")) && i + 2 < t.size() && t.ident(i + 1)) {
      int j = i + 2;
      if (t.is(j, ":")) {
        // type annotation: skip to "="
        while (j < t.size() && !t.is(j, "=")) j++;
      }
      if (j + 1 < t.size() && t.is(j, "=")) return functionValue(t, j + 1) ? t.text(i + 1) : null;
      return null;
    }
    // class field: name = [async] (...) =>
    if (t.ident(i) && i + 2 < t.size() && t.is(i + 1, "=") && functionValue(t, i + 2)
        && i > 0) {
      return t.text(i);
    }
    if (t.ident(i) && i + 2 < t.size() && t.is(i + 1, "=") && functionValue(t, i + 2)
        && t.col(i) > 0 && !NOT_NAMES.contains(t, i)) {
      return t.text(i);
    }
    // method shorthand: name(...) {   (only modifiers before the name)
    if (t.ident(i) && !NOT_NAMES.contains(t, i) && i + 1 < t.size()
        && (t.is(i + 1, "(") || t.is(i + 1, "<"))) {
      return t.text(i);
    }
    return null;
  }

  /** @return true when the tokens from {@code j} start a function value: [async] function / (...) => / x => */
  private static boolean functionValue(Toks t, int j) {
    if (j < t.size() && t.is(j, "async")) j++;
    if (j >= t.size()) return false;
    if (t.is(j, "function")) return true;
    if (t.ident(j) && j + 1 < t.size() && t.is(j + 1, "=>")) return true;
    if (t.is(j, "(") || t.is(j, "<")) {
      int depth = 0;
      for (int k = j; k < t.size(); k++) {
        if (t.is(k, "(")) depth++;
        else if (t.is(k, ")")) depth--;
        else if (t.is(k, "=>") && depth == 0) return true;
      }
      // parameters continue on the next line: accept only "(" at the end of the line
      return depth > 0 && t.is(t.size() - 1, "(") || depth > 0 && t.is(j, "(") && t.size() - j <= 2;
    }
    return false;
  }

  private static String javaDecl(Toks t) {
    int i = 0;
    // leading annotations / attributes: @Foo, @Foo(...), [Attr]
    while (i < t.size() && (t.is(i, "@") || t.is(i, "["))) {
      if (t.is(i, "[")) {
        int depth = 0;
        for (; i < t.size(); i++) {
          if (t.is(i, "[")) depth++;
          else if (t.is(i, "]") && --depth == 0) break;
        }
        i++;
        continue;
      }
      i += 2;
      while (i < t.size() && t.is(i, ".")) i += 2;
      if (i < t.size() && t.is(i, "(")) {
        int depth = 0;
        for (; i < t.size(); i++) {
          if (t.is(i, "(")) depth++;
          else if (t.is(i, ")") && --depth == 0) break;
        }
        i++;
      }
    }
    int start = i;
    if (start >= t.size() || t.is(start, "}")) return null;
    for (int p = start; p < t.size(); p++) {
      if (t.is(p, "(")) {
        if (p - 1 < start + 1) return null;
        if (!t.ident(p - 1) || NOT_NAMES.contains(t, p - 1)) return null;
        if (!(t.ident(p - 2) || t.is(p - 2, ">") || t.is(p - 2, "]") || t.is(p - 2, "?"))) return null;
        for (int k = start; k < p - 1; k++) {
          if (JAVA_BAD_PREFIX.contains(t, k) || NOT_NAMES.contains(t, k) && !t.is(k, "default")) return null;
        }
        return t.text(p - 1);
      }
      if (t.is(p, "=") || t.is(p, ";") || t.is(p, "{") || t.is(p, "class") || t.is(p, "interface")
          || t.is(p, "record") || t.is(p, "enum") || t.is(p, "struct")) {
        return null;
      }
    }
    return null;
  }
}
