package dev.synapse.analysis.lang;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits a {@link SourceView} into functions: braces for C-like languages (named methods,
 * {@code function}/{@code func}/{@code fun} declarations, arrow functions), indentation for
 * Python, {@code def ... end} by indentation for Ruby and Elixir. Java comes from JavaParser where
 * the hunk's text parses ({@link JavaStructure}), with the brace scan as the fallback. A function whose end (or header)
 * lies outside the hunk is returned with {@code complete == false}. Stateless and thread-safe;
 * linear in the number of tokens.
 */
public final class Functions {
  private Functions() {}

  private static final Set<String> NOT_FUNCTIONS = Set.of("if", "for", "while", "switch", "catch",
      "synchronized", "using", "lock", "foreach", "fixed", "when", "try", "return", "new", "else",
      "do", "finally", "throw", "await", "typeof", "sizeof", "elseif", "match", "with", "in", "of");
  private static final Set<String> MODIFIERS = Set.of("public", "private", "protected", "static",
      "readonly", "final", "abstract", "override", "virtual", "async", "internal", "sealed", "val",
      "var", "const", "let", "open", "suspend", "ref", "out", "params", "this", "in", "vararg",
      "noinline", "crossinline", "lateinit");

  /** Memo key for {@link #of(AnalysisContext, FileDiff, Side)}. */
  private record Key(FileDiff file, Side side) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.file == file && k.side == side;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(file) * 31 + side.hashCode();
    }
  }

  /** Memo key for {@link #lexical(AnalysisContext, FileDiff, Side)}. */
  private record LexicalKey(FileDiff file, Side side) {
    @Override
    public boolean equals(Object o) {
      return o instanceof LexicalKey k && k.file == file && k.side == side;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(file) * 13 + side.hashCode();
    }
  }

  /** Memo key for {@link #view(AnalysisContext, FileDiff, Side)}. */
  private record ViewKey(FileDiff file, Side side) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ViewKey k && k.file == file && k.side == side;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(file) * 17 + side.hashCode();
    }
  }

  /**
   * The view of one side of a file, computed once per review.
   *
   * @param ctx the review context whose memo holds the result
   * @param file a file of {@code ctx.diff()}
   * @param side the side
   * @return the shared view
   */
  public static SourceView view(AnalysisContext ctx, FileDiff file, Side side) {
    return ctx.memo(new ViewKey(file, side), k -> SourceView.of(k.file(), k.side()));
  }

  /**
   * The functions of one side of a file, computed once per review.
   *
   * @param ctx the review context whose memo holds the result
   * @param file a file of {@code ctx.diff()}
   * @param side the side
   * @return the functions sorted by segment and start token
   */
  public static List<FunctionSpan> of(AnalysisContext ctx, FileDiff file, Side side) {
    java.util.concurrent.atomic.AtomicLong budget = ctx.memo(JavaStructure.ReviewBudget.KEY,
        k -> new java.util.concurrent.atomic.AtomicLong(JavaStructure.REVIEW_BUDGET_CHARS));
    return ctx.memo(new Key(file, side), k -> of(view(ctx, k.file(), k.side()), budget,
        view(ctx, k.file(), k.side()).language() == Language.JAVA
            ? ctx.memo(JavaStructure.Parser.class, c -> new JavaStructure.Parser()) : null));
  }

  /**
   * The functions of one side of a file as the token scan finds them, without the JavaParser
   * refinement of {@link #of(AnalysisContext, FileDiff, Side)} (identical for every language but
   * Java), computed once per review. For checks that need function boundaries and names but not
   * parameter types or exact Java member structure, at a fraction of the cost.
   *
   * @param ctx the review context whose memo holds the result
   * @param file a file of {@code ctx.diff()}
   * @param side the side
   * @return the functions sorted by segment and start token
   */
  public static List<FunctionSpan> lexical(AnalysisContext ctx, FileDiff file, Side side) {
    SourceView v = view(ctx, file, side);
    if (v.language() != Language.JAVA) return of(ctx, file, side);
    return ctx.memo(new LexicalKey(file, side),
        k -> of(v, new java.util.concurrent.atomic.AtomicLong(0), null));
  }

  /**
   * @param view a source view
   * @return its functions, sorted by segment and start token; nested ones have depth &gt; 0
   */
  public static List<FunctionSpan> of(SourceView view) {
    return of(view, null, null);
  }

  /**
   * The functions of a view as the token scan finds them, without the JavaParser refinement
   * (identical to {@link #of(SourceView)} for every language but Java). For one-line texts such as
   * a hunk header's section text, where building and running a parser costs far more than the
   * scan and cannot change which function the line declares.
   *
   * @param view a source view
   * @return its functions, sorted by segment and start token; nested ones have depth &gt; 0
   */
  public static List<FunctionSpan> lexical(SourceView view) {
    return of(view, new java.util.concurrent.atomic.AtomicLong(0), null);
  }

  /**
   * @param view a source view
   * @param budget Java characters the review may still give to JavaParser (taken from when this
   *     side is parsed), or null for no per-review limit
   * @param parser the review's Java parser, or null to make one when this side is parsed
   * @return its functions, sorted by segment and start token; nested ones have depth &gt; 0
   */
  static List<FunctionSpan> of(SourceView view, java.util.concurrent.atomic.AtomicLong budget,
      JavaStructure.Parser parser) {
    List<FunctionSpan> out = new ArrayList<>();
    boolean parse = view.language() == Language.JAVA && JavaStructure.parseable(view)
        && (budget == null || JavaStructure.take(budget, view));
    JavaStructure.Parser javaParser = parse && parser == null ? new JavaStructure.Parser() : parser;
    for (int si = 0; si < view.segments().size(); si++) {
      SourceView.Segment seg = view.segments().get(si);
      switch (view.language().family()) {
        case INDENT:
        case KEYWORD_END:
          byIndent(view.language(), seg, si, out);
          break;
        default:
          if (parse) {
            java(seg, si, out, javaParser);
          } else if (view.language() != Language.UNKNOWN) {
            byBraces(view.language(), seg, si, out);
          }
          if (EXPRESSION_BODIES.contains(view.language())) {
            byExpressionBody(view.language(), seg, si, out);
          }
      }
    }
    out.sort(Comparator.comparingInt(FunctionSpan::segment)
        .thenComparingInt(FunctionSpan::headerStart));
    return depthsFixed(out);
  }

  /**
   * Java: the parser's functions for the region of the segment that parses ({@link JavaStructure}),
   * the lexer's for the rest (partial members at the hunk's edges) or for all of it when nothing
   * parses.
   */
  private static void java(SourceView.Segment seg, int si, List<FunctionSpan> out,
      JavaStructure.Parser parser) {
    List<FunctionSpan> lexed = new ArrayList<>();
    byBraces(Language.JAVA, seg, si, lexed);
    JavaStructure.Parsed parsed = JavaStructure.parse(seg, si, parser, lexed);
    if (parsed == null) {
      out.addAll(lexed);
      return;
    }
    for (FunctionSpan f : lexed) {
      boolean inside = f.headerStart() < parsed.to() && f.end() > parsed.from();
      // a method the parser did not return (e.g. its body runs past the hunk) keeps the lexer's record
      boolean unparsed = true;
      for (FunctionSpan p : parsed.spans()) {
        if (p.headerStart() < f.end() && p.end() > f.headerStart()) unparsed = false;
      }
      if (!inside || unparsed && !f.complete()) out.add(f);
    }
    out.addAll(parsed.spans());
  }

  private static List<FunctionSpan> depthsFixed(List<FunctionSpan> in) {
    List<FunctionSpan> out = new ArrayList<>(in.size());
    Deque<FunctionSpan> open = new ArrayDeque<>();
    for (FunctionSpan f : in) {
      while (!open.isEmpty()
          && (open.peek().segment() != f.segment() || open.peek().end() <= f.headerStart())) {
        open.pop();
      }
      FunctionSpan g = new FunctionSpan(f.name(), f.segment(), f.headerStart(), f.bodyStart(),
          f.end(), f.startLine(), f.endLine(), f.params(), f.complete(), open.size());
      out.add(g);
      open.push(g);
    }
    return out;
  }

  // ------------------------------------------------------------------ brace languages

  private record Frame(int open, Header header) {}

  private record Header(String name, int start, int parenOpen, int parenClose, boolean visible) {}

  private static void byBraces(Language lang, SourceView.Segment seg, int si, List<FunctionSpan> out) {
    List<Token> t = seg.tokens();
    Deque<Frame> stack = new ArrayDeque<>();
    for (int i = 0; i < t.size(); i++) {
      Token tok = t.get(i);
      if (tok.kind() != TokenKind.OPERATOR) continue;
      if (tok.text().equals("{")) {
        stack.push(new Frame(i, header(lang, t, i)));
      } else if (tok.text().equals("}")) {
        if (stack.isEmpty()) continue;
        Frame f = stack.pop();
        if (f.header() != null) {
          out.add(span(lang, seg, si, f, i, true));
        }
      }
    }
    while (!stack.isEmpty()) {
      Frame f = stack.pop();
      if (f.header() != null) out.add(span(lang, seg, si, f, t.size(), false));
    }
  }

  private static FunctionSpan span(Language lang, SourceView.Segment seg, int si, Frame f,
      int close, boolean closed) {
    List<Token> t = seg.tokens();
    Header h = f.header();
    int endLine = closed ? t.get(close).line() : seg.lastLine();
    int startLine = t.get(h.start()).line();
    List<FunctionSpan.Param> params = h.parenOpen() >= 0
        ? params(lang, t, h.parenOpen() + 1, h.parenClose()) : List.of();
    return new FunctionSpan(h.name(), si, h.start(), f.open() + 1, closed ? close + 1 : close,
        startLine, endLine, params, closed && h.visible(), 0);
  }

  private static int prevSig(List<Token> t, int i) {
    int j = i - 1;
    while (j >= 0 && t.get(j).kind() == TokenKind.COMMENT) j--;
    return j;
  }

  private static int matchingOpen(List<Token> t, int close, String open, String closeText) {
    int level = 0;
    for (int j = close; j >= 0 && close - j < 600; j--) {
      Token x = t.get(j);
      if (x.kind() != TokenKind.OPERATOR) continue;
      if (x.text().equals(closeText)) level++;
      else if (x.text().equals(open) && --level == 0) return j;
    }
    return -1;
  }

  /** Decides whether the '{' at index i opens a function body; returns its header or null. */
  private static Header header(Language lang, List<Token> t, int i) {
    int p = prevSig(t, i);
    if (p < 0) return null;
    Token prev = t.get(p);
    if (prev.op("=>") && (lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT
        || lang == Language.CSHARP || lang == Language.UNKNOWN)) {
      int q = prevSig(t, p);
      if (q < 0) return null;
      if (t.get(q).op(")")) {
        int o = matchingOpen(t, q, "(", ")");
        if (o < 0) return null;
        int start = o;
        int b = prevSig(t, o);
        if (b >= 0 && t.get(b).word("async")) start = b;
        return new Header(arrowName(t, start), start, o, q, true);
      }
      if (t.get(q).kind() == TokenKind.IDENTIFIER) {
        return new Header(arrowName(t, q), q, q - 1, q + 1, true);
      }
      return null;
    }
    // walk back over a return type / throws clause to the closing parenthesis
    int j = p;
    int steps = 0;
    while (j >= 0 && steps < 40) {
      Token x = t.get(j);
      if (x.op(")")) break;
      boolean typeish = x.kind() == TokenKind.IDENTIFIER
          || (x.kind() == TokenKind.KEYWORD && !NOT_FUNCTIONS.contains(x.text()))
          || (x.kind() == TokenKind.OPERATOR && (".,<>?[]:|&*".contains(x.text())
          || x.text().equals(">>") || x.text().equals(">>>")
          || x.text().equals("::") || x.text().equals("?.") || x.text().equals("->")));
      if (!typeish || x.op("{") || x.op("}")) return null;
      j = prevSig(t, j);
      steps++;
    }
    if (j < 0 || !t.get(j).op(")")) return null;
    // Go: the ')' may close a result list: func f(a int) (string, error) {
    int close = j;
    int open = matchingOpen(t, close, "(", ")");
    if (open < 0) return null;
    int nameIdx = prevSig(t, open);
    if (nameIdx < 0) return null;
    Token name = t.get(nameIdx);
    if (lang == Language.GO && name.op("]")) { // type parameters: func Map[T any](xs []T)
      int tp = matchingOpen(t, nameIdx, "[", "]");
      int n2 = tp < 0 ? -1 : prevSig(t, tp);
      if (n2 >= 0 && t.get(n2).kind() == TokenKind.IDENTIFIER) {
        nameIdx = n2;
        name = t.get(nameIdx);
      }
    }
    if (lang == Language.GO) {
      if (name.op(")")) { // result list preceded by parameters
        int o2 = matchingOpen(t, nameIdx, "(", ")");
        int n2 = o2 < 0 ? -1 : prevSig(t, o2);
        if (n2 >= 0 && (t.get(n2).kind() == TokenKind.IDENTIFIER || t.get(n2).word("func"))) {
          close = nameIdx;
          open = o2;
          nameIdx = n2;
          name = t.get(nameIdx);
        }
      }
      if (name.word("func")) {
        // a function-typed result: func Name(params) func(http.Handler) http.Handler {
        int r = prevSig(t, nameIdx);
        if (r >= 0 && t.get(r).op(")")) {
          int ro = matchingOpen(t, r, "(", ")");
          int rn = ro < 0 ? -1 : prevSig(t, ro);
          int rf = rn < 0 ? -1 : prevSig(t, rn);
          if (rn >= 0 && t.get(rn).kind() == TokenKind.IDENTIFIER && rf >= 0 && t.get(rf).word("func")) {
            return new Header(t.get(rn).text(), rf, ro, r, true);
          }
        }
        return new Header("<lambda>", nameIdx, open, close, true);
      }
      int k = prevSig(t, nameIdx);
      if (k >= 0 && t.get(k).word("func")) return new Header(name.text(), k, open, close, true);
      if (k >= 0 && t.get(k).op(")")) { // method receiver
        int ro = matchingOpen(t, k, "(", ")");
        int f = ro < 0 ? -1 : prevSig(t, ro);
        if (f >= 0 && t.get(f).word("func")) return new Header(name.text(), f, open, close, true);
      }
      return null;
    }
    if (name.word("function")) return new Header("<lambda>", nameIdx, open, close, true);
    if (name.kind() != TokenKind.IDENTIFIER) return null;
    if (NOT_FUNCTIONS.contains(name.text())) return null;
    int k = prevSig(t, nameIdx);
    Token before = k >= 0 ? t.get(k) : null;
    if (before != null && (before.op(".") || before.op("?.") || before.word("new")
        || before.op("->") || before.op("::"))) {
      return null;
    }
    boolean keyworded = before != null
        && (before.word("function") || before.word("fun") || before.word("def"));
    if (lang == Language.PHP || lang == Language.KOTLIN) {
      if (!keyworded) return null;
    } else if (lang == Language.JAVA || lang == Language.CSHARP) {
      if (before == null) return new Header(name.text(), nameIdx, open, close, false);
      // a record's or primary constructor's header: record Price(String sku) {
      if (TYPE_DECLARATIONS.contains(before.text())) return null;
      boolean typeBefore = before.kind() == TokenKind.IDENTIFIER || before.kind() == TokenKind.KEYWORD
          || before.op(">") || before.op("]") || before.op("?");
      if (!typeBefore) return null;
    } else if (before != null && !keyworded) {
      // JS/TS methods: the name starts a statement or follows modifiers
      boolean ok = before.op("}") || before.op("{") || before.op(";") || before.op(",")
          || before.op("*") || before.op("=") || before.op(":") || before.op("(")
          || (before.kind() == TokenKind.KEYWORD && MODIFIERS.contains(before.text()))
          || before.word("get") || before.word("set") || before.word("static")
          || name.has(Token.F_LINE_START);
      if (!ok) return null;
    }
    int start = statementStart(t, nameIdx);
    return new Header(name.text(), start, open, close, true);
  }

  private static final Set<String> TYPE_DECLARATIONS = Set.of("record", "class", "struct",
      "interface", "enum");

  private static String arrowName(List<Token> t, int start) {
    int b = prevSig(t, start);
    if (b >= 1 && (t.get(b).op("=") || t.get(b).op(":"))) {
      int nm = prevSig(t, b);
      if (nm >= 0 && t.get(nm).kind() == TokenKind.IDENTIFIER) return t.get(nm).text();
    }
    return "<lambda>";
  }

  private static int statementStart(List<Token> t, int from) {
    int j = from;
    int steps = 0;
    while (j > 0 && steps < 200) {
      int p = prevSig(t, j);
      if (p < 0) return 0;
      Token x = t.get(p);
      if (x.op(";") || x.op("{") || x.op("}")) return j;
      j = p;
      steps++;
    }
    return Math.max(j, 0);
  }

  // ------------------------------------------------------------------ expression bodies

  /** Languages with named functions whose body is one expression, not a block. */
  private static final Set<Language> EXPRESSION_BODIES = Set.of(Language.CSHARP, Language.KOTLIN,
      Language.JAVASCRIPT, Language.TYPESCRIPT);

  /**
   * Named functions whose body is an expression: C# {@code int Twice(int x) => x * 2;}, Kotlin
   * {@code fun twice(x: Int) = x * 2}, JavaScript/TypeScript {@code const tiny = (x) => x * 2;}.
   * Anonymous ones (a lambda passed as an argument) are not reported.
   */
  private static void byExpressionBody(Language lang, SourceView.Segment seg, int si, List<FunctionSpan> out) {
    List<Token> t = seg.tokens();
    boolean kotlin = lang == Language.KOTLIN;
    for (int i = 1; i < t.size(); i++) {
      Token arrow = t.get(i);
      if (!(kotlin ? arrow.op("=") : arrow.op("=>"))) continue;
      int next = i + 1;
      while (next < t.size() && t.get(next).kind() == TokenKind.COMMENT) next++;
      if (next >= t.size() || t.get(next).op("{")) continue;
      int p = prevSig(t, i);
      int open;
      int close;
      int nameIdx;
      if (kotlin) {
        // fun [<T>] [Receiver.]name(params)[: Type] = expr
        int j = p;
        int steps = 0;
        while (j >= 0 && !t.get(j).op(")") && steps++ < 20) {
          Token x = t.get(j);
          boolean typeish = x.kind() == TokenKind.IDENTIFIER || x.op(":") || x.op(".") || x.op("<")
              || x.op(">") || x.op(">>") || x.op(">>>") || x.op("?") || x.op(",");
          if (!typeish) break;
          j = prevSig(t, j);
        }
        if (j < 0 || !t.get(j).op(")")) continue;
        close = j;
        open = matchingOpen(t, close, "(", ")");
        nameIdx = open < 0 ? -1 : prevSig(t, open);
        if (nameIdx < 0 || t.get(nameIdx).kind() != TokenKind.IDENTIFIER) continue;
        boolean fun = false;
        for (int k = prevSig(t, nameIdx), n = 0; k >= 0 && n < 20; k = prevSig(t, k), n++) {
          Token x = t.get(k);
          if (x.word("fun")) {
            fun = true;
            break;
          }
          if (!(x.kind() == TokenKind.IDENTIFIER || x.op(".") || x.op("<") || x.op(">") || x.op(">>")
              || x.op("?") || x.op(","))) {
            break;
          }
        }
        if (!fun) continue;
      } else if (lang == Language.CSHARP) {
        // [modifiers] Type Name(params) => expr;
        if (p < 0 || !t.get(p).op(")")) continue;
        close = p;
        open = matchingOpen(t, close, "(", ")");
        nameIdx = open < 0 ? -1 : prevSig(t, open);
        if (nameIdx < 0 || t.get(nameIdx).kind() != TokenKind.IDENTIFIER
            || NOT_FUNCTIONS.contains(t.get(nameIdx).text())) {
          continue;
        }
        int b = prevSig(t, nameIdx);
        if (b < 0) continue;
        Token before = t.get(b);
        boolean typeBefore = before.kind() == TokenKind.IDENTIFIER || before.kind() == TokenKind.KEYWORD
            && !NOT_FUNCTIONS.contains(before.text()) || before.op(">") || before.op("]") || before.op("?");
        if (!typeBefore) continue;
      } else {
        // const name = [async] (params) => expr   /   name = x => expr
        if (p < 0) continue;
        int start;
        if (t.get(p).op(")")) {
          close = p;
          open = matchingOpen(t, close, "(", ")");
          if (open < 0) continue;
          start = open;
        } else if (t.get(p).kind() == TokenKind.IDENTIFIER) {
          close = p + 1;
          open = p - 1;
          start = p;
        } else {
          continue;
        }
        int b = prevSig(t, start);
        if (b >= 0 && t.get(b).word("async")) start = b;
        // an assignment (const f = ... =>), not a TypeScript function type (cb: (x: T) => void)
        int eq = prevSig(t, start);
        if (eq < 1 || !t.get(eq).op("=")) continue;
        String name = arrowName(t, start);
        if (name.equals("<lambda>")) continue;
        nameIdx = prevSig(t, eq);
        if (nameIdx < 0) continue;
      }
      // the expression ends at ';' or at the next line that starts at bracket depth 0
      int depth = 0;
      int end = next;
      for (; end < t.size(); end++) {
        Token x = t.get(end);
        if (depth == 0 && end > next && x.has(Token.F_LINE_START)) break;
        if (x.kind() != TokenKind.OPERATOR) continue;
        if (x.op("(") || x.op("[") || x.op("{")) depth++;
        else if (x.op(")") || x.op("]") || x.op("}")) {
          if (--depth < 0) break;
        } else if (x.op(";") && depth == 0) {
          end++;
          break;
        }
      }
      // the header starts on the name's line (Kotlin has no ';' to stop statementStart)
      int headerStart = nameIdx;
      while (headerStart > 0 && t.get(headerStart - 1).line() == t.get(nameIdx).line()) headerStart--;
      headerStart = Math.max(headerStart, statementStart(t, nameIdx));
      int last = Math.max(next, end - 1);
      List<FunctionSpan.Param> params = open >= 0 && close > open
          ? params(lang, t, open + 1, close) : List.of();
      FunctionSpan e = new FunctionSpan(t.get(nameIdx).text(), si, headerStart, next, end,
          t.get(headerStart).line(), t.get(Math.min(last, t.size() - 1)).endLine(), params, end <= t.size(), 0);
      // a block function declared after this one starts after it (its header walk-back, which
      // stops only at ';', '{' or '}', would otherwise swallow this declaration)
      for (int k = 0; k < out.size(); k++) {
        FunctionSpan f = out.get(k);
        if (f.segment() == si && f.headerStart() <= headerStart && end > f.headerStart()
            && end < f.bodyStart() && end < t.size() && t.get(end).has(Token.F_LINE_START)) {
          out.set(k, new FunctionSpan(f.name(), si, end, f.bodyStart(), f.end(), t.get(end).line(),
              f.endLine(), f.params(), f.complete(), f.depth()));
        }
      }
      out.add(e);
      i = Math.max(i, end - 1);
    }
  }

  // ------------------------------------------------------------------ parameters

  static List<FunctionSpan.Param> params(Language lang, List<Token> t, int from, int to) {
    List<FunctionSpan.Param> out = new ArrayList<>();
    int depth = 0;
    int partStart = from;
    for (int i = from; i <= to && i <= t.size(); i++) {
      boolean end = i == to || i == t.size();
      if (!end) {
        Token x = t.get(i);
        if (x.kind() == TokenKind.OPERATOR) {
          String s = x.text();
          if (s.equals("(") || s.equals("[") || s.equals("{") || s.equals("<")) depth++;
          else if (s.equals(")") || s.equals("]") || s.equals("}") || s.equals(">")) depth--;
          else if (s.equals(",") && depth == 0) end = true;
        }
      }
      if (end) {
        param(lang, t, partStart, i, out);
        partStart = i + 1;
        if (i == to) break;
      }
    }
    return out;
  }

  private static void param(Language lang, List<Token> t, int a, int b, List<FunctionSpan.Param> out) {
    List<String> annotations = new ArrayList<>();
    List<Token> words = new ArrayList<>();
    int eq = -1;
    int colon = -1;
    boolean destructure = false;
    int depth = 0;
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.COMMENT) continue;
      if (x.op("@") && i + 1 < b && t.get(i + 1).kind() == TokenKind.IDENTIFIER) {
        annotations.add(t.get(i + 1).text());
        i++;
        // skip annotation arguments
        if (i + 1 < b && t.get(i + 1).op("(")) {
          int level = 0;
          for (i = i + 1; i < b; i++) {
            if (t.get(i).op("(")) level++;
            else if (t.get(i).op(")") && --level == 0) break;
          }
        }
        continue;
      }
      if (x.op("[") && lang == Language.CSHARP && i + 1 < b
          && t.get(i + 1).kind() == TokenKind.IDENTIFIER && depth == 0 && words.isEmpty()) {
        annotations.add(t.get(i + 1).text());
        while (i < b && !t.get(i).op("]")) i++;
        continue;
      }
      if (x.kind() == TokenKind.OPERATOR) {
        if ((x.op("{") || x.op("[") || x.op("%")) && words.isEmpty() && depth == 0) destructure = true;
        if (x.op("(") || x.op("[") || x.op("{") || x.op("<")) depth++;
        if (x.op(")") || x.op("]") || x.op("}") || x.op(">")) depth--;
        if (x.op("=") && depth == 0 && eq < 0) eq = i;
        if (x.op(":") && depth == 0 && colon < 0 && eq < 0) colon = i;
      }
      if (eq >= 0 && lang != Language.ELIXIR) continue;
      if (x.kind() == TokenKind.IDENTIFIER) words.add(x);
    }
    if (words.isEmpty()) return;
    if (destructure || lang == Language.ELIXIR) {
      // bound names inside a pattern: identifiers not used as keys, module names or callees
      for (int i = a; i < b; i++) {
        Token x = t.get(i);
        if (x.kind() != TokenKind.IDENTIFIER) continue;
        if (lang != Language.ELIXIR && eq >= 0 && i > eq) break;
        int nx = i + 1 < b ? i + 1 : -1;
        if (nx >= 0 && (t.get(nx).op(":") || t.get(nx).op("(") || t.get(nx).op("."))) continue;
        if (i > a && (t.get(i - 1).op(".") || t.get(i - 1).op("%"))) continue;
        if (Character.isUpperCase(x.text().charAt(0))) continue;
        out.add(new FunctionSpan.Param(x.text(), "", annotations));
      }
      return;
    }
    String name;
    String type;
    switch (lang) {
      case JAVA:
      case CSHARP: {
        Token last = words.get(words.size() - 1);
        name = last.text();
        StringBuilder ty = new StringBuilder();
        for (int i = a; i < b; i++) {
          Token x = t.get(i);
          if (x == last) break;
          if (x.kind() == TokenKind.IDENTIFIER || x.kind() == TokenKind.KEYWORD) {
            if (annotations.contains(x.text()) || MODIFIERS.contains(x.text())) continue;
            ty.append(x.text());
          } else if (x.kind() == TokenKind.OPERATOR && "<>[].?".contains(x.text())) {
            ty.append(x.text());
          }
        }
        type = ty.toString();
        break;
      }
      case PHP: {
        Token var = null;
        StringBuilder ty = new StringBuilder();
        for (Token w : words) {
          if (w.text().startsWith("$")) {
            var = w;
            break;
          }
          ty.append(w.text());
        }
        if (var == null) return;
        name = var.text();
        type = ty.toString();
        break;
      }
      case GO: {
        name = words.get(0).text();
        StringBuilder ty = new StringBuilder();
        for (int k = 1; k < words.size(); k++) ty.append(k > 1 ? "." : "").append(words.get(k).text());
        type = ty.toString();
        break;
      }
      default: {
        Token first = null;
        for (Token w : words) {
          if (!MODIFIERS.contains(w.text())) {
            first = w;
            break;
          }
        }
        if (first == null) return;
        name = first.text();
        StringBuilder ty = new StringBuilder();
        if (colon >= 0) {
          for (int i = colon + 1; i < b; i++) {
            Token x = t.get(i);
            if (x.op("=")) break;
            if (x.kind() == TokenKind.IDENTIFIER || x.kind() == TokenKind.KEYWORD) ty.append(x.text());
          }
        }
        type = ty.toString();
      }
    }
    out.add(new FunctionSpan.Param(name, type, annotations));
  }

  // ------------------------------------------------------------------ indentation languages

  private static void byIndent(Language lang, SourceView.Segment seg, int si, List<FunctionSpan> out) {
    List<Token> t = seg.tokens();
    for (int i = 0; i < t.size(); i++) {
      Token tok = t.get(i);
      if (tok.kind() != TokenKind.KEYWORD || !tok.has(Token.F_LINE_START)) {
        if (!(lang == Language.PYTHON && tok.word("def") && i > 0 && t.get(i - 1).word("async"))
            && !(lang == Language.RUBY && tok.word("def") && rubyVisibilityBefore(t, i))) {
          continue;
        }
      }
      String w = tok.text();
      boolean isDef = lang == Language.PYTHON ? w.equals("def")
          : lang == Language.RUBY ? w.equals("def")
          : w.equals("def") || w.equals("defp") || w.equals("defmacro") || w.equals("defmacrop");
      if (!isDef) continue;
      String text = seg.lines().get(tok.line() - seg.firstLine());
      int indent = SourceView.indentOf(text);
      // name
      int k = i + 1;
      String name = "<anon>";
      if (k < t.size() && (t.get(k).kind() == TokenKind.IDENTIFIER || t.get(k).kind() == TokenKind.KEYWORD)) {
        name = t.get(k).text();
        if (lang == Language.RUBY && k + 2 < t.size() && t.get(k + 1).op(".")) {
          name = t.get(k + 2).text();
          k += 2;
        }
        k++;
      }
      // parameters
      int parenOpen = -1;
      int parenClose = -1;
      if (k < t.size() && t.get(k).op("(") && t.get(k).line() == t.get(k - 1).line()) {
        parenOpen = k;
        int level = 0;
        for (int j = k; j < t.size(); j++) {
          if (t.get(j).op("(")) level++;
          else if (t.get(j).op(")") && --level == 0) {
            parenClose = j;
            break;
          }
        }
      }
      List<FunctionSpan.Param> params = List.of();
      int headerEndTok;
      if (parenOpen >= 0 && parenClose > 0) {
        params = params(lang, t, parenOpen + 1, parenClose);
        headerEndTok = parenClose;
      } else if (lang == Language.RUBY && k < t.size() && t.get(k).line() == tok.line()
          && !t.get(k).op("=")) {
        int e = k;
        while (e < t.size() && t.get(e).line() == tok.line()) e++;
        params = params(lang, t, k, e);
        headerEndTok = e - 1;
      } else {
        headerEndTok = k - 1;
      }
      int headerLine = t.get(Math.max(0, Math.min(headerEndTok, t.size() - 1))).line();
      // one-line Elixir function: def f(x), do: ...; Ruby endless method: def f(x) = expr
      boolean oneLine = lang == Language.RUBY && headerEndTok + 1 < t.size()
          && t.get(headerEndTok + 1).op("=") && t.get(headerEndTok + 1).line() == headerLine;
      if (lang == Language.ELIXIR) {
        for (int j = headerEndTok + 1; j < t.size() && t.get(j).line() == headerLine; j++) {
          if (t.get(j).word("do") && j + 1 < t.size() && t.get(j + 1).op(":")) {
            oneLine = true;
            break;
          }
          if (t.get(j).word("do")) break;
        }
      }
      int bodyStart = headerEndTok + 1;
      if (lang == Language.PYTHON) {
        int j = bodyStart;
        while (j < t.size() && t.get(j).line() <= headerLine + 1 && !t.get(j).op(":")) j++;
        if (j < t.size() && t.get(j).op(":")) {
          bodyStart = j + 1;
          headerLine = t.get(j).line();
        }
      } else {
        while (bodyStart < t.size() && t.get(bodyStart).line() == headerLine
            && (t.get(bodyStart).word("do") || t.get(bodyStart).op(","))) {
          bodyStart++;
        }
      }
      int endLine;
      boolean complete;
      if (oneLine) {
        endLine = headerLine;
        complete = true;
      } else {
        endLine = seg.lastLine();
        complete = false;
        for (int ln = headerLine + 1; ln <= seg.lastLine(); ln++) {
          String lt = seg.lines().get(ln - seg.firstLine());
          int ind = SourceView.indentOf(lt);
          if (ind < 0) continue;
          String trimmed = lt.trim();
          if (trimmed.startsWith("#")) continue;
          if (ind <= indent) {
            boolean closes = lang != Language.PYTHON && (trimmed.equals("end") || trimmed.startsWith("end ")
                || trimmed.startsWith("end)") || trimmed.startsWith("end,"));
            if (closes) {
              endLine = ln;
            } else {
              endLine = ln - 1;
              while (endLine > headerLine && SourceView.indentOf(seg.lines().get(endLine - seg.firstLine())) < 0) {
                endLine--;
              }
            }
            complete = true;
            break;
          }
        }
      }
      int end = bodyStart;
      while (end < t.size() && t.get(end).line() <= endLine) end++;
      int start = i;
      if (lang == Language.PYTHON && i > 0 && t.get(i - 1).word("async")) start = i - 1;
      // include decorators / attributes on the lines just above
      int d = start - 1;
      while (d >= 0 && t.get(d).line() >= tok.line() - 3 && t.get(d).line() < tok.line()
          && (lang == Language.PYTHON || lang == Language.ELIXIR)) {
        Token first = lineFirst(t, d);
        if (first.op("@") || first.kind() == TokenKind.IDENTIFIER && first.text().startsWith("@")) {
          start = indexOf(t, first, d);
          d = start - 1;
        } else {
          break;
        }
      }
      boolean headerVisible = true;
      out.add(new FunctionSpan(name, si, start, Math.min(bodyStart, end), end, t.get(start).line(), endLine,
          params, complete && headerVisible, 0));
    }
  }

  /** Ruby {@code private def x} / {@code protected def x}: only visibility words before {@code def} on its line. */
  private static boolean rubyVisibilityBefore(List<Token> t, int i) {
    int j = i - 1;
    if (j < 0 || t.get(j).line() != t.get(i).line()) return false;
    while (j >= 0 && t.get(j).line() == t.get(i).line()) {
      if (!RUBY_VISIBILITY.contains(t.get(j).text())) return false;
      if (t.get(j).has(Token.F_LINE_START)) return true;
      j--;
    }
    return false;
  }

  private static final Set<String> RUBY_VISIBILITY = Set.of("private", "protected", "public",
      "module_function", "private_class_method");

  private static Token lineFirst(List<Token> t, int idx) {
    int j = idx;
    while (j > 0 && t.get(j - 1).line() == t.get(idx).line()) j--;
    return t.get(j);
  }

  private static int indexOf(List<Token> t, Token tok, int upTo) {
    for (int j = upTo; j >= 0; j--) if (t.get(j) == tok) return j;
    return upTo;
  }
}
