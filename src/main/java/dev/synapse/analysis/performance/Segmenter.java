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
 * the same tokens, without the JavaParser refinement of Java members, which costs more than all
 * performance checks together) and placed on the file view's rows. Outermost functions only (a
 * nested function belongs to its outer one); an anonymous function passed as an argument in
 * JavaScript, TypeScript or Go is named after the method call it is passed to
 * ({@code app.get callback}); other anonymous functions (test blocks such as
 * {@code describe('x', () => {...})}) are not functions here. A hunk that starts inside a
 * function takes the function's name from the hunk header's section text, which the shared
 * front end reads too ({@link SourceView#ofLines}). Linear in the number of rows and tokens.
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
    String name = v.sectionName(hunkIndex);
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

  /**
   * The function a hunk header's section text declares, read by the shared front end: the text
   * is completed as the rest of a declaration would be (open parentheses closed, a block opened
   * where the language has braces, ':' for Python), lexed and segmented like any source: by the
   * token scan ({@link Functions#lexical(SourceView)}), and for a Java header with a parameter
   * list the scan does not name, by JavaParser too ({@link Functions#of(SourceView)}), which costs
   * about a tenth of a millisecond per header.
   *
   * @return the outermost named function the header declares, or null (a class, a call, an
   *     anonymous function)
   */
  static String sectionName(FileView v, int hunkIndex) {
    Toks t = v.sectionToks.get(hunkIndex);
    if (t.isEmpty()) return null;
    int open = 0;
    boolean brace = false;
    boolean colon = false;
    for (int k = 0; k < t.size(); k++) {
      if (t.is(k, "(")) open++;
      else if (t.is(k, ")") && open > 0) open--;
      else if (t.is(k, "{")) brace = true;
      else if (t.is(k, ":")) colon = true;
    }
    StringBuilder text = new StringBuilder(v.sections.get(hunkIndex));
    for (int i = 0; i < open; i++) text.append(')');
    List<String> lines = new ArrayList<>();
    lines.add(text.toString());
    if (v.lang.braces() && !brace) {
      lines.add("{");
    } else if (v.lang == SourceLanguage.PYTHON && (open > 0 || !colon)) {
      lines.set(0, text.append(':').toString());
    }
    if (v.lang.braces()) lines.add("}");
    else if (v.lang == SourceLanguage.PYTHON) lines.add("    pass");
    else lines.add("  end");
    SourceView header = SourceView.ofLines(v.path, lines, 1);
    String name = declared(Functions.lexical(header));
    // JavaParser names what the token scan misses (e.g. a return type ending in '>>'); it finds a
    // function only in a text with a parameter list, and where the scan names one it names the same
    if (name != null || v.lang != SourceLanguage.JAVA || !hasParen(t)) return name;
    return declared(Functions.of(header));
  }

  /** @return the outermost named function starting on line 1, or null */
  private static String declared(List<FunctionSpan> spans) {
    for (FunctionSpan f : spans) {
      if (f.depth() == 0 && f.startLine() == 1 && !f.name().equals("<lambda>") && !f.name().equals("<anon>")) {
        return f.name();
      }
    }
    return null;
  }

  private static boolean hasParen(Toks t) {
    for (int k = 0; k < t.size(); k++) if (t.is(k, "(")) return true;
    return false;
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
}
