package dev.synapse.analysis.lang;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Java method structure from a real parser (JavaParser, no symbol solving, language level RAW:
 * the newest grammar the parser knows, without the per-version validators, which roughly halves
 * parse time and is irrelevant to structure). One hunk's text on one
 * side, when its braces balance, is tried (1) as a whole compilation unit and (2) wrapped as
 * class-body members ({@code class __Synapse { ... }}), in the order its first tokens suggest;
 * otherwise it is (3) trimmed to its longest brace-balanced run of lines (dropping the
 * partial members at the hunk's edges) and wrapped again. The methods, constructors and compact
 * constructors found are returned as {@link FunctionSpan}s whose token indices and lines refer
 * to the segment's own lexer tokens, so callers see the same records the lexer would produce.
 * When no attempt parses, or a parsed brace cannot be matched to a lexer token, {@link #parse}
 * returns null and the caller keeps the lexer's segmentation.
 *
 * <p>Stateless and thread-safe (the {@link Parser} passed in serialises its own use). Time: linear in the segment size
 * (at most two parses); segments over {@link #MAX_CHARS} characters, holding a line longer
 * than {@link SourceView#MAX_LINE_CHARS}, or nesting brackets deeper than {@link #MAX_NESTING},
 * are not parsed.
 */
public final class JavaStructure {
  private JavaStructure() {}

  /** Segments longer than this many characters are left to the lexer (bounded parse time). */
  public static final int MAX_CHARS = 200_000;

  /** Segments nesting brackets deeper than this are left to the lexer (parser recursion depth). */
  public static final int MAX_NESTING = 200;

  private static final String WRAP_OPEN = "class __Synapse {\n";
  private static final String WRAP_CLOSE = "\n}\n";

  /**
   * The result of parsing one segment.
   *
   * @param from first lexer token index of the parsed region (inclusive)
   * @param to last lexer token index of the parsed region (exclusive)
   * @param spans the functions found in the region, token indices relative to the segment
   * @param partial true when only a trimmed part of the segment parsed (the edges hold partial
   *     members the caller should take from the lexer)
   */
  public record Parsed(int from, int to, List<FunctionSpan> spans, boolean partial) {}

  /**
   * Java text (characters) one review may hand to JavaParser in all; sides beyond it use the lexer.
   * JavaParser costs roughly ten times the lexer per character, so this keeps a large review within
   * the analysis time budget (issue 4: a 1,000-line diff in under 20 ms) while the hunks of a
   * typical pull request (a few hundred lines) are all parsed.
   */
  public static final long REVIEW_BUDGET_CHARS = 16_000;

  /** Memo key of a review's remaining parse budget ({@code AnalysisContext.memo}). */
  public enum ReviewBudget {
    /** The only key. */
    KEY
  }

  /**
   * Takes a side's characters from the review's budget.
   *
   * @return true when the whole side fits in what remains (then it is deducted), else false
   */
  static boolean take(java.util.concurrent.atomic.AtomicLong budget, SourceView view) {
    long chars = 0;
    for (SourceView.Segment seg : view.segments()) for (String l : seg.lines()) chars += l.length() + 1;
    long need = chars;
    return budget.getAndUpdate(left -> left >= need ? left - need : left) >= need;
  }

  /**
   * Whether a side is small enough to parse: all its segments together hold at most {@link
   * #MAX_CHARS} characters (larger sides, e.g. generated code, stay with the lexer).
   *
   * @param view one side of a file
   * @return true when the side is within the parse budget
   */
  public static boolean parseable(SourceView view) {
    long chars = 0;
    for (SourceView.Segment seg : view.segments()) {
      for (String l : seg.lines()) {
        chars += l.length() + 1;
        if (chars > MAX_CHARS) return false;
      }
    }
    return true;
  }

  /**
   * Parses one Java segment.
   *
   * @param seg the segment (one hunk's text on one side)
   * @param si the segment's index in its view
   * @return the parsed region and its functions, or null when the segment should be left to the
   *     lexer (too large, does not parse, or a position could not be mapped)
   */
  public static Parsed parse(SourceView.Segment seg, int si) {
    return parse(seg, si, new Parser());
  }

  /**
   * Parses one Java segment with a given (reused) parser.
   *
   * @param seg the segment (one hunk's text on one side)
   * @param si the segment's index in its view
   * @param parser the parser to use; calls on it are serialised
   * @return as {@link #parse(SourceView.Segment, int)}
   */
  public static Parsed parse(SourceView.Segment seg, int si, Parser parser) {
    return parse(seg, si, parser, null);
  }

  /**
   * Parses one Java segment, skipping the parser where its answer cannot change the functions
   * {@link Functions} reports: a region with no {@code '{'} holds no function body, so when no
   * function the lexer found ({@code lexed}) overlaps it, the parse could neither add a function
   * nor hide one, and null is returned without parsing.
   *
   * @param seg the segment (one hunk's text on one side)
   * @param si the segment's index in its view
   * @param parser the parser to use; calls on it are serialised
   * @param lexed the lexer's functions of this segment, or null when not known (then every
   *     parseable region is parsed)
   * @return as {@link #parse(SourceView.Segment, int)}
   */
  static Parsed parse(SourceView.Segment seg, int si, Parser parser, List<FunctionSpan> lexed) {
    List<Token> toks = seg.tokens();
    if (toks.isEmpty()) return null;
    long chars = 0;
    for (String l : seg.lines()) {
      if (l.length() > SourceView.MAX_LINE_CHARS) return null;
      chars += l.length() + 1;
      if (chars > MAX_CHARS) return null;
    }
    if (nesting(toks) > MAX_NESTING) return null;
    int first = seg.firstLine();
    int last = seg.lastLine();
    int[] region = balancedRegion(toks);
    if (region == null) return null;
    if (region[0] == 0 && region[1] == toks.size()) {
      // balanced as a whole: a compilation unit or a run of members
      if (nothingToFind(toks, 0, toks.size(), lexed)) return null;
      return attempt(parser, seg, si, first, last, 0, toks.size(), false);
    }
    int fromLine = toks.get(region[0]).line();
    if (region[0] > 0 && toks.get(region[0] - 1).endLine() >= fromLine) fromLine++;
    int toLine = toks.get(region[1] - 1).endLine();
    if (region[1] < toks.size() && toks.get(region[1]).line() <= toLine) toLine--;
    if (fromLine > toLine || (fromLine == first && toLine == last)) return null;
    int from = 0;
    while (from < toks.size() && toks.get(from).line() < fromLine) from++;
    int to = from;
    while (to < toks.size() && toks.get(to).line() <= toLine) to++;
    if (to <= from) return null;
    if (nothingToFind(toks, from, to, lexed)) return null;
    return attempt(parser, seg, si, fromLine, toLine, from, to, true);
  }

  /**
   * True when parsing tokens [from, to) cannot change the functions reported: the region has no
   * {@code '{'} (so no function body the parser could find) and no function of the lexer's
   * overlaps it (so none the parse would replace).
   */
  private static boolean nothingToFind(List<Token> toks, int from, int to,
      List<FunctionSpan> lexed) {
    if (lexed == null) return false;
    for (int i = from; i < to; i++) if (toks.get(i).op("{")) return false;
    for (FunctionSpan f : lexed) {
      if (f.headerStart() < to && f.end() > from) return false;
    }
    return true;
  }

  /** Deepest bracket nesting of the tokens (the parser recurses once per level). */
  private static int nesting(List<Token> toks) {
    int depth = 0;
    int max = 0;
    for (Token t : toks) {
      if (t.kind() != TokenKind.OPERATOR) continue;
      String s = t.text();
      if (s.equals("{") || s.equals("(") || s.equals("[")) max = Math.max(max, ++depth);
      else if (s.equals("}") || s.equals(")") || s.equals("]")) depth = Math.max(0, depth - 1);
    }
    return max;
  }

  /**
   * The longest token range [a, b) whose brace depth at both ends is the same level L and never
   * below L in between: a run of whole members (or statements) between partial edges. Linear:
   * a stack of (level, first boundary at that level since depth last fell below it).
   */
  private static int[] balancedRegion(List<Token> toks) {
    int n = toks.size();
    int[] levels = new int[n + 2];
    int[] firsts = new int[n + 2];
    int top = -1;
    int depth = 0;
    int bestA = -1;
    int bestB = -1;
    for (int i = 0; i <= n; i++) {
      if (i > 0) {
        Token t = toks.get(i - 1);
        if (t.op("{")) depth++;
        else if (t.op("}")) depth--;
      }
      while (top >= 0 && levels[top] > depth) top--;
      if (top >= 0 && levels[top] == depth) {
        if (i - firsts[top] > bestB - bestA) {
          bestA = firsts[top];
          bestB = i;
        }
      } else {
        top++;
        levels[top] = depth;
        firsts[top] = i;
      }
    }
    return bestB > bestA ? new int[] {bestA, bestB} : null;
  }

  private static Parsed attempt(Parser parser, SourceView.Segment seg, int si, int fromLine, int toLine,
      int fromTok, int toTok, boolean partial) {
    List<Token> toks = seg.tokens();
    if (startsWithStatement(toks, fromTok, toTok, fromLine)
        || holdsTopLevelStatement(toks, fromTok, toTok, fromLine, toLine)) {
      return null;
    }
    int headerLines = headerLines(toks, fromTok, toTok, fromLine);
    String text = text(seg, fromLine, toLine, 0);
    boolean unitFirst = looksLikeUnit(toks, fromTok, toTok);
    for (int round = 0; round < 2; round++) {
      boolean asUnit = (round == 0) == unitFirst;
      // as a unit, the leading package/import lines (checked well-formed) are left blank: they
      // cannot change whether or how the rest parses
      String input = asUnit ? (headerLines > 0 ? text(seg, fromLine, toLine, headerLines) : text)
          : WRAP_OPEN + text + WRAP_CLOSE;
      Optional<CompilationUnit> cu = parser.parseUnit(input);
      if (cu.isPresent()) {
        return spans(cu.get(), seg, si, asUnit ? fromLine : fromLine - 1, fromTok, toTok, partial);
      }
    }
    return null;
  }

  /**
   * The region's lines as the parser reads them, the first {@code blank} lines left empty.
   * Indentation is dropped: it is outside every token except text blocks and block comments,
   * whose validity it does not affect; positions are mapped by line and order, not column.
   */
  private static String text(SourceView.Segment seg, int fromLine, int toLine, int blank) {
    StringBuilder sb = new StringBuilder();
    for (int ln = fromLine; ln <= toLine; ln++) {
      if (ln - fromLine < blank) {
        sb.append('\n');
        continue;
      }
      String line = seg.lines().get(ln - seg.firstLine());
      int indent = 0;
      while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
        indent++;
      }
      sb.append(line, indent, line.length()).append('\n');
    }
    return sb.toString();
  }

  /** Keywords that only start statements: at a region's top level neither a unit nor members parse. */
  private static final Set<String> STATEMENT_ONLY = Set.of("if", "for", "while", "return", "try",
      "throw", "do", "break", "continue", "else", "catch", "finally");

  /**
   * True when a statement-only keyword ({@code return}, {@code if}, ...) lies outside every brace
   * pair of the region: such text parses neither as a compilation unit nor as class members (at
   * that level only declarations are allowed; a field initializer holds expressions, whose
   * statements sit inside braces), so both parses would fail. Decided only when no multi-line
   * token crosses the region's first or last line, so the parser reads exactly these tokens.
   */
  private static boolean holdsTopLevelStatement(List<Token> t, int from, int to, int fromLine,
      int toLine) {
    if (from > 0 && t.get(from - 1).endLine() >= fromLine) return false;
    if (t.get(to - 1).endLine() > toLine) return false;
    int depth = 0;
    for (int i = from; i < to; i++) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.OPERATOR) {
        if (x.text().equals("{")) depth++;
        else if (x.text().equals("}")) depth--;
      } else if (depth == 0 && x.kind() == TokenKind.KEYWORD && STATEMENT_ONLY.contains(x.text())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Names that may be keywords or restricted words to JavaParser though the lexer calls them
   * identifiers (or that are contextual): an import naming one is not taken as well-formed.
   */
  private static final Set<String> NOT_PLAIN_NAMES = Set.of("goto", "strictfp", "_", "const",
      "module", "open", "opens", "exports", "requires", "transitive", "to", "uses", "provides",
      "with", "permits", "sealed", "when", "record", "var", "yield", "enum", "assert");

  /**
   * How many of the region's first lines hold only well-formed {@code package} / {@code import}
   * declarations (one per line, plain ASCII names, the package first), blank lines and {@code //}
   * comments: the lines a unit parse may leave blank. 0 when the first line is anything else or
   * a multi-line token reaches into it.
   */
  private static int headerLines(List<Token> t, int from, int to, int fromLine) {
    if (from > 0 && t.get(from - 1).endLine() >= fromLine) return 0;
    int i = from;
    int lastLine = fromLine - 1;
    boolean first = true;
    while (i < to) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.COMMENT) {
        // a line comment alone on its line (a block comment might be unterminated)
        if (!x.text().startsWith("//") || (i + 1 < to && t.get(i + 1).line() == x.line())) break;
        lastLine = x.line();
        i++;
        continue;
      }
      int end = declarationEnd(t, i, to, first);
      if (end < 0) break;
      // the declaration alone on its line
      int line = x.line();
      if (t.get(end - 1).line() != line || (end < to && t.get(end).line() == line)) break;
      if (i > from && t.get(i - 1).endLine() >= line) break;
      lastLine = line;
      first = false;
      i = end;
    }
    return lastLine - fromLine + 1;
  }

  /**
   * Index after a well-formed {@code package a.b;} (only when {@code packageAllowed}) or {@code
   * import [static] a.b[.*];} starting at {@code i}, or -1.
   */
  private static int declarationEnd(List<Token> t, int i, int to, boolean packageAllowed) {
    Token x = t.get(i);
    boolean isImport = x.kind() == TokenKind.KEYWORD && x.text().equals("import");
    boolean isPackage = packageAllowed && x.kind() == TokenKind.KEYWORD && x.text().equals("package");
    if (!isImport && !isPackage) return -1;
    int j = i + 1;
    if (isImport && j < to && t.get(j).kind() == TokenKind.KEYWORD && t.get(j).text().equals("static")) {
      j++;
    }
    if (j >= to || !plainName(t.get(j))) return -1;
    j++;
    while (j + 1 < to && t.get(j).op(".")) {
      Token part = t.get(j + 1);
      if (plainName(part)) {
        j += 2;
      } else if (isImport && part.op("*")) {
        j += 2;
        break;
      } else {
        return -1;
      }
    }
    if (j >= to || !t.get(j).op(";")) return -1;
    return j + 1;
  }

  /** @return true for an identifier of ASCII letters, digits, '_' and '$' that JavaParser reads as a name */
  private static boolean plainName(Token x) {
    if (x.kind() != TokenKind.IDENTIFIER || NOT_PLAIN_NAMES.contains(x.text())) return false;
    String s = x.text();
    if (s.isEmpty() || (s.charAt(0) >= '0' && s.charAt(0) <= '9')) return false;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '$';
      if (!ok) return false;
    }
    return true;
  }

  /** Keywords that start a statement and can start neither a class member nor a compilation unit. */
  private static final Set<String> STATEMENT_KEYWORDS = Set.of("if", "for", "while", "return",
      "try", "throw", "do", "break", "continue", "switch", "else", "case", "catch", "finally", "new",
      "assert", "this", "super");

  /** Operators that, after a (qualified) name, make an expression statement. */
  private static final Set<String> STATEMENT_OPERATORS = Set.of("(", "=", "+=", "-=", "++", "--");

  /**
   * True when the text of the region certainly parses neither as a compilation unit nor as class
   * members, because its first token starts a statement: a statement keyword ({@code if},
   * {@code return}, ...) or a call or assignment on a (qualified) name ({@code out.println(},
   * {@code a.b = }, {@code x++}; a bare {@code name(} is left alone, it may be a constructor). Such
   * regions (hunks inside a method body) are left to the lexer without running the parser twice
   * on input it must reject. Only decided when no earlier multi-line token reaches into the
   * region's first line, so the parser would see exactly these tokens first.
   */
  private static boolean startsWithStatement(List<Token> t, int from, int to, int fromLine) {
    if (from > 0 && t.get(from - 1).endLine() >= fromLine) return false;
    int i = from;
    while (i < to && t.get(i).kind() == TokenKind.COMMENT) i++;
    if (i >= to) return false;
    Token first = t.get(i);
    if (first.kind() == TokenKind.KEYWORD) return STATEMENT_KEYWORDS.contains(first.text());
    if (first.kind() != TokenKind.IDENTIFIER) return false;
    int dots = 0;
    int j = i + 1;
    while (j + 1 < to && t.get(j).op(".") && t.get(j + 1).kind() == TokenKind.IDENTIFIER) {
      j += 2;
      dots++;
    }
    if (j >= to || t.get(j).kind() != TokenKind.OPERATOR) return false;
    String op = t.get(j).text();
    if (op.equals("(")) return dots > 0;
    return STATEMENT_OPERATORS.contains(op);
  }

  /**
   * True when the region starts (after comments, annotations and modifiers) like a compilation
   * unit: {@code package}, {@code import} or a type declaration. Decides which parse to try first.
   */
  private static boolean looksLikeUnit(List<Token> t, int from, int to) {
    int i = from;
    while (i < to) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.COMMENT) {
        i++;
      } else if (x.op("@") && i + 1 < to && !t.get(i + 1).word("interface")) {
        i += 2;
        while (i + 1 < to && t.get(i).op(".")) i += 2;
        if (i < to && t.get(i).op("(")) {
          int level = 0;
          for (; i < to; i++) {
            if (t.get(i).op("(")) level++;
            else if (t.get(i).op(")") && --level == 0) break;
          }
          i++;
        }
      } else if (UNIT_MODIFIERS.contains(x.text()) && x.kind() != TokenKind.STRING) {
        i++;
      } else {
        return UNIT_STARTS.contains(x.text()) && x.kind() != TokenKind.STRING;
      }
    }
    return false;
  }

  private static final Set<String> UNIT_MODIFIERS = Set.of("public",
      "protected", "private", "abstract", "static", "final", "sealed", "non", "-", "strictfp");
  private static final Set<String> UNIT_STARTS = Set.of("package", "import",
      "class", "interface", "enum", "record", "@", "module", "open");

  /**
   * One reusable JavaParser (language level RAW, no comment attribution, no line-separator
   * detection, no lexical preservation): building the generated parser's tables costs about as
   * much as parsing a small hunk, so a review shares one ({@link Functions#of(dev.synapse.analysis.AnalysisContext,
   * dev.synapse.diff.FileDiff, dev.synapse.signal.Side)} keeps it in the review's memo). Calls are
   * serialised on the instance, so it may be shared by threads of one review.
   */
  public static final class Parser {
    private final JavaParser parser = new JavaParser(new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
        .setAttributeComments(false)
        .setLexicalPreservationEnabled(false)
        .setDetectOriginalLineSeparator(false));

    /** Creates a parser; not shared across reviews. */
    public Parser() {}

    synchronized Optional<CompilationUnit> parseUnit(String text) {
      try {
        ParseResult<CompilationUnit> r = parser.parse(text);
        return r.isSuccessful() ? r.getResult() : Optional.empty();
      } catch (RuntimeException | StackOverflowError e) {
        // pathological input (e.g. a very long operator chain): the lexer's view stands
        return Optional.empty();
      }
    }
  }

  /**
   * Maps the unit's callables to lexer tokens. {@code textLine1} is the real line number of line 1
   * of the parsed text (lines before the region's first line belong to the wrapper).
   */
  private static Parsed spans(CompilationUnit cu, SourceView.Segment seg, int si, int textLine1,
      int fromTok, int toTok, boolean partial) {
    Locator loc = new Locator(seg, textLine1);
    List<FunctionSpan> out = new ArrayList<>();
    // one pre-order walk (as findAll would do) collects both kinds, in the order findAll gives
    List<CallableDeclaration<?>> callables = new ArrayList<>();
    List<CompactConstructorDeclaration> compacts = new ArrayList<>();
    cu.walk(Node.TreeTraversal.PREORDER, node -> {
      if (node instanceof CallableDeclaration<?> c) callables.add(c);
      else if (node instanceof CompactConstructorDeclaration k) compacts.add(k);
    });
    for (CallableDeclaration<?> c : callables) {
      Optional<BlockStmt> body = c instanceof MethodDeclaration m ? m.getBody()
          : c instanceof ConstructorDeclaration k ? Optional.of(k.getBody()) : Optional.empty();
      if (body.isEmpty()) continue;
      FunctionSpan s = span(loc, c, body.get(), c.getNameAsString(), params(c.getParameters()), si);
      if (s == null) return null;
      out.add(s);
    }
    for (CompactConstructorDeclaration c : compacts) {
      List<FunctionSpan.Param> ps = c.findAncestor(RecordDeclaration.class)
          .map(r -> params(r.getParameters())).orElse(List.of());
      FunctionSpan s = span(loc, c, c.getBody(), c.getNameAsString(), ps, si);
      if (s == null) return null;
      out.add(s);
    }
    return new Parsed(fromTok, toTok, out, partial);
  }

  private static FunctionSpan span(Locator loc, Node decl, BlockStmt body, String name,
      List<FunctionSpan.Param> params, int si) {
    Optional<JavaToken> head = decl.getTokenRange().map(r -> r.getBegin());
    Optional<JavaToken> open = body.getTokenRange().map(r -> r.getBegin());
    Optional<JavaToken> close = body.getTokenRange().map(r -> r.getEnd());
    if (head.isEmpty() || open.isEmpty() || close.isEmpty()) return null;
    int h = loc.index(head.get());
    int o = loc.index(open.get());
    int c = loc.index(close.get());
    if (h < 0 || o < 0 || c < 0 || !(h <= o && o < c)) return null;
    List<Token> t = loc.seg.tokens();
    return new FunctionSpan(name, si, h, o + 1, c + 1, t.get(h).line(), t.get(c).line(), params,
        true, 0);
  }

  private static List<FunctionSpan.Param> params(List<Parameter> in) {
    List<FunctionSpan.Param> out = new ArrayList<>(in.size());
    for (Parameter p : in) {
      List<String> ann = new ArrayList<>();
      for (AnnotationExpr a : p.getAnnotations()) ann.add(a.getName().getIdentifier());
      out.add(new FunctionSpan.Param(p.getNameAsString(), compact(p.getType().asString()),
          List.copyOf(ann)));
    }
    return List.copyOf(out);
  }

  /** Type text without whitespace, as the lexer's segmentation reports it. */
  private static String compact(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!Character.isWhitespace(ch)) b.append(ch);
    }
    return b.toString();
  }

  /**
   * Finds the lexer token for a parser token: the k-th token with the same text on the same real
   * line, where k counts the parser's non-comment tokens of that text before it on that line
   * (walked back through the parser's token links, so only that line's tokens are visited).
   */
  private static final class Locator {
    private final SourceView.Segment seg;
    private final int textLine1;

    Locator(SourceView.Segment seg, int textLine1) {
      this.seg = seg;
      this.textLine1 = textLine1;
    }

    int index(JavaToken target) {
      if (target.getRange().isEmpty()) return -1;
      int atLine = target.getRange().get().begin.line;
      String text = target.getText();
      int k = 0;
      for (Optional<JavaToken> p = target.getPreviousToken(); p.isPresent();
          p = p.get().getPreviousToken()) {
        JavaToken t = p.get();
        if (t.getRange().isEmpty()) continue;
        if (t.getRange().get().begin.line != atLine) break;
        if (!t.getCategory().isWhitespaceOrComment() && t.getText().equals(text)) k++;
      }
      int realLine = atLine + textLine1 - 1;
      List<Token> toks = seg.tokens();
      for (int i = firstOnLine(toks, realLine); i < toks.size() && toks.get(i).line() == realLine; i++) {
        Token x = toks.get(i);
        TokenKind kind = x.kind();
        if ((kind == TokenKind.OPERATOR || kind == TokenKind.IDENTIFIER || kind == TokenKind.KEYWORD)
            && x.text().equals(text) && k-- == 0) {
          return i;
        }
      }
      return -1;
    }

    /** Index of the first token starting on {@code line} or later (tokens are in line order). */
    private static int firstOnLine(List<Token> toks, int line) {
      int lo = 0;
      int hi = toks.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (toks.get(mid).line() < line) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
  }
}
