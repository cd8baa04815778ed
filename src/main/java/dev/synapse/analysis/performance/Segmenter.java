package dev.synapse.analysis.performance;

import dev.synapse.analysis.lang.FunctionSpan;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.lang.TokenKind;
import dev.synapse.analysis.performance.FileView.Function;
import dev.synapse.analysis.performance.FileView.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The functions of one side of a file's diff as the performance checks use them, taken from the
 * shared front end ({@link Functions#lexical}: the function finder the security checks use, on
 * the same tokens, without the JavaParser refinement of Java members, which costs more than
 * all performance checks together) and placed on the file view's rows. Outermost functions only (a nested function belongs to its
 * outer one); an anonymous function passed as an argument in JavaScript, TypeScript or Go is
 * named after the method call it is passed to ({@code app.get callback}), other anonymous
 * functions (test blocks such as {@code describe('x', () => {...})}) are not functions here. A hunk that starts inside a function takes the function's name from the
 * hunk header (the only text the shared front end does not see). Linear in the number of rows
 * and tokens.
 */
final class Segmenter {
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

  /**
   * @param v the file view (rows already masked and tokenised)
   * @param view the shared source view of the side
   * @param spans the shared functions of the side ({@link Functions#lexical})
   * @param newSide which side
   * @return the functions in order of their first row
   */
  static List<Function> segment(FileView v, SourceView view, List<FunctionSpan> spans, boolean newSide) {
    List<Function> out = new ArrayList<>();
    if (v.lang == SourceLanguage.UNKNOWN) return out;
    int[] side = new int[v.rows.size()];
    int count = 0;
    Map<Integer, Integer> rowOfLine = new HashMap<>();
    for (int i = 0; i < v.rows.size(); i++) {
      Row r = v.rows.get(i);
      if (newSide ? r.onNewSide() : r.onOldSide()) {
        side[count++] = i;
        rowOfLine.put(newSide ? r.newLine() : r.oldLine(), i);
      }
    }
    side = java.util.Arrays.copyOf(side, count);
    // the shared records, outermost first, placed on rows
    List<Function> shared = new ArrayList<>();
    Set<Integer> declRows = new HashSet<>();
    for (FunctionSpan span : spans) {
      if (span.depth() != 0) continue;
      List<Token> tokens = view.segments().get(span.segment()).tokens();
      String name = span.name();
      int declLine;
      if (name.equals("<lambda>")) {
        name = calleeOf(v.lang, tokens, span.headerStart());
        if (name == null) continue;
        declLine = tokens.get(Math.min(span.headerStart(), tokens.size() - 1)).line();
      } else {
        declLine = nameLine(tokens, span, name);
      }
      Integer decl = rowOfLine.get(declLine);
      if (decl == null) continue;
      Integer end = rowOfLine.get(span.endLine());
      int endRow = end == null ? decl : Math.max(decl, end);
      shared.add(new Function(name, decl, decl, endRow, span.complete(), newSide));
      declRows.add(decl);
    }
    // hunks that start inside a function named by the hunk header
    int lastHunk = -1;
    for (int p = 0; p < side.length; p++) {
      Row r = v.rows.get(side[p]);
      if (r.hunk() == lastHunk) continue;
      lastHunk = r.hunk();
      Function f = sectionFunction(v, side, p, newSide, declRows);
      if (f != null) out.add(f);
    }
    for (Function f : shared) {
      boolean inside = false;
      for (Function sec : out) {
        if (sec.declRow() < 0 && f.declRow() >= sec.startRow() && f.declRow() <= sec.endRow()) inside = true;
      }
      if (!inside) out.add(f);
    }
    out.sort(java.util.Comparator.comparingInt(Function::startRow));
    // outermost only: a function inside another one's rows belongs to it
    List<Function> outer = new ArrayList<>(out.size());
    int coveredTo = -1;
    for (Function f : out) {
      if (f.startRow() <= coveredTo) continue;
      outer.add(f);
      coveredTo = f.endRow();
    }
    return outer;
  }

  /** @return the line of the function's name token in its header, else its first line */
  private static int nameLine(List<Token> tokens, FunctionSpan span, String name) {
    int to = Math.min(tokens.size(), Math.max(span.bodyStart(), span.headerStart() + 1));
    for (int i = span.headerStart(); i < to; i++) {
      Token t = tokens.get(i);
      if (t.kind() == TokenKind.IDENTIFIER && t.text().equals(name)) return t.line();
    }
    return span.startLine();
  }

  /**
   * The call an anonymous function is passed to, as Segmenter named callbacks: the identifier
   * (with its receiver) before the parenthesis left open before the function, e.g. {@code
   * router.get callback}. JavaScript, TypeScript and Go only; null otherwise.
   */
  private static String calleeOf(SourceLanguage lang, List<Token> t, int header) {
    if (!(lang.js() || lang == SourceLanguage.GO)) return null;
    int depth = 0;
    for (int k = header - 1; k >= 0 && header - k < 400; k--) {
      Token x = t.get(k);
      if (x.kind() == TokenKind.COMMENT) continue;
      if (x.op(")") || x.op("]") || x.op("}")) {
        depth++;
      } else if (x.op("(") || x.op("[") || x.op("{")) {
        if (depth > 0) {
          depth--;
          continue;
        }
        if (!x.op("(") || k < 3) return null;
        Token callee = t.get(k - 1);
        if (callee.kind() != TokenKind.IDENTIFIER || NOT_NAMES.contains(callee.text())) return null;
        // a method of a receiver (router.get, http.HandleFunc); not describe(...)/it(...) blocks
        if (!(t.get(k - 2).op(".") || t.get(k - 2).op("?."))
            || t.get(k - 3).kind() != TokenKind.IDENTIFIER) {
          return null;
        }
        return t.get(k - 3).text() + "." + callee.text() + " callback";
      } else if (depth == 0 && (x.op(";") || x.op("=") || x.op("=>"))) {
        return null;
      }
    }
    return null;
  }

  /**
   * The rows at the start of a hunk that belong to the function named in the hunk header, or
   * null when there is none (no header, the header names no function, or the hunk starts with a
   * declaration).
   */
  private static Function sectionFunction(FileView v, int[] side, int p, boolean newSide, Set<Integer> declRows) {
    int hunkIndex = v.rows.get(side[p]).hunk();
    if (v.sections.get(hunkIndex).isBlank()) return null;
    String name = declName(v.lang, v.sectionToks.get(hunkIndex));
    if (name == null) return null;
    if (declRows.contains(side[p])) return null;
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
        if (q > p && declRows.contains(side[q])) break;
        minIndent = Math.min(minIndent, r.indent());
        last = q;
      }
    }
    return new Function(name, -1, side[p], side[last], false, newSide);
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

  /**
   * Recognises the first line of a function declaration from its tokens: read only on a hunk
   * header's section text, which the shared front end does not see.
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
