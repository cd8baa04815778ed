package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.FunctionSpan;
import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.lang.TokenKind;
import dev.synapse.analysis.rules.SinkWords;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Intra-procedural taint analysis over the new side of one file, with summaries of the file's
 * own helper functions. Each function (or the code outside functions) is a unit: its statements
 * are walked in order; assignments, string building, containers (put/get, add/get/remove,
 * arrays, builders), loops and branches propagate taint; constant-decided branches, ternaries and
 * switches are folded; sanitisers and guards clear categories; sinks report candidates on the line
 * where untrusted data was mixed into query/command/path/markup text, or else on the sink line.
 *
 * <p>One instance per file and call; not thread-safe, not shared. Time is linear in the tokens
 * times a small constant (at most three walks per unit: two summary walks, the second skipped
 * when it would repeat the first, and one reporting walk; bounded expression nesting). What the
 * walks share per unit is computed once ({@link UnitIndex}).
 */
final class TaintAnalyzer {

  /**
   * A data-flow finding before it becomes a {@link dev.synapse.signal.Finding}.
   *
   * @param rule the rule
   * @param line new-side line
   * @param confidence 0..1
   * @param how the sink or mechanism (for the summary)
   * @param origin where the data came from ({@link Value} O_* bits)
   */
  record Candidate(Rule rule, int line, double confidence, String how, int origin) {}

  /** One analysed unit, with what every walk over it shares ({@link UnitIndex}). */
  /**
   * @param declared parameter names of the functions nested in the unit
   * @param nestedParams those of them that belong to a nested function that is declared or
   *     assigned (a closure, a method of a module wrapper), not passed as a callback: in the
   *     reporting walk they are parameters like the unit's own (issue 12 item 6)
   * @param handler the unit is marked as a request handler (route decorator, annotation,
   *     handler signature): its parameters are request input (issue 12 item 5)
   * @param nestedFns the functions declared (not passed as callbacks) inside the unit, in start
   *     order: a view function registered inside an application factory ({@code def
   *     create_app(): ... @app.route(..) def view(): ...}) answers its own return value
   */
  private record Unit(String name, List<Token> toks, int bodyFrom, List<FunctionSpan.Param> params,
      boolean complete, boolean freeTaint, Set<String> declared, boolean controller, UnitIndex ix,
      Map<String, FunctionSpan.Param> nestedParams, boolean handler, List<NestedFn> nestedFns) {}

  /**
   * A function nested in a unit, by lines of the file's new side.
   *
   * @param name its name
   * @param headerLine the line of its header
   * @param lastHeaderLine the last line of its header (before the body)
   * @param endLine its last visible line
   */
  private record NestedFn(String name, int headerLine, int lastHeaderLine, int endLine) {}

  private record Summary(int mask, long deps, boolean intrinsic, Value ret) {}

  private record R(Value v, int next) {}

  private record Arg(int a, int b, String kw) {}

  private static final int MAX_DEPTH = 120;
  private static final double FREE_CONF = 0.45;
  private static final Value FREE = Value.source(FREE_CONF, Value.O_FREE);
  /** Access paths longer than this are not matched against sources (they never are sources). */
  private static final int MAX_PATH = 160;

  private final SourceView view;
  private final Language lang;
  private final List<FunctionSpan> fns;
  private final Map<String, Summary> summaries = new HashMap<>();
  private final Map<String, Object> globals = new HashMap<>();
  private final Map<String, Candidate> found = new LinkedHashMap<>();
  /** Summary lookups of the current first-pass walk: name to the summary seen (or NO_SUMMARY). */
  private Map<String, Summary> consulted;
  private static final Summary NO_SUMMARY = new Summary(0, 0L, false, Value.CLEAN);

  private Unit u;
  private UnitIndex ix;
  private List<Token> t;
  private final java.util.function.Function<String, Object> constOf = this::constOf;
  private int[] match;
  private Map<String, Value> env;
  private boolean reporting;
  private Value returned;
  private int sanitised;
  private int depth;
  private BitSet dead;
  private Boolean webOutput;
  private Boolean htmlContext;
  /** When the current unit is an HTML-answering request handler: its return row, else null. */
  private ResponseReturns.Hit htmlReturn;
  /** What the analysis knows about APIs (sources, sinks, sanitisers...), from the rule packs. */
  private final SecurityKnowledge k;

  /** Per variable holding a relative path (filepath.Rel...): the names it was computed from. */
  private Map<String, List<String>> relativeOf;

  /** Every line counts as changed: flows anywhere in the view are recorded ({@link #analyzeAllLines}). */
  private final boolean allLines;

  private TaintAnalyzer(SourceView view, List<FunctionSpan> fns, SecurityKnowledge k, boolean allLines) {
    this.k = k;
    this.view = view;
    this.lang = view.language();
    this.fns = fns;
    this.allLines = allLines;
  }

  /** @return whether a candidate may be recorded on the line */
  private boolean changed(int line) {
    return allLines || view.isChanged(line);
  }

  /**
   * @param view the new side of a file
   * @param fns its functions
   * @param knowledge the compiled rule packs
   * @return data-flow candidates, at most one per rule and line
   */
  static List<Candidate> analyze(SourceView view, List<FunctionSpan> fns, SecurityKnowledge knowledge) {
    return analyze(view, fns, knowledge, false);
  }

  /**
   * Like {@link #analyze} but with every line of the view taken as changed: the flows of all the
   * visible code, for comparing the two sides of a diff ({@link RemovedGuards}).
   *
   * @param view either side of a file
   * @param fns its functions
   * @param knowledge the compiled rule packs
   * @return data-flow candidates, at most one per rule and line
   */
  static List<Candidate> analyzeAllLines(SourceView view, List<FunctionSpan> fns, SecurityKnowledge knowledge) {
    return analyze(view, fns, knowledge, true);
  }

  private static List<Candidate> analyze(SourceView view, List<FunctionSpan> fns, SecurityKnowledge knowledge,
      boolean allLines) {
    if (view.language() == Language.UNKNOWN) return List.of();
    TaintAnalyzer a = new TaintAnalyzer(view, fns, knowledge, allLines);
    List<Unit> units = a.units();
    for (Unit unit : units) {
      if (unit.name().equals("<top>")) a.collectGlobals(unit);
    }
    boolean implicitReturn = view.language() == Language.RUBY || view.language() == Language.ELIXIR
        || view.language() == Language.KOTLIN;
    Set<String> called = calledNames(units);
    // per unit summarised in the first pass: the summaries its walk looked up
    Map<Unit, Map<String, Summary>> seen = new java.util.IdentityHashMap<>();
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1 && !a.summariesChanged(seen.values())) break;
      for (Unit unit : units) {
        if (unit.name().equals("<top>") || unit.name().equals("<lambda>")) continue;
        if (!called.contains(unit.name()) && !(implicitReturn && view.language() != Language.KOTLIN)) {
          continue;
        }
        if (!implicitReturn && !hasReturn(unit)) continue;
        if (pass == 1 && !a.summariesChanged(List.of(seen.get(unit)))) continue; // same walk again
        a.consulted = pass == 0 ? new HashMap<>() : null;
        a.run(unit, false);
        if (pass == 0) seen.put(unit, a.consulted);
        Value r = a.returned;
        Summary s = new Summary(r.mask, r.paramDeps, (r.origin & (Value.O_REQUEST | Value.O_FREE)) != 0, r);
        a.summaries.merge(unit.name(), s, (x, y) -> new Summary(x.mask | y.mask, x.deps | y.deps,
            x.intrinsic || y.intrinsic, x.ret().join(y.ret())));
      }
    }
    a.consulted = null;
    boolean summaryMix = a.summaryMixChanged();
    for (Unit unit : units) {
      if (summaryMix || a.touchesChange(unit)) a.run(unit, true);
    }
    return new ArrayList<>(a.found.values());
  }

  /*
   * Why a reporting walk may be skipped: a candidate is recorded only on a changed line, and the
   * line is either a sink token's line or a mix line. Mix lines are lines of the walked unit's own
   * tokens, or come from a summary's return value. So a unit with no token on a changed line,
   * when no summary carries a mix line on a changed line, records nothing.
   */

  /** @return whether some summary's return value carries a mix line on a changed line */
  private boolean summaryMixChanged() {
    for (Summary s : summaries.values()) {
      for (int r = 0; r < Value.RULE_COUNT; r++) {
        int line = s.ret().mix(r);
        if (line > 0 && changed(line)) return true;
      }
    }
    return false;
  }

  /** @return whether a token of the unit starts on a changed line */
  private boolean touchesChange(Unit unit) {
    int last = Integer.MIN_VALUE;
    for (Token x : unit.toks()) {
      int line = x.line();
      if (line == last) continue;
      if (changed(line)) return true;
      last = line;
    }
    return false;
  }

  /**
   * The names a summary can be looked up by: every identifier followed by {@code (} (a call) or
   * {@code <} (a generic call or constructor such as {@code new Foo<T>(...)}; a comparison only
   * adds a name), except the name in a unit's own declaration header ({@code def foo(},
   * {@code void foo(}), which calls nothing. A summary is read only at a call of its name
   * ({@link #call}), so a unit whose name is not here needs no summary walk.
   */
  private static Set<String> calledNames(List<Unit> units) {
    Set<String> called = new HashSet<>();
    for (Unit unit : units) {
      List<Token> ts = unit.toks();
      int[] calls = unit.ix().calls; // identifiers followed by ( or <
      int declared = -1; // the first name( in the header that is the unit's name
      for (int i : calls) {
        if (i < unit.bodyFrom() && (declared < 0 || i < declared) && ts.get(i + 1).op("(")
            && ts.get(i).text().equals(unit.name())) {
          declared = i;
        }
      }
      for (int i : calls) {
        if (i != declared) called.add(ts.get(i).text());
      }
    }
    return called;
  }

  /**
   * Whether a second summary walk could differ from the first: it can only when some lookup of
   * a summary during the first walk saw something other than the summary's current state (absent
   * then, or merged with another unit of the same name afterwards). Otherwise the walk repeats
   * with the same inputs, and joining a summary with itself changes nothing that {@link #call}
   * reads (masks, dependencies, mix lines, text flags). Asked for all first-pass walks (is a
   * second pass needed at all) and, during the second pass, for each unit before re-walking it.
   *
   * @param lookups per first-pass walk, the summaries it looked up (name to the summary seen, or
   *     NO_SUMMARY)
   */
  private boolean summariesChanged(java.util.Collection<Map<String, Summary>> lookups) {
    for (Map<String, Summary> m : lookups) {
      for (Map.Entry<String, Summary> e : m.entrySet()) {
        Summary now = summaries.get(e.getKey());
        if (e.getValue() == NO_SUMMARY ? now != null : now != e.getValue()) return true;
      }
    }
    return false;
  }

  private static boolean hasReturn(Unit unit) {
    for (Token x : unit.toks()) if (x.word("return")) return true;
    return false;
  }

  // ================================================================== units

  private List<Unit> units() {
    List<Unit> out = new ArrayList<>();
    // the functions of each segment, in start order (fns is sorted by segment, then start token)
    List<List<FunctionSpan>> bySegment = new ArrayList<>();
    for (int si = 0; si < view.segments().size(); si++) bySegment.add(new ArrayList<>());
    for (FunctionSpan f : fns) {
      if (f.segment() >= 0 && f.segment() < bySegment.size()) bySegment.get(f.segment()).add(f);
    }
    for (int si = 0; si < view.segments().size(); si++) {
      List<Token> all = view.segments().get(si).tokens();
      boolean[] covered = new boolean[all.size()];
      // comments before each token (null when the segment has none): token i is a comment when
      // comments[i + 1] > comments[i]; tokens are read once here, not once per range
      int[] comments = null;
      if (view.significantTokens(si).size() != all.size()) {
        comments = new int[all.size() + 1];
        for (int i = 0; i < all.size(); i++) {
          comments[i + 1] = comments[i] + (all.get(i).kind() == TokenKind.COMMENT ? 1 : 0);
        }
      }
      List<FunctionSpan> inSeg = bySegment.get(si);
      for (int fi = 0; fi < inSeg.size(); fi++) {
        FunctionSpan f = inSeg.get(fi);
        if (f.depth() != 0) continue;
        int from = f.headerStart();
        int to = Math.min(f.end(), all.size());
        List<Token> toks;
        int bodyFrom;
        if (from >= to) {
          toks = new ArrayList<>();
          bodyFrom = 0;
        } else if (comments == null || comments[to] == comments[from]) {
          toks = new ArrayList<>(all.subList(from, to)); // no comment in range: one array copy
          bodyFrom = Math.max(0, Math.min(f.bodyStart(), to) - from);
          java.util.Arrays.fill(covered, from, to, true);
        } else {
          toks = new ArrayList<>(to - from);
          bodyFrom = 0;
          for (int i = from; i < to; i++) {
            covered[i] = true;
            if (comments[i + 1] > comments[i]) continue;
            if (i < f.bodyStart()) bodyFrom++;
            toks.add(all.get(i));
          }
        }
        Set<String> declared = new HashSet<>();
        Map<String, FunctionSpan.Param> nestedParams = new HashMap<>();
        List<NestedFn> nestedFns = new ArrayList<>();
        // the functions nested in f follow it in start order: each span is scanned once per
        // top-level function that contains it (linear overall; this was quadratic in the
        // number of functions, issue 14 item 11)
        for (int gi = fi + 1; gi < inSeg.size() && inSeg.get(gi).headerStart() < f.end(); gi++) {
          FunctionSpan g = inSeg.get(gi);
          if (g.depth() > 0 && g.end() <= f.end()) {
            boolean callback = callbackAt(all, g.headerStart());
            for (FunctionSpan.Param p : g.params()) {
              declared.add(p.name());
              if (!callback) nestedParams.putIfAbsent(p.name(), p);
            }
            if (!callback && g.headerStart() < all.size() && g.bodyStart() > g.headerStart()) {
              nestedFns.add(new NestedFn(g.name(), all.get(g.headerStart()).line(),
                  all.get(Math.min(g.bodyStart(), all.size()) - 1).line(), g.endLine()));
            }
          }
        }
        boolean controller = !f.params().isEmpty() && (f.params().get(0).name().equals("conn")
            || lang == Language.PYTHON && f.params().get(0).name().equals("request"));
        // Phoenix controller actions (conn, params) and Django views (request, ...) are
        // request handlers too
        boolean handler = controller || requestHandler(toks, bodyFrom, f.params());
        out.add(unit(f.name(), toks, bodyFrom, f.params(), f.complete(), false, declared,
            controller, nestedParams, handler, nestedFns));
      }
      int uncovered = 0;
      for (boolean c : covered) if (!c) uncovered++;
      List<Token> rest = new ArrayList<>(uncovered);
      for (int i = 0; i < all.size(); i++) {
        if (!covered[i] && (comments == null || comments[i + 1] == comments[i])) rest.add(all.get(i));
      }
      if (!rest.isEmpty()) {
        out.add(unit("<top>", rest, 0, List.of(), false, true, Set.of(), false, Map.of(), false, List.of()));
      }
    }
    return out;
  }

  /**
   * @return whether the function whose header starts at token {@code start} is an argument of a
   *     call ({@code forEach(function (x) {..})}, {@code then(r => ..)}): its parameters are
   *     bound by the callee, not by a caller of the diff's code
   */
  private static boolean callbackAt(List<Token> all, int start) {
    int k = start - 1;
    while (k >= 0 && all.get(k).kind() == TokenKind.COMMENT) k--;
    return k >= 0 && (all.get(k).op("(") || all.get(k).op(","));
  }

  private Unit unit(String name, List<Token> toks, int bodyFrom, List<FunctionSpan.Param> params,
      boolean complete, boolean freeTaint, Set<String> declared, boolean controller,
      Map<String, FunctionSpan.Param> nestedParams, boolean handler, List<NestedFn> nestedFns) {
    return new Unit(name, toks, bodyFrom, params, complete, freeTaint, declared, controller,
        new UnitIndex(toks, bodyFrom, lang, view, k), nestedParams, handler, List.copyOf(nestedFns));
  }

  /**
   * Whether the function is marked as a request handler: a route decorator, annotation or
   * attribute in its header ({@code @app.route(..)}, {@code @GetMapping}, {@code [HttpGet]}; names
   * in {@link FlowWords#HANDLER_MARKS}), or a handler signature ({@code w
   * http.ResponseWriter, r *http.Request}, {@link FlowWords#HANDLER_PARAM_TYPES}).
   *
   * @param toks the unit's tokens; the header is [0, bodyFrom)
   */
  private static boolean requestHandler(List<Token> toks, int bodyFrom, List<FunctionSpan.Param> ps) {
    for (FunctionSpan.Param p : ps) {
      String ty = p.type().replace(" ", "").toLowerCase(Locale.ROOT);
      if (!ty.isEmpty() && FlowWords.HANDLER_PARAM_TYPES.contains(ty)) return true;
    }
    int end = Math.min(bodyFrom, toks.size());
    for (int i = 0; i + 1 < end; i++) {
      Token x = toks.get(i);
      boolean mark = x.op("@") || x.op("[") || x.op("#[");
      if (!mark) continue;
      // the last name of the decorator's dotted chain: @app.route, @router.get, @GetMapping
      int j = i + 1;
      String last = null;
      while (j < end && toks.get(j).kind() == TokenKind.IDENTIFIER) {
        last = toks.get(j).text();
        if (j + 1 < end && toks.get(j + 1).op(".")) j += 2;
        else break;
      }
      if (last != null && FlowWords.HANDLER_MARKS.contains(last.toLowerCase(Locale.ROOT))) return true;
    }
    return false;
  }

  /** Constant globals of the code outside functions (a {@code <top>} unit: body from token 0). */
  private void collectGlobals(Unit unit) {
    List<Token> toks = unit.toks();
    for (Statements.Stmt s : unit.ix().stmts) {
      int k = -1;
      for (int i = s.a(); i < s.b(); i++) {
        if (toks.get(i).op("=") || toks.get(i).op(":=")) {
          k = i;
          break;
        }
        if (toks.get(i).op("(")) break;
      }
      if (k <= s.a() || k + 2 != s.b() && !(k + 2 == s.b() - 0)) continue;
      Token name = toks.get(k - 1);
      Token val = toks.get(k + 1);
      if (name.kind() != TokenKind.IDENTIFIER) continue;
      Object c = literal(val);
      if (c != null) globals.put(name.text(), c);
    }
  }

  private static Object literal(Token val) {
    if (val.kind() == TokenKind.STRING && !val.has(Token.F_INTERPOLATED)) {
      if (val.text().length() == 1 && "'".equals(val.prefix())) return val.text().charAt(0);
      return val.text();
    }
    if (val.kind() == TokenKind.NUMBER) return integerLiteral(val.text());
    if (val.kind() != TokenKind.IDENTIFIER && val.kind() != TokenKind.KEYWORD) return null;
    switch (val.text()) {
      case "true": case "True": return Boolean.TRUE;
      case "false": case "False": return Boolean.FALSE;
      default: return null;
    }
  }

  /**
   * {@link Long#parseLong} of a number literal without its {@code _} separators and one trailing
   * {@code l}/{@code L}.
   *
   * @return the value, or null when the text is not a decimal integer literal (hex, float,
   *     overflow...); shapes that are plainly not integers are rejected without parsing, so the
   *     common case throws no exception
   */
  private static Long integerLiteral(String text) {
    String s = text.indexOf('_') >= 0 ? text.replace("_", "") : text;
    int n = s.length();
    if (n > 0 && (s.charAt(n - 1) == 'l' || s.charAt(n - 1) == 'L')) s = s.substring(0, --n);
    boolean ascii = true;
    boolean digits = n > 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 128) ascii = false;
      else if (!(c >= '0' && c <= '9' || i == 0 && n > 1 && (c == '-' || c == '+'))) digits = false;
    }
    if (ascii && !digits) return null;
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ================================================================== unit walk

  private void run(Unit unit, boolean report) {
    this.u = unit;
    this.t = unit.toks();
    this.ix = unit.ix();
    this.match = ix.match;
    this.env = new HashMap<>();
    this.reporting = report;
    this.returned = Value.CLEAN;
    this.sanitised = 0;
    this.depth = 0;
    this.dead = new BitSet(t.size());
    this.webOutput = null;
    this.htmlContext = null;
    this.htmlReturn = report ? ResponseReturns.of(view, unit.toks(), unit.bodyFrom(), unit.name(), k) : null;
    this.relativeOf = new HashMap<>();
    List<FunctionSpan.Param> ps = unit.params();
    for (int i = 0; i < ps.size(); i++) {
      env.put(ps.get(i).name(), paramValue(ps.get(i), i, unit, report));
    }
    if (report) {
      // parameters of closures and of functions in module wrappers: like the unit's own (no
      // summary dependency: index 63 is past the tracked ones)
      for (FunctionSpan.Param p : unit.nestedParams().values()) {
        env.putIfAbsent(p.name(), paramValue(p, 63, unit, true));
      }
    }
    for (String d : unit.declared()) env.putIfAbsent(d, Value.CLEAN);
    List<Statements.Stmt> stmts = ix.stmts;
    int base = Integer.MAX_VALUE;
    for (Statements.Stmt s : stmts) base = Math.min(base, s.level());
    // Python: the statements at the top of a nested function's body (a view declared inside an
    // application factory) run in sequence when that function runs: they are conditional only
    // relative to that body's own level, not to the enclosing unit's
    Map<NestedFn, Integer> bodyLevel = lang == Language.PYTHON && !unit.nestedFns().isEmpty()
        ? new HashMap<>() : null;
    for (int si = 0; si < stmts.size(); si++) {
      Statements.Stmt s = stmts.get(si);
      if (dead.get(s.a())) continue;
      int level = base;
      if (bodyLevel != null) {
        NestedFn inner = innermostNested(t.get(s.a()).line());
        if (inner != null) level = bodyLevel.computeIfAbsent(inner, x -> s.level());
      }
      statement(s.a(), s.b(), s.level() > level, stmts, si);
    }
    if (report) pending();
  }

  private Value paramValue(FunctionSpan.Param p, int index, Unit unit, boolean report) {
    if (k.safeType(p.type())) return Value.CLEAN;
    if (!report) return Value.param(index, 1.0);
    for (String a : p.annotations()) {
      if (k.sourceAnnotation(a)) return Value.source(0.9, Value.O_REQUEST);
    }
    String n = p.name();
    if (k.frameworkParam(n) || n.startsWith("_")) return Value.CLEAN;
    if (n.equals("args") && unit.name().equals("main")) return Value.source(0.8, Value.O_REQUEST);
    if (unit.handler()) return Value.source(0.85, Value.O_REQUEST);
    return Value.param(index, unit.controller() ? 0.85 : 0.6);
  }

  private void pending() {
    List<Value> vals = new ArrayList<>(env.values());
    vals.add(returned);
    for (Value v : vals) {
      Value f = v.keyed != null ? v.flatten() : v;
      for (Rule r : new Rule[] {Rule.SQL_INJECTION, Rule.PATH_TRAVERSAL}) {
        if (!f.tainted(r) || (f.strongMix & r.bit()) == 0 || (sanitised & r.bit()) != 0) continue;
        if (r == Rule.PATH_TRAVERSAL && f.conf < 0.8) continue;
        int line = f.mix(r);
        if (line > 0 && changed(line)) {
          record(r, line, f.conf * 0.8, "built text", f.origin);
        }
      }
    }
  }

  private void record(Rule r, int line, double conf, String how, int origin) {
    double c = Math.max(0.05, Math.min(0.99, conf * (u.complete() ? 1.0 : 0.85)));
    String key = r.name() + ":" + line;
    Candidate old = found.get(key);
    if (old == null || old.confidence() < c) found.put(key, new Candidate(r, line, round(c), how, origin));
  }

  private static double round(double c) {
    return Math.round(c * 100) / 100.0;
  }

  // ================================================================== statements

  /**
   * Words that can start a statement handled specially by {@link #statement} or {@link #simple}
   * (a statement starting with any other token skips those tests).
   */
  private static final Set<String> LEAD_WORDS = Set.of("case", "default", "else", "try",
      "finally", "do", "begin", "ensure", "if", "elif", "elsif", "unless", "while", "until",
      "switch", "when", "cond", "for", "foreach", "with", "return", "yield", "throw", "raise",
      "include", "require", "include_once", "require_once", "echo", "print");

  /** @return whether {@code x} is an identifier or keyword in {@link #LEAD_WORDS} */
  private static boolean leadWord(Token x) {
    return (x.kind() == TokenKind.KEYWORD || x.kind() == TokenKind.IDENTIFIER)
        && LEAD_WORDS.contains(x.text());
  }

  private void statement(int a, int b, boolean cond, List<Statements.Stmt> stmts, int si) {
    if (a >= b) return;
    Token f = t.get(a);
    if (lang == Language.PYTHON && f.kind() == TokenKind.IDENTIFIER && f.text().equals("match")
        && b - a > 2 && t.get(b - 1).op(":") && !t.get(a + 1).op("(") && !t.get(a + 1).op(".")
        && !t.get(a + 1).op("=")) {
      foldMatch(a, b, stmts, si);
      return;
    }
    if (leadWord(f) && leadStatement(f, a, b, stmts, si)) return;
    loopLambda(a, b);
    if (lang == Language.RUBY || lang == Language.PYTHON && false) {
      int m = topLevelWord(a + 1, b, "if", "unless", "while", "until");
      if (m > a) {
        eval(m + 1, b);
        simple(a, m, true);
        guards(m + 1, b);
        return;
      }
    }
    simple(a, b, cond);
  }

  /**
   * The statements that start with one of {@link #LEAD_WORDS}: labels, block openers, control
   * flow, loops, {@code with}.
   *
   * @return true when the statement was handled
   */
  private boolean leadStatement(Token f, int a, int b, List<Statements.Stmt> stmts, int si) {
    if ((f.word("case") && lang.family() == Language.Family.C_LIKE) || f.word("default")
        && a + 1 < b && t.get(a + 1).op(":")) {
      int c = topLevel(a, b, ":");
      if (c < 0 || c + 1 >= b) return true;
      statement(c + 1, b, true, stmts, si);
      return true;
    }
    if (f.word("else") || f.word("try") || f.word("finally") || f.word("do") && lang != Language.ELIXIR
        || f.word("begin") || f.word("ensure")) {
      int s = a + 1;
      if (s < b && t.get(s).op(":")) s++;
      if (s < b && (t.get(s).word("if") || t.get(s).word("if"))) {
        statement(s, b, true, stmts, si);
      } else if (s < b && !dead.get(s)) {
        simple(s, b, true);
      }
      return true;
    }
    if (f.word("if") || f.word("elif") || f.word("elsif") || f.word("unless") || f.word("while")
        || f.word("until") || f.word("switch") || f.word("when") && lang == Language.KOTLIN
        || (f.word("case") || f.word("cond")) && lang != Language.JAVA) {
      control(a, b, stmts, si);
      return true;
    }
    if (f.word("for") || f.word("foreach")) {
      forLoop(a, b);
      return true;
    }
    if (f.word("with") && lang == Language.PYTHON) {
      withStatement(a, b);
      return true;
    }
    return false;
  }

  private void simple(int a, int b, boolean cond) {
    if (a >= b) return;
    Token f = t.get(a);
    boolean lead = leadWord(f);
    if (lead && (f.word("return") || f.word("yield") || f.word("throw") || f.word("raise"))) {
      Value v = eval(a + 1, b);
      if (!f.word("throw") && !f.word("raise")) returned = returned.join(v);
      if (reporting && f.word("return")) {
        ResponseReturns.Hit h = nestedHtmlReturn(f.line());
        if (h != null) {
          ResponseReturns.Hit saved = htmlReturn;
          htmlReturn = h;
          htmlReturn(v, f, a + 1, b);
          htmlReturn = saved;
        } else if (htmlReturn != null) {
          htmlReturn(v, f, a + 1, b);
        }
      }
      guards(a, b);
      return;
    }
    if (lead && lang == Language.PHP && (f.word("include") || f.word("require") || f.word("include_once")
        || f.word("require_once"))) {
      Value v = eval(a + 1, b);
      sink(Rule.PATH_TRAVERSAL, v, f.line(), 0.9, f.text(), 0);
      return;
    }
    if (lead && lang == Language.PHP && (f.word("echo") || f.word("print"))) {
      Value v = eval(a + 1, b);
      sink(Rule.XSS, v, f.line(), 0.9, f.text(), 0);
      return;
    }
    if (reporting && lang == Language.RUBY && !lead && b < t.size() && t.get(b).word("end")
        && findAssign(a, b) < 0) {
      ResponseReturns.Hit h = ResponseReturns.ofBlock(view, f.line(), k);
      if (h != null) { // the block's value is the response body (Sinatra route)
        ResponseReturns.Hit saved = htmlReturn;
        htmlReturn = h;
        htmlReturn(eval(a, b), f, a, b);
        htmlReturn = saved;
      }
    }
    if (lang == Language.ELIXIR && b - a == 1 && f.kind() == TokenKind.IDENTIFIER) {
      returned = returned.join(lookup(f.text()));
    }
    if ((lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT) && f.op("(") && match[a] == b - 1
        || b - a > 1 && f.op("(") && match[a] == b - 2 && t.get(b - 1).op(";")) {
      simple(a + 1, match[a], cond); // ({ a } = obj);
      return;
    }
    int k = findAssign(a, b);
    if (k > a && objectPattern(a, k, b, cond)) {
      guards(a, b);
      return;
    }
    if (k > a) {
      Value rhs = tupleRhs(k + 1, b);
      assign(a, k, rhs, t.get(k).text(), cond);
    } else {
      Value v = eval(a, b);
      if (lang == Language.ELIXIR || lang == Language.RUBY) returned = v;
    }
    guards(a, b);
  }

  /**
   * The right-hand side of an assignment; a bare tuple ({@code a, b = 'x', y} in Python, Ruby's
   * {@code a, b = 1, y}, Go's {@code a, b := x, y}) is a positional list so that targets unpack
   * element-wise.
   */
  private Value tupleRhs(int a, int b) {
    if (!(lang == Language.PYTHON || lang == Language.RUBY || lang == Language.GO) || a >= b
        || t.get(a).word("lambda") || topLevel(a, b, ",") < 0) {
      return eval(a, b);
    }
    List<Value> items = new ArrayList<>();
    Value r = Value.CLEAN;
    for (Arg g : splitArgs(a, b)) {
      if (g.kw() != null) return eval(a, b);
      Value v = eval(g.a(), g.b());
      items.add(v);
      r = r.withText(v.text);
    }
    return r.asList(items);
  }

  /**
   * JS/TS object destructuring {@code const { q, params: { id } } = req}: each bound name gets
   * the value of the access path it names ({@code req.q}, {@code req.params.id}).
   *
   * @return true when the statement was handled
   */
  private boolean objectPattern(int a, int k, int b, boolean cond) {
    if (!(lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT) || !t.get(k).op("=")) return false;
    int s = a;
    while (s < k && t.get(s).kind() == TokenKind.KEYWORD) s++;
    if (s >= k || !t.get(s).op("{") || match[s] != k - 1) return false;
    Value whole = eval(k + 1, b);
    String rhsPath = null;
    boolean plain = k + 1 < b;
    for (int i = k + 1; i < b && plain; i++) {
      Token x = t.get(i);
      plain = isName(x) || x.op(".") || x.op("?.") || x.op(";");
    }
    if (plain) rhsPath = chainText(k + 1, t.get(b - 1).op(";") ? b - 1 : b);
    bindPattern(s, k - 1, rhsPath, whole, cond);
    return true;
  }

  private void bindPattern(int open, int close, String path, Value whole, boolean cond) {
    int i = open + 1;
    while (i < close) {
      int end = i;
      while (end < close && !t.get(end).op(",")) {
        Token x = t.get(end);
        if ((x.op("{") || x.op("[") || x.op("(")) && match[end] > end) end = match[end];
        end++;
      }
      // one property: name | key: name | key: { ... } | name = default | ...rest
      int colon = -1;
      for (int j = i; j < end; j++) {
        if (t.get(j).op(":")) {
          colon = j;
          break;
        }
      }
      Token first = t.get(i);
      if (first.op("...") && i + 1 < end && isName(t.get(i + 1))) {
        env.put(t.get(i + 1).text(), cond ? whole.join(env.getOrDefault(t.get(i + 1).text(), Value.CLEAN)) : whole);
      } else if (isName(first)) {
        String key = first.text();
        String sub = path == null ? null : path + "." + key;
        Value v = memberValue(sub, whole);
        if (colon > i && colon + 1 < end && t.get(colon + 1).op("{") && match[colon + 1] > colon + 1) {
          bindPattern(colon + 1, match[colon + 1], sub, v, cond);
        } else {
          int nameAt = colon > i && colon + 1 < end ? colon + 1 : i;
          if (isName(t.get(nameAt))) {
            String name = t.get(nameAt).text();
            Value old = env.get(name);
            env.put(name, cond && old != null ? old.join(v) : v);
          }
        }
      }
      i = end + 1;
    }
  }

  private Value memberValue(String path, Value whole) {
    if (path != null) {
      Value v = lookup(path);
      if (v.tainted()) return v;
      double sc = sourceOf(path.toLowerCase(Locale.ROOT), lang);
      if (sc > 0) return Value.source(sc, Value.O_REQUEST);
    }
    return whole.flatten();
  }

  private int findAssign(int a, int b) {
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.OPERATOR) {
        String s = x.text();
        if (s.equals("(") || s.equals("[") || s.equals("{")) {
          if (s.equals("{") && i == a && lang != Language.ELIXIR && lang.family() == Language.Family.C_LIKE
              && !(lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT)) {
            return -1;
          }
          int j = match[i];
          if (j < 0 || j >= b) return -1;
          i = j;
          continue;
        }
        if (s.equals("=") || s.equals(":=") || s.equals("+=") || s.equals(".=") || s.equals("||=")
            || s.equals("??=") || s.equals("<<") && lang == Language.RUBY && i == a + 1) {
          return i;
        }
        if (s.equals("=>") || s.equals("->") || s.equals("?") || s.equals("|>")) return -1;
      } else if (x.kind() == TokenKind.KEYWORD && (x.text().equals("return") || x.text().equals("if"))) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * @return the value of the key of an assignment target ending in a subscript ({@code
   *     session[key] = v}: a key chosen by input is as untrusted as the value), else clean
   */
  private Value subscriptKey(int a, int k) {
    if (k - 1 <= a || !t.get(k - 1).op("]")) return Value.CLEAN;
    for (int o = a; o < k - 1; o++) {
      if (t.get(o).op("[") && match[o] == k - 1) return o + 1 < k - 1 ? eval(o + 1, k - 1).flatten() : Value.CLEAN;
    }
    return Value.CLEAN;
  }

  private void assign(int a, int k, Value rhs, String op, boolean cond) {
    String lhs = lang == Language.TYPESCRIPT || lang == Language.JAVASCRIPT ? uncastText(a, k) : chainText(a, k);
    String lower = lhs.toLowerCase(Locale.ROOT);
    int line = t.get(k).line();
    // sinks on the left-hand side
    Value flat = rhs.flatten();
    List<SecurityKnowledge.AssignmentSink> lhsSinks = this.k.assignmentSinks(lower, lang);
    if (!lhsSinks.isEmpty()) flat = flat.join(subscriptKey(a, k));
    for (SecurityKnowledge.AssignmentSink s : lhsSinks) {
      if (s.htmlContext() && !htmlContext()) continue;
      sink(s.rule(), flat, line, s.conf(), s.label(), 0);
    }
    boolean compound = !op.equals("=") && !op.equals(":=");
    List<String> targets = targets(a, k);
    if (!targets.isEmpty()) relativePathAssigned(targets.get(0), k + 1);
    boolean multi = targets.size() > 1;
    List<Value> unpacked = multi ? rhs.listItems() : null; // a, b = 'x', y: element-wise
    if (unpacked != null && unpacked.size() != targets.size()) unpacked = null;
    int ti = -1;
    for (String target : targets) {
      ti++;
      if (unpacked != null) rhs = unpacked.get(ti);
      int bracket = target.indexOf('[');
      if (bracket > 0) {
        String base = target.substring(0, bracket);
        String key = target.substring(bracket + 1, target.length() - 1);
        Value container = env.getOrDefault(base, Value.CLEAN);
        if (key.equals("?")) env.put(base, container.join(rhs.flatten()));
        else if (key.isEmpty()) {
          List<Value> items = container.listItems();
          if (items == null && container.keyed == null) items = new ArrayList<>();
          if (items != null) {
            items = new ArrayList<>(items);
            items.add(rhs);
            env.put(base, container.asList(items));
          } else {
            env.put(base, container.join(rhs.flatten()));
          }
        } else {
          env.put(base, container.put(key, rhs));
        }
        continue;
      }
      Value old = env.get(target);
      Value nv = multi && unpacked == null ? rhs.flatten() : rhs;
      if (compound) nv = concat(old == null ? Value.CLEAN : old, nv, line);
      else if (cond && old != null) nv = old.join(nv);
      env.put(target, nv);
    }
  }

  /** Compound assignment (+=, .=, <<): appends to the old value as string building. */
  private Value concat(Value old, Value add, int line) {
    Value r = old.join(add);
    if (add.tainted()) {
      int text = old.text | add.text;
      int rel = TextClass.relevance(text);
      Value m = add.mixed(rel, line, TextClass.strong(text) & rel);
      r = old.join(m);
    }
    return r;
  }

  private List<String> targets(int a, int k) {
    List<String> out = new ArrayList<>();
    int end = k;
    // type annotation  x: T = ...
    int colon = topLevel(a, k, ":");
    if (colon > a && lang != Language.ELIXIR && lang != Language.RUBY) end = colon;
    int s = a;
    while (s < end && t.get(s).kind() == TokenKind.KEYWORD && !t.get(s).word("this")
        && !t.get(s).word("self")) {
      s++;
    }
    if (s >= end) return out;
    boolean destructure = t.get(s).op("{") || t.get(s).op("[") || t.get(s).op("%")
        || t.get(s).op("(") || topLevel(s, end, ",") > 0;
    if (destructure && !(lang == Language.JAVA || lang == Language.CSHARP)) {
      for (int i = s; i < end; i++) {
        Token x = t.get(i);
        if (x.kind() != TokenKind.IDENTIFIER) continue;
        if (i + 1 < end && (t.get(i + 1).op(":") && lang != Language.PYTHON || t.get(i + 1).op("(")
            || t.get(i + 1).op("."))) {
          continue;
        }
        if (i > s && (t.get(i - 1).op(".") || t.get(i - 1).op("="))) continue;
        if (Character.isUpperCase(x.text().charAt(0)) && lang != Language.GO) continue;
        if (x.text().equals("_")) continue;
        out.add(x.text());
      }
      return out;
    }
    // index target  x[k] = v
    if (t.get(end - 1).op("]")) {
      int open = match[end - 1];
      if (open > s) {
        String base = chainText(s, open);
        Object key = constEval(open + 1, end - 1);
        String ks = open + 1 == end - 1 ? "" : key == null ? "?" : keyString(key);
        out.add(base + "[" + ks + "]");
        return out;
      }
    }
    // last chain
    int i = end - 1;
    int start = i;
    while (start - 2 >= s && ix.member(start - 1) && isName(t.get(start - 2))) start -= 2;
    if (isName(t.get(i))) out.add(chainText(start, end));
    return out;
  }


  private static boolean isName(Token x) {
    return x.kind() == TokenKind.IDENTIFIER || x.word("this") || x.word("self");
  }

  /**
   * {@link #chainText} seeing through TypeScript casts and grouping: {@code (req.session as any).x},
   * {@code (<any>req.session).x}, {@code req.session!.x}.
   */
  private String uncastText(int a, int b) {
    StringBuilder sb = new StringBuilder();
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (x.op("(") || x.op(")") || x.op("!")) continue;
      if (x.text().equals("as") && x.kind() != TokenKind.STRING) {
        while (i + 1 < b && !t.get(i + 1).op(")") && !ix.member(i + 1)) i++;
        continue;
      }
      if (x.op("<") && (i == a || t.get(i - 1).op("("))) {
        int depthLt = 0;
        for (; i < b; i++) {
          if (t.get(i).op("<")) depthLt++;
          else if (t.get(i).op(">") && --depthLt == 0) break;
        }
        continue;
      }
      if (ix.member(i)) sb.append('.');
      else sb.append(x.text());
    }
    return sb.toString();
  }

  private String chainText(int a, int b) {
    StringBuilder sb = new StringBuilder();
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (ix.member(i)) sb.append('.');
      else if (x.kind() == TokenKind.STRING) sb.append(x.text());
      else if (x.kind() == TokenKind.SYMBOL) sb.append(x.text());
      else sb.append(x.text());
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ control flow

  private void control(int a, int b, List<Statements.Stmt> stmts, int si) {
    Token f = t.get(a);
    boolean negate = f.word("unless") || f.word("until");
    int condA;
    int condB;
    boolean parens = a + 1 < b && t.get(a + 1).op("(") && match[a + 1] > 0 && match[a + 1] < b
        && lang.family() == Language.Family.C_LIKE;
    if (parens) {
      condA = a + 2;
      condB = match[a + 1];
    } else {
      condA = a + 1;
      condB = b;
      for (int i = condA; i < b; i++) {
        Token x = t.get(i);
        if (x.op(":") && lang == Language.PYTHON || x.word("do") || x.word("then")) {
          condB = i;
          break;
        }
        if (ix.opener(i)) {
          if (match[i] > 0 && match[i] < b) i = match[i];
        }
      }
    }
    Value cv = eval(condA, condB);
    guards(condA, condB);
    Boolean c = f.word("switch") || f.word("case") && lang != Language.ELIXIR || f.word("when")
        ? null : constCondition(condA, condB);
    if (c != null && negate) c = !c;
    if (f.word("switch") && parens) {
      Object sv = constEval(condA, condB);
      if (sv != null) foldSwitch(condB + 1, sv);
    }
    if (c != null) {
      if (lang.family() == Language.Family.C_LIKE && parens) foldC(condB, c);
      else foldIndented(stmts, si, c);
    }
    int rest = condB + 1;
    if (f.word("case") && lang == Language.ELIXIR) returned = cv;
    if (rest < b && !dead.get(rest)) {
      if (lang.family() == Language.Family.C_LIKE) statement(rest, b, true, stmts, si);
      else if (lang == Language.PYTHON) simple(rest, b, true);
    }
  }

  private void foldC(int condClose, boolean c) {
    int thenStart = condClose + 1;
    int thenEnd = bodyEnd(thenStart);
    int elseStart = -1;
    int elseEnd = -1;
    if (thenEnd < t.size() && t.get(thenEnd).word("else")) {
      elseStart = thenEnd;
      elseEnd = thenEnd + 1 < t.size() && t.get(thenEnd + 1).word("if")
          ? ifChainEnd(thenEnd + 1, 0) : bodyEnd(thenEnd + 1);
    }
    if (c && elseStart >= 0) dead.set(elseStart, Math.min(elseEnd, t.size()));
    if (!c) dead.set(thenStart, Math.min(thenEnd, t.size()));
  }

  private int bodyEnd(int s) {
    if (s >= t.size()) return t.size();
    if (t.get(s).op("{")) return match[s] < 0 ? t.size() : match[s] + 1;
    for (int i = s; i < t.size(); i++) {
      Token x = t.get(i);
      if (ix.opener(i)) {
        if (match[i] < 0) return t.size();
        i = match[i];
        continue;
      }
      if (x.op(";")) return i + 1;
    }
    return t.size();
  }

  private int ifChainEnd(int ifIdx, int guard) {
    if (guard > 50 || ifIdx + 1 >= t.size() || !t.get(ifIdx + 1).op("(")) return bodyEnd(ifIdx);
    int close = match[ifIdx + 1];
    if (close < 0) return t.size();
    int te = bodyEnd(close + 1);
    if (te < t.size() && t.get(te).word("else")) {
      return te + 1 < t.size() && t.get(te + 1).word("if") ? ifChainEnd(te + 1, guard + 1)
          : bodyEnd(te + 1);
    }
    return te;
  }

  private void foldIndented(List<Statements.Stmt> stmts, int si, boolean c) {
    int level = stmts.get(si).level();
    int j = si + 1;
    while (j < stmts.size() && stmts.get(j).level() > level) {
      if (!c) markDead(stmts.get(j));
      j++;
    }
    while (j < stmts.size() && stmts.get(j).level() == level) {
      Token first = t.get(stmts.get(j).a());
      boolean elseLike = first.word("else") || first.word("elif") || first.word("elsif");
      if (!elseLike) break;
      if (!c && !first.word("else")) break; // an elif is decided on its own
      if (c) markDead(stmts.get(j));
      j++;
      while (j < stmts.size() && stmts.get(j).level() > level) {
        if (c) markDead(stmts.get(j));
        j++;
      }
      if (!c) break;
    }
  }

  /**
   * A Python {@code match subject:} statement (PEP 634) whose subject is a constant: a {@code case}
   * whose literal patterns (alternatives joined by {@code |}) cannot equal it is dead, and so is
   * every case after one that surely matches (a literal equal to it, {@code _}, or a bare capture
   * name). Cases with other patterns or an {@code if} guard are left undecided.
   */
  private void foldMatch(int a, int b, List<Statements.Stmt> stmts, int si) {
    eval(a + 1, b - 1);
    Object subject = constEval(a + 1, b - 1);
    if (subject == null || si < 0 || si >= stmts.size() || stmts.get(si).a() != a) return;
    int level = stmts.get(si).level();
    int j = si + 1;
    int caseLevel = j < stmts.size() ? stmts.get(j).level() : level;
    if (caseLevel <= level) return;
    boolean matched = false;
    while (j < stmts.size() && stmts.get(j).level() >= caseLevel) {
      Statements.Stmt cs = stmts.get(j);
      int end = j + 1;
      while (end < stmts.size() && stmts.get(end).level() > caseLevel) end++;
      if (cs.level() == caseLevel && t.get(cs.a()).word("case")) {
        Boolean m = matched ? Boolean.FALSE : casePattern(cs.a() + 1, cs.b(), subject);
        if (m == Boolean.FALSE) {
          for (int k = j; k < end; k++) markDead(stmts.get(k));
        } else if (m == Boolean.TRUE) {
          matched = true;
        }
      }
      j = end;
    }
  }

  /** @return whether a case pattern in [a, b) (up to its {@code :}) matches {@code subject}; null when undecided */
  private Boolean casePattern(int a, int b, Object subject) {
    int colon = -1;
    for (int i = a; i < b; i++) {
      if (ix.opener(i) && match[i] > i && match[i] < b) {
        i = match[i];
        continue;
      }
      if (t.get(i).word("if")) return null; // a guard
      if (t.get(i).op(":")) {
        colon = i;
        break;
      }
    }
    if (colon <= a) return null;
    boolean undecided = false;
    int s = a;
    for (int i = a; i <= colon; i++) {
      if (i < colon && !t.get(i).op("|")) continue;
      if (i == s + 1 && t.get(s).kind() == TokenKind.IDENTIFIER && !t.get(s).text().contains(".")) {
        return Boolean.TRUE; // _ or a capture name: matches anything
      }
      Object lit = i > s ? ConstEval.eval(t, s, i, name -> null) : null;
      if (lit == null) undecided = true;
      else if (ConstEval.same(lit, subject)) return Boolean.TRUE;
      s = i + 1;
    }
    return undecided ? null : Boolean.FALSE;
  }

  private void markDead(Statements.Stmt s) {
    dead.set(s.a(), Math.min(s.b(), t.size()));
  }

  private void foldSwitch(int open, Object value) {
    if (open >= t.size() || !t.get(open).op("{") || match[open] < 0) return;
    int close = match[open];
    boolean live = false;
    boolean finished = false;
    int liveFrom = -1;
    List<int[]> keep = new ArrayList<>();
    int i = open + 1;
    // find labels at depth 1
    List<Integer> labels = new ArrayList<>();
    for (int k = open + 1; k < close; k++) {
      Token x = t.get(k);
      if (ix.opener(k)) {
        if (match[k] > 0) k = match[k];
        continue;
      }
      if (x.word("case") || x.word("default")) labels.add(k);
    }
    int start = -1;
    for (int li : labels) {
      if (t.get(li).word("default")) continue;
      int colon = topLevel(li, close, ":");
      if (colon < 0) continue;
      Object lv = constEval(li + 1, colon);
      if (lv != null && equalConst(lv, value)) {
        start = li;
        break;
      }
    }
    if (start < 0) {
      for (int li : labels) if (t.get(li).word("default")) start = li;
    }
    int end = close;
    if (start >= 0) {
      for (int k = start; k < close; k++) {
        Token x = t.get(k);
        if (ix.opener(k)) {
          if (match[k] > 0) k = match[k];
          continue;
        }
        if (x.word("break") || x.word("return") || x.word("throw") || x.word("continue")) {
          end = k;
          while (end < close && !t.get(end).op(";")) end++;
          end = Math.min(end + 1, close);
          break;
        }
      }
      dead.set(open + 1, start);
      dead.set(end, close);
    } else {
      dead.set(open + 1, close);
    }
  }

  private static boolean equalConst(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
    if (a instanceof Character x && b instanceof Character y) return x.equals(y);
    return a.equals(b);
  }

  private void forLoop(int a, int b) {
    int lo = a + 1;
    int hi = b;
    if (lo < b && t.get(lo).op("(") && match[lo] > 0 && match[lo] < b) {
      hi = match[lo];
      lo = lo + 1;
    }
    int sep = -1;
    boolean varsAfter = false;
    for (int i = lo; i < hi; i++) {
      Token x = t.get(i);
      if (ix.opener(i)) {
        if (match[i] > 0 && match[i] < hi) i = match[i];
        continue;
      }
      if (x.op(":") && (lang == Language.JAVA || lang == Language.KOTLIN) || x.word("of")
          || x.word("in") || x.op("<-") || x.word("range")) {
        sep = i;
        break;
      }
      if (x.word("as") && lang == Language.PHP) {
        sep = i;
        varsAfter = true;
        break;
      }
    }
    if (sep < 0) {
      eval(lo, hi);
      return;
    }
    int exprA = varsAfter ? lo : sep + 1;
    int exprB = varsAfter ? sep : hi;
    if (lang == Language.PYTHON && exprB > exprA && t.get(exprB - 1).op(":")) exprB--;
    if (lang == Language.ELIXIR || lang == Language.RUBY) {
      for (int i = exprA; i < exprB; i++) if (t.get(i).word("do")) exprB = i;
    }
    Value v = eval(exprA, exprB).flatten();
    int varA = varsAfter ? sep + 1 : lo;
    int varB = varsAfter ? hi : sep;
    for (int i = varA; i < varB; i++) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.IDENTIFIER && !Character.isUpperCase(x.text().charAt(0))
          && !(i + 1 < varB && t.get(i + 1).op("."))) {
        env.put(x.text(), v);
      }
    }
    if (hi + 1 < b && lang.family() == Language.Family.C_LIKE && !dead.get(hi + 1)) {
      simple(hi + 1, b, true);
    }
  }

  private void withStatement(int a, int b) {
    int i = a + 1;
    int start = i;
    int end = b;
    if (end > a && t.get(end - 1).op(":")) end--;
    while (i < end) {
      Token x = t.get(i);
      if (ix.opener(i)) {
        if (match[i] > 0 && match[i] < end) i = match[i];
        i++;
        continue;
      }
      if (x.word("as") && i + 1 < end && t.get(i + 1).kind() == TokenKind.IDENTIFIER) {
        Value v = eval(start, i);
        env.put(t.get(i + 1).text(), v);
        i += 2;
        if (i < end && t.get(i).op(",")) i++;
        start = i;
        continue;
      }
      i++;
    }
    if (start < end) eval(start, end);
  }

  private void loopLambda(int a, int b) {
    for (int i = ix.nextLoop(a); i + 1 < b; i = ix.nextLoop(i + 1)) {
      Token x = t.get(i);
      if (x.kind() != TokenKind.IDENTIFIER || !UnitIndex.LOOP_FUNCS.contains(x.text())) continue;
      if (i < 2 || !ix.member(i - 1)) continue;
      int recvStart = i - 1;
      while (recvStart - 1 >= a && (isName(t.get(recvStart - 1)) || ix.member(recvStart - 1))) {
        recvStart--;
      }
      Value recv = lookup(chainText(recvStart, i - 1)).flatten();
      if (!recv.tainted()) return;
      int p = i + 1;
      List<String> names = new ArrayList<>();
      if (t.get(p).op("(")) p++;
      if (p < b && (t.get(p).word("do") || t.get(p).op("{"))) p++;
      if (p < b && t.get(p).op("|")) {
        for (int k = p + 1; k < b && !t.get(k).op("|"); k++) {
          if (t.get(k).kind() == TokenKind.IDENTIFIER) names.add(t.get(k).text());
        }
      } else if (p < b && t.get(p).op("(")) {
        for (int k = p + 1; k < b && !t.get(k).op(")"); k++) {
          if (t.get(k).kind() == TokenKind.IDENTIFIER) names.add(t.get(k).text());
        }
      } else if (p < b && t.get(p).word("function") && p + 1 < b && t.get(p + 1).op("(")) {
        for (int k = p + 2; k < b && !t.get(k).op(")"); k++) {
          if (t.get(k).kind() == TokenKind.IDENTIFIER) names.add(t.get(k).text());
        }
      } else if (p < b && t.get(p).kind() == TokenKind.IDENTIFIER) {
        names.add(t.get(p).text());
      }
      if (!names.isEmpty()) env.put(names.get(0), recv);
      return;
    }
  }

  // ------------------------------------------------------------------ guards

  private void guards(int a, int b) {
    for (int i = ix.nextGuard(a); i + 1 < b; i = ix.nextGuard(i + 1)) {
      Token x = t.get(i);
      if (lang == Language.PYTHON && x.word("in") && i > a) {
        if (t.get(i - 1).kind() == TokenKind.STRING) quoteCheck(a, b, i - 1);
        int rightEnd = i + 1;
        while (rightEnd < b && !t.get(rightEnd).op(":") && !t.get(rightEnd).word("and")
            && !t.get(rightEnd).word("or")) {
          rightEnd++;
        }
        if (constantCollection(i + 1, rightEnd)) {
          int l = i - 1;
          if (l > a && t.get(l).word("not")) l--;
          if (l >= a && t.get(l).kind() == TokenKind.IDENTIFIER) sanitiseVar(t.get(l).text(), k.allowGuardMask());
        }
        continue;
      }
      if (x.op("=~") && i > a && t.get(i - 1).kind() == TokenKind.IDENTIFIER) {
        sanitiseVar(t.get(i - 1).text(), k.allowGuardMask());
        continue;
      }
      if (x.kind() == TokenKind.STRING) {
        dotDotCheck(a, i);
        continue;
      }
      if (x.kind() != TokenKind.IDENTIFIER || !t.get(i + 1).op("(")) continue;
      String name = lowerOf(i);
      if (FlowWords.CONTAINMENT_GUARDS.contains(name) && match[i + 1] > i + 1) {
        sanitised |= Rule.PATH_TRAVERSAL.bit();
        sanitiseNames(i + 2, match[i + 1], Rule.PATH_TRAVERSAL.bit());
        continue;
      }
      boolean pathGuard = k.pathGuard(name);
      boolean allowGuard = k.allowGuard(name);
      int parseMask = k.parseGuardMask(name);
      if (!pathGuard && !allowGuard && parseMask == 0) continue;
      int close = match[i + 1];
      if (close < 0) continue;
      if (parseMask != 0) {
        // a URL/host parser tested in a condition: its first argument is the checked value
        List<Arg> pargs = splitArgs(i + 2, close);
        sanitised |= parseMask;
        if (!pargs.isEmpty()) sanitiseVar(root(chainText(pargs.get(0).a(), pargs.get(0).b())), parseMask);
        if (!pathGuard && !allowGuard) continue;
      }
      boolean hasRecv = i - 2 >= a && ix.member(i - 1);
      int recvStart = i - 1;
      if (hasRecv) {
        recvStart = i - 2;
        while (recvStart - 2 >= a && ix.member(recvStart - 1) && isName(t.get(recvStart - 2))) {
          recvStart -= 2;
        }
      }
      String recv = hasRecv ? chainText(recvStart, i - 1) : "";
      boolean moduleRecv = recv.isEmpty() || !env.containsKey(root(recv)) && (k.moduleName(recv)
          || Character.isUpperCase(recv.charAt(0)) && !isConstantName(recv));
      List<Arg> args = splitArgs(i + 2, close);
      if (pathGuard) {
        int pm = k.pathGuardMask(name);
        sanitised |= pm;
        if (hasRecv && t.get(i - 2).op(")") && match[i - 2] >= a && match[i - 2] < i - 2) {
          // os.path.realpath(p).startswith(base), p.toRealPath().startsWith(root): the names
          // canonicalised in the receiver are the checked ones
          sanitiseNames(match[i - 2] + 1, i - 2, pm);
          int head = match[i - 2] - 1;
          while (head - 2 >= a && ix.member(head - 1) && isName(t.get(head - 2))) head -= 2;
          if (head >= a && isName(t.get(head)) && !isModule(t.get(head).text())) {
            sanitiseVar(t.get(head).text(), pm);
          }
        } else if (!moduleRecv) sanitiseVar(root(recv), pm);
        else if (!args.isEmpty()) sanitiseVar(root(chainText(args.get(0).a(), args.get(0).b())), pm);
        continue;
      }
      // allow-list / pattern guards
      boolean regex = name.contains("match") || name.equals("test");
      int cats = k.allowGuardMask();
      if (regex) {
        sanitised |= cats;
        if (!moduleRecv && !name.equals("test")) sanitiseVar(root(recv), cats);
        for (Arg g : args) sanitiseVar(root(chainText(g.a(), g.b())), cats);
      } else if (name.equals("in_array")) {
        if (args.size() >= 2 && constantCollection(args.get(1).a(), args.get(1).b())) {
          sanitised |= cats;
          sanitiseVar(root(chainText(args.get(0).a(), args.get(0).b())), cats);
        }
      } else if (moduleRecv && name.equals("member?") && args.size() >= 2) {
        if (constantCollection(args.get(0).a(), args.get(0).b())) {
          sanitised |= cats;
          sanitiseVar(root(chainText(args.get(1).a(), args.get(1).b())), cats);
        }
      } else if (!moduleRecv && (isConstantName(recv) || allowName(recv))
          || hasRecv && t.get(i - 2).op("]")) {
        sanitised |= cats;
        for (Arg g : args) sanitiseVar(root(chainText(g.a(), g.b())), cats);
      } else if (name.startsWith("is") || name.startsWith("valid")) {
        sanitised |= cats;
        for (Arg g : args) sanitiseVar(root(chainText(g.a(), g.b())), cats);
      }
    }
  }

  private boolean constantCollection(int a, int b) {
    if (a >= b) return false;
    Token f = t.get(a);
    if (f.op("[") || f.op("{") || f.op("(") || f.op("%")) return true;
    String text = chainText(a, b);
    return isConstantName(text) || allowName(text) || text.startsWith("Set.of")
        || text.startsWith("List.of") || text.startsWith("Arrays.asList");
  }

  private static boolean isConstantName(String s) {
    String r = s.startsWith("self.") || s.startsWith("this.") ? s.substring(5) : s;
    r = r.startsWith("$") || r.startsWith("@") ? r.substring(1) : r;
    if (r.isEmpty()) return false;
    boolean letter = false;
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (Character.isLowerCase(c)) return false;
      if (Character.isLetter(c)) letter = true;
    }
    return letter;
  }

  private static boolean allowName(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.contains("allow") || l.contains("valid") || l.contains("permit") || l.contains("whitelist")
        || l.contains("safe") || l.contains("accepted") || l.contains("columns")
        || l.contains("sortable") || l.contains("known") || l.contains("supported");
  }

  private static String root(String chain) {
    int dot = chain.indexOf('.');
    String r = dot > 0 ? chain.substring(0, dot) : chain;
    int br = r.indexOf('[');
    return br > 0 ? r.substring(0, br) : r;
  }

  private void sanitiseVar(String name, int cats) {
    if (name == null || name.isEmpty()) return;
    List<String> from = (cats & Rule.PATH_TRAVERSAL.bit()) != 0 ? relativeOf.remove(name) : null;
    if (from != null) for (String f : from) sanitiseVar(f, Rule.PATH_TRAVERSAL.bit());
    Value v = env.get(name);
    if (v != null) env.put(name, v.sanitise(cats));
    else if (u.freeTaint()) env.put(name, Value.CLEAN);
  }

  /**
   * A check that rejects {@code ..} in a name ({@code '..' in name}, {@code strings.Contains(name,
   * "..")}, {@code name.includes('..')}, {@code name.contains("..")}, {@code
   * strings.HasPrefix(rel, "..")}): the string literal at {@code s} holds {@code ..}; the names it
   * is tested against (the receiver or the other arguments of the enclosing call, or the operand
   * of Python's {@code in}) are clean of path traversal after it (issue 12 item 5).
   */
  private void dotDotCheck(int a, int s) {
    String text = t.get(s).text();
    if (!(text.equals("..") || text.equals("../") || text.equals("..\\") || text.equals("/.."))) return;
    if (lang == Language.PYTHON && s + 1 < t.size() && t.get(s + 1).word("in")) {
      int j = s + 2;
      if (j < t.size() && isName(t.get(j))) {
        sanitised |= Rule.PATH_TRAVERSAL.bit();
        sanitiseVar(t.get(j).text(), Rule.PATH_TRAVERSAL.bit());
      }
      return;
    }
    // the call whose argument list holds the literal
    int open = -1;
    for (int k = s - 1, level = 0; k >= a; k--) {
      Token y = t.get(k);
      if (y.op(")") || y.op("]") || y.op("}")) level++;
      else if (y.op("(") || y.op("[") || y.op("{")) {
        if (level == 0) {
          open = y.op("(") ? k : -1;
          break;
        }
        level--;
      }
    }
    if (open < 1 || match[open] < s || t.get(open - 1).kind() != TokenKind.IDENTIFIER
        || !FlowWords.DOTDOT_TESTS.contains(lowerOf(open - 1))) {
      return;
    }
    sanitised |= Rule.PATH_TRAVERSAL.bit();
    int callee = open - 1;
    if (callee >= 2 && ix.member(callee - 1)) {
      int recvStart = callee - 2;
      while (recvStart - 2 >= a && ix.member(recvStart - 1) && isName(t.get(recvStart - 2))) recvStart -= 2;
      String recv = chainText(recvStart, callee - 1);
      if (!isModule(recv)) sanitiseVar(root(recv), Rule.PATH_TRAVERSAL.bit());
    }
    sanitiseNames(open + 1, match[open], Rule.PATH_TRAVERSAL.bit());
  }

  /**
   * @return whether a {@code replace(a, b)} call's arguments are a one-quote literal and a
   *     literal without that quote
   */
  private boolean quoteRemoved(List<Arg> args) {
    String q0 = oneLiteral(args.get(0));
    String r = oneLiteral(args.get(1));
    if (q0 == null || r == null) return false;
    String q = q0.equals("\\'") || q0.equals("\\\"") ? q0.substring(1) : q0; // '\'' as written
    return (q.equals("'") || q.equals("\"")) && !r.contains(q);
  }

  /**
   * @return the text of an argument that is one string literal without interpolation (also
   *     one nested in an f-string's replacement field, which the lexer marks as interpolated),
   *     else null
   */
  private String oneLiteral(Arg g) {
    if (g.b() - g.a() != 1 || t.get(g.a()).kind() != TokenKind.STRING) return null;
    return t.get(g.a()).text();
  }

  /**
   * Python {@code "'" in name} / {@code '"' not in name} in a condition: the value is tested for
   * the quote that delimits a literal; XPath 1.0 string literals have no escape, so refusing the
   * quote is the defence for a value placed inside one (OWASP XPath injection: "the quote
   * characters must be refused"). The operand of {@code in} is clean of XPath injection after it;
   * when the same condition also tests {@code name.startswith(q)} and {@code name.endswith(q)},
   * the value is one plain string literal and is clean of code injection too.
   */
  private void quoteCheck(int a, int b, int s) {
    if (lang != Language.PYTHON || s + 2 >= t.size() || !t.get(s + 1).word("in") || !isName(t.get(s + 2))) return;
    String q = quoteOf(t.get(s));
    if (q == null) return;
    String name = t.get(s + 2).text();
    sanitised |= Rule.XPATH_INJECTION.bit();
    sanitiseVar(name, Rule.XPATH_INJECTION.bit());
    // name.startswith(q) and name.endswith(q) and no q inside: the value is one plain string
    // literal, which eval() can only turn into that string (the check ast.literal_eval does)
    if (quoteEnds(a, b, name, q, "startswith") && quoteEnds(a, b, name, q, "endswith")) {
      sanitised |= Rule.CODE_INJECTION.bit();
      sanitiseVar(name, Rule.CODE_INJECTION.bit());
    }
  }

  /** @return the quote a one-quote string literal token holds ({@code '\''} as written too), or null */
  private static String quoteOf(Token x) {
    if (x.kind() != TokenKind.STRING) return null;
    String text = x.text();
    if (text.equals("\\'") || text.equals("\\\"")) text = text.substring(1);
    return text.equals("'") || text.equals("\"") ? text : null;
  }

  /** @return whether [a, b) holds {@code name.method(q)} with {@code q} the same quote literal */
  private boolean quoteEnds(int a, int b, String name, String q, String method) {
    for (int k = a; k + 4 < b; k++) {
      if (t.get(k).text().equals(name) && t.get(k + 1).op(".") && t.get(k + 2).text().equals(method)
          && t.get(k + 3).op("(") && q.equals(quoteOf(t.get(k + 4)))) {
        return true;
      }
    }
    return false;
  }

  /** Sanitises every variable named (not called, not a member) in [a, b). */
  private void sanitiseNames(int a, int b, int cats) {
    for (int k = a; k < b; k++) {
      Token y = t.get(k);
      if (y.kind() != TokenKind.IDENTIFIER || k > a && ix.member(k - 1)) continue;
      if (k + 1 < b && t.get(k + 1).op("(")) continue;
      sanitiseVar(y.text(), cats);
    }
  }

  /**
   * Remembers that {@code target} holds a path relative to a root computed from the names in
   * the call starting at {@code from} ({@code rel, err := filepath.Rel(root, p)}).
   */
  private void relativePathAssigned(String target, int from) {
    relativeOf.remove(target);
    int end = Math.min(t.size(), from + 24);
    for (int k = from; k + 1 < end; k++) {
      Token y = t.get(k);
      if (y.kind() == TokenKind.IDENTIFIER && t.get(k + 1).op("(")
          && FlowWords.RELATIVE_PATH.contains(lowerOf(k)) && match[k + 1] > k + 1) {
        List<String> names = new ArrayList<>();
        for (int q = k + 2; q < match[k + 1]; q++) {
          Token z = t.get(q);
          if (z.kind() == TokenKind.IDENTIFIER && !ix.member(q - 1) && !t.get(q + 1).op("(")) {
            names.add(z.text());
          }
        }
        if (k >= 2 && ix.member(k - 1) && isName(t.get(k - 2))) names.add(t.get(k - 2).text());
        relativeOf.put(target, names);
        return;
      }
      if (y.op(";") || y.op("=")) return;
    }
  }

  // ================================================================== expressions

  private Value eval(int a, int b) {
    if (a >= b) return Value.CLEAN;
    if (++depth > MAX_DEPTH) {
      depth--;
      return Value.CLEAN;
    }
    try {
      return evalInner(a, b);
    } finally {
      depth--;
    }
  }

  private Value evalInner(int a, int b) {
    // ternaries
    int q = ix.hasQuestion(a, b) ? topLevel(a, b, "?") : -1;
    if (q > a) {
      int colon = ternaryColon(q + 1, b);
      if (colon > q) {
        eval(a, q);
        Boolean c = constCondition(a, q);
        if (c == Boolean.TRUE) return eval(q + 1, colon);
        if (c == Boolean.FALSE) return eval(colon + 1, b);
        return eval(q + 1, colon).join(eval(colon + 1, b));
      }
    }
    if (lang == Language.PYTHON && ix.hasFor(a + 1, b)) {
      Value v = comprehension(a, b);
      if (v != null) return v;
    }
    if (lang == Language.PYTHON && ix.hasIf(a + 1, b)) {
      int iff = topLevelWord(a + 1, b, "if");
      int els = iff > 0 ? topLevelWord(iff + 1, b, "else") : -1;
      if (iff > a && els > iff) {
        eval(iff + 1, els);
        guards(iff + 1, els);
        Boolean c = constCondition(iff + 1, els);
        if (c == Boolean.TRUE) return eval(a, iff);
        if (c == Boolean.FALSE) return eval(els + 1, b);
        return eval(a, iff).join(eval(els + 1, b));
      }
    }
    if (b - a == 1) {
      Token x = t.get(a);
      Object c = literal(x);
      if (c != null) {
        return Value.constant(c, x.kind() == TokenKind.STRING ? textOf(a) : 0);
      }
      if (x.kind() == TokenKind.IDENTIFIER) {
        return Value.CLEAN.join(chain(a, null, b).v()); // the operand loop below, for one name
      }
    }
    boolean bool = false;
    boolean choice = false;
    Operands ops = operands();
    int text = 0;
    boolean literal = false;
    int i = a;
    int numericOperand = -1; // index in ops of the operand of a numeric cast such as (int)
    while (i < b) {
      if (numericOperand >= 0 && ops.n > numericOperand) {
        ops.v[numericOperand] = Value.CLEAN;
        numericOperand = -1;
      }
      Token x = t.get(i);
      switch (x.kind()) {
        case STRING: {
          if (x.has(Token.F_IN_TAGGED) || x.has(Token.F_TAGGED)) {
            i = literalEnd(i, b);
            continue;
          }
          if (x.has(Token.F_COMMAND)) {
            int e = literalEnd(i, b);
            Value cmd = evalLiteral(i, e);
            sink(Rule.COMMAND_INJECTION, cmd, x.line(), 1.0, "shell backticks", 0);
            ops.add(cmd, x.line());
            i = e;
            continue;
          }
          if (!"html".equals(x.prefix()) && !"regex".equals(x.prefix())) {
            text |= textOf(i);
            literal = true;
          }
          i++;
          continue;
        }
        case INTERP_START: {
          int j = match[i];
          if (j < 0 || j > b) j = b;
          if (!x.has(Token.F_IN_TAGGED)) {
            Value v = eval(i + 1, j);
            ops.add(v, i + 1 < j ? t.get(i + 1).line() : x.line());
          }
          i = j + 1;
          continue;
        }
        case NUMBER:
        case SYMBOL:
        case COMMENT:
        case INTERP_END:
          i++;
          continue;
        case KEYWORD: {
          String k = x.text();
          if (k.equals("new")) {
            R r = constructor(i, b);
            ops.add(r.v(), x.line());
            i = r.next();
            continue;
          }
          if (k.equals("this") || k.equals("self") || k.equals("super")) {
            R r = chain(i, null, b);
            ops.add(r.v(), x.line());
            i = r.next();
            continue;
          }
          if (k.equals("instanceof") || k.equals("is") || k.equals("in") && lang == Language.PYTHON
              || k.equals("not") && i + 1 < b && t.get(i + 1).word("in")) {
            bool = true;
          }
          if (k.equals("lambda") && lang == Language.PYTHON) {
            int colon = topLevel(i, b, ":");
            i = colon > i ? colon + 1 : i + 1;
            continue;
          }
          i++;
          continue;
        }
        case IDENTIFIER: {
          if (i > a && ix.member(i - 1) && ops.n > 0) {
            R r = chain(i, ops.removeLast(), b);
            ops.add(r.v(), x.line());
            i = r.next();
            continue;
          }
          if (i + 1 < b && (t.get(i + 1).op("=") && lang == Language.PYTHON
              || t.get(i + 1).op(":") && i > a && (t.get(i - 1).op("{") || t.get(i - 1).op(",")
              || t.get(i - 1).op("(")))) {
            i += 2; // keyword argument / object key
            continue;
          }
          if (x.text().equals("dangerouslySetInnerHTML") && i + 2 < b && t.get(i + 1).op("=")
              && t.get(i + 2).op("{") && match[i + 2] > 0 && match[i + 2] < b) {
            Value html = eval(i + 3, match[i + 2]).flatten();
            sink(Rule.XSS, html, x.line(), 1.0, "dangerouslySetInnerHTML", 0);
            i = match[i + 2] + 1;
            continue;
          }
          R r = chain(i, null, b);
          ops.add(r.v(), x.line());
          i = r.next();
          continue;
        }
        case OPERATOR: {
          String s = x.text();
          if (s.equals("(")) {
            int j = match[i];
            if (j < 0 || j >= b) {
              i++;
              continue;
            }
            if (isCast(i, j, b)) {
              if (j == i + 2 && k.numericType(lowerOf(i + 1))) {
                numericOperand = ops.n; // (int) $x: a number carries no markup or syntax
              }
              i = j + 1;
              continue;
            }
            Value v = eval(i + 1, j);
            if (j + 1 < b && ix.member(j + 1) && j + 2 < b && isName(t.get(j + 2))) {
              R r = chain(j + 2, v, b);
              ops.add(r.v(), x.line());
              i = r.next();
              continue;
            }
            if (j + 1 < b && t.get(j + 1).op("(") && v != null) {
              int k2 = match[j + 1];
              if (k2 > 0 && k2 < b) {
                Value args = eval(j + 2, k2);
                v = v.join(args);
                j = k2;
              }
            }
            ops.add(v, i + 1 < j ? t.get(i + 1).line() : x.line());
            i = j + 1;
            continue;
          }
          if (s.equals("[") || s.equals("{")) {
            int j = match[i];
            if (j < 0 || j >= b) {
              i++;
              continue;
            }
            Value v = collection(i + 1, j, s.equals("{"));
            if (j + 1 < b && t.get(j + 1).op("[") && match[j + 1] > 0 && match[j + 1] < b) {
              Object key = constEval(j + 2, match[j + 1]);
              Value got = key == null ? null : v.get(keyString(key));
              v = got != null ? got : v.flatten();
              j = match[j + 1];
            }
            ops.add(v, x.line());
            i = j + 1;
            continue;
          }
          if (s.equals("@") && i + 1 < b && t.get(i + 1).kind() == TokenKind.IDENTIFIER
              && lang != Language.ELIXIR) {
            i += 2;
            if (i < b && t.get(i).op("(") && match[i] > 0) i = match[i] + 1;
            continue;
          }
          if (s.equals("==") || s.equals("!=") || s.equals("===") || s.equals("!==")
              || s.equals("<=") || s.equals(">=") || s.equals("=~") && lang != Language.RUBY) {
            bool = true;
          }
          if ((s.equals("&&") || s.equals("||")) && (lang == Language.JAVA || lang == Language.CSHARP
              || lang == Language.GO || lang == Language.KOTLIN)) {
            bool = true;
          }
          if (s.equals("?:") || s.equals("??")) choice = true; // x ?: "/" picks one operand, builds no text
          i++;
          continue;
        }
        default:
          i++;
      }
    }
    if (numericOperand >= 0 && ops.n > numericOperand) ops.v[numericOperand] = Value.CLEAN;
    if (bool) {
      Object c = b - a <= 40 ? constEval(a, b) : null;
      return c == null ? Value.CLEAN : Value.constant(c, 0);
    }
    Value r = Value.CLEAN;
    for (int k = 0; k < ops.n; k++) r = r.join(ops.v[k]);
    if (r.tainted() && (literal || ops.n > 1) && !choice) {
      int all = text;
      for (int k = 0; k < ops.n; k++) all |= ops.v[k].text;
      int rel = TextClass.relevance(all);
      int strong = TextClass.strong(all) & rel;
      // new mix line per category: the first tainted operand without its own mix for it
      int[] ml = new int[Value.RULE_COUNT];
      for (int k = 0; k < ops.n; k++) {
        Value v = ops.v[k];
        if (!v.tainted()) continue;
        int line = ops.line[k];
        for (int c = 0; c < ml.length; c++) {
          int bit = 1 << c;
          if ((rel & bit) == 0 || (v.mask & bit) == 0 || v.mix(c) != 0) continue;
          if (ml[c] == 0 || line < ml[c]) ml[c] = line;
        }
      }
      r = r.withMixLines(ml, strong);
    }
    r = r.withText(text);
    if (r.tainted() && fixedOrigin(a, b)) r = r.sanitise(FIXED_ORIGIN_CLEANS);
    if (!r.tainted() && b - a <= 40 && b - a > 1) {
      Object c = constEval(a, b);
      if (c != null) return Value.constant(c, r.text);
    }
    return r;
  }

  /** A literal start that fixes scheme and host: {@code https://api.example.com/} (then a path, query or fragment). */
  private static final java.util.regex.Pattern FIXED_ORIGIN =
      java.util.regex.Pattern.compile("(?i)[a-z][a-z0-9+.-]*://[a-z0-9.-]+(?::[0-9]+)?[/?#].*", java.util.regex.Pattern.DOTALL);
  /** The categories a fixed scheme and host rule out: the input can no longer choose where the request or redirect goes. */
  private static final int FIXED_ORIGIN_CLEANS = Rule.SSRF.bit() | Rule.OPEN_REDIRECT.bit();

  /**
   * @return true when the expression [a, b) starts with a string literal that fixes the scheme
   *     and host of a URL ({@code "https://api.example.com/users/" + id}, {@code `https://host/${p}`}):
   *     what follows can choose a path on that host, not another host
   */
  private boolean fixedOrigin(int a, int b) {
    if (a >= b) return false;
    Token x = t.get(a);
    if (x.kind() != TokenKind.STRING || x.has(Token.F_COMMAND) || x.has(Token.F_TAGGED)) return false;
    String s = x.text();
    return s.length() >= 10 && s.indexOf("://") > 0 && FIXED_ORIGIN.matcher(s).matches();
  }

  /**
   * A Python comprehension or generator expression {@code ELEM for X in ITER [if COND]} over
   * [a, b): the loop names take the iterable's (flattened) value while ELEM is evaluated, so
   * {@code [s.strip() for s in ids]} carries the taint of {@code ids} and {@code ["?" for _ in
   * ids]} stays clean (issue 12 item 6: {@code "','".join([..])} was missed).
   *
   * @return the element's value, or null when [a, b) is no comprehension at its top level
   */
  private Value comprehension(int a, int b) {
    int f = topLevelWord(a + 1, b, "for");
    if (f < 0) return null;
    int in = topLevelWord(f + 1, b, "in");
    if (in < 0) return null;
    int iterEnd = topLevelWord(in + 1, b, "if", "for");
    if (iterEnd < 0) iterEnd = b;
    Value iter = eval(in + 1, iterEnd).flatten();
    Map<String, Value> saved = new HashMap<>();
    for (int i = f + 1; i < in; i++) {
      Token x = t.get(i);
      if (x.kind() != TokenKind.IDENTIFIER) continue;
      saved.put(x.text(), env.get(x.text()));
      env.put(x.text(), iter);
    }
    if (iterEnd < b) eval(iterEnd + 1, b); // conditions and nested loops: evaluated for sinks
    Value elem = eval(a, f);
    for (Map.Entry<String, Value> e : saved.entrySet()) {
      if (e.getValue() == null) env.remove(e.getKey());
      else env.put(e.getKey(), e.getValue());
    }
    return elem;
  }

  /**
   * The operands of one {@link #evalInner} frame with the line each starts on. One instance per
   * expression depth, reused: frames at the same depth never overlap (eval nests strictly).
   */
  private static final class Operands {
    Value[] v = new Value[8];
    int[] line = new int[8];
    int n;

    void add(Value x, int l) {
      if (n == v.length) {
        v = java.util.Arrays.copyOf(v, n * 2);
        line = java.util.Arrays.copyOf(line, n * 2);
      }
      v[n] = x;
      line[n++] = l;
    }

    Value removeLast() {
      Value x = v[--n];
      v[n] = null;
      return x;
    }
  }

  /** Per expression depth ({@link #depth}), the operand buffer of {@link #evalInner}. */
  private final Operands[] operandStack = new Operands[MAX_DEPTH + 2];

  /** @return the emptied operand buffer of the current expression depth */
  private Operands operands() {
    Operands o = operandStack[depth];
    if (o == null) {
      o = new Operands();
      operandStack[depth] = o;
    }
    o.n = 0;
    return o;
  }

  /** Rules for which an interpolation into a command literal is a mix: those of a blank. */
  private static final int SPACE_RELEVANCE = TextClass.relevance(TextClass.classify(" "));

  private int textOf(int i) {
    return ix.textOf(i);
  }

  private String lowerOf(int i) {
    return ix.lower(i);
  }

  /** {@link ConstEval#eval} over [a, b) of the unit, skipping ranges that cannot be constant. */
  private Object constEval(int a, int b) {
    return ix.mayBeConstant(a, b) && namesConstant(a, b) ? ConstEval.eval(t, a, b, constOf) : null;
  }

  /** {@link ConstEval#condition} over [a, b) of the unit, skipping ranges that cannot be constant. */
  private Boolean constCondition(int a, int b) {
    return ix.mayBeConstant(a, b) && namesConstant(a, b) ? ConstEval.condition(t, a, b, constOf) : null;
  }

  /**
   * A sound pre-test of {@link ConstEval} (most ranges are not constant, and it fails by throwing
   * through its recursive descent): every token of a constant range is consumed, an identifier
   * either as a variable (which must have a known constant, {@link #constOf}) or as a method name
   * right after {@code .}; a keyword only as {@code true}/{@code false} or as an operator word.
   *
   * @return false when [a, b) cannot be constant; true when it might be
   */
  private boolean namesConstant(int a, int b) {
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.IDENTIFIER) {
        if (i > a && t.get(i - 1).text().equals(".")) continue; // a method name
        if (constOf(x.text()) == null) return false;
      } else if (x.kind() == TokenKind.KEYWORD) {
        switch (x.text()) {
          case "true": case "True": case "false": case "False": case "or": case "and": case "not":
            break;
          default:
            return false;
        }
      }
    }
    return true;
  }

  /** Evaluates just a string literal's fragments and interpolations in [a, b). */
  private Value evalLiteral(int a, int b) {
    Value r = Value.CLEAN;
    int text = 0;
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.STRING) {
        text |= textOf(i);
      } else if (x.kind() == TokenKind.INTERP_START) {
        int j = match[i] < 0 ? b : Math.min(match[i], b);
        Value v = eval(i + 1, j);
        int line = i + 1 < j ? t.get(i + 1).line() : x.line();
        r = r.join(v.mixed(SPACE_RELEVANCE | Rule.COMMAND_INJECTION.bit(), line, 0));
        i = j;
      }
    }
    return r.withText(text);
  }

  private int literalEnd(int i, int b) {
    Token first = t.get(i);
    int j = i;
    while (j < b) {
      Token x = t.get(j);
      if (x.kind() == TokenKind.STRING && x.prefix().equals(first.prefix())
          && (x == first || x.has(Token.F_INTERPOLATED))) {
        j++;
        if (!x.has(Token.F_INTERPOLATED)) break;
        continue;
      }
      if (x.kind() == TokenKind.INTERP_START && first.has(Token.F_INTERPOLATED)) {
        j = match[j] < 0 ? b : match[j] + 1;
        continue;
      }
      break;
    }
    return Math.max(j, i + 1);
  }

  private boolean isCast(int open, int close, int b) {
    if (close + 1 >= b) return false;
    Token next = t.get(close + 1);
    boolean valueNext = next.kind() == TokenKind.IDENTIFIER || next.kind() == TokenKind.STRING
        || next.op("(") || next.word("new") || next.word("this");
    if (!valueNext) return false;
    for (int k = open + 1; k < close; k++) {
      Token x = t.get(k);
      if (x.kind() == TokenKind.IDENTIFIER && Character.isUpperCase(x.text().charAt(0))) continue;
      if (x.kind() == TokenKind.KEYWORD) continue;
      if (x.kind() == TokenKind.IDENTIFIER && lang == Language.PHP) continue;
      if (x.op(".") || x.op("<") || x.op(">") || x.op("[") || x.op("]") || x.op(",")) continue;
      return false;
    }
    return lang == Language.JAVA || lang == Language.CSHARP || lang == Language.PHP
        || lang == Language.TYPESCRIPT && false;
  }

  private Value collection(int a, int b, boolean brace) {
    List<Arg> items = splitArgs(a, b);
    boolean map = false;
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (ix.opener(i)) {
        if (match[i] > 0 && match[i] < b) i = match[i];
        continue;
      }
      if (x.op(":") || x.op("=>")) {
        map = true;
        break;
      }
    }
    if (map) {
      Value r = Value.CLEAN;
      for (Arg g : items) {
        int sep = -1;
        for (int i = g.a(); i < g.b(); i++) {
          if (t.get(i).op(":") || t.get(i).op("=>")) {
            sep = i;
            break;
          }
        }
        if (g.kw() != null && sep < 0) {
          r = r.put(g.kw(), eval(g.a(), g.b()));
          continue;
        }
        if (sep < 0) {
          r = r.join(eval(g.a(), g.b()));
          continue;
        }
        Object key = constEval(g.a(), sep);
        if (key == null && sep == g.a() + 1 && t.get(g.a()).kind() == TokenKind.IDENTIFIER) {
          key = t.get(g.a()).text();
        }
        if (key == null && sep == g.a() + 1 && t.get(g.a()).kind() == TokenKind.SYMBOL) {
          key = t.get(g.a()).text();
        }
        Value v = eval(sep + 1, g.b());
        r = key == null ? r.join(v) : r.put(keyString(key), v);
      }
      return r;
    }
    if (items.size() <= 1 && brace) return eval(a, b);
    List<Value> vals = new ArrayList<>();
    for (Arg g : items) vals.add(eval(g.a(), g.b()));
    Value base = Value.CLEAN;
    for (Value v : vals) base = base.withText(v.text);
    return base.asList(vals);
  }

  private R constructor(int i, int limit) {
    int j = i + 1;
    StringBuilder name = new StringBuilder();
    while (j < limit && (t.get(j).kind() == TokenKind.IDENTIFIER || t.get(j).kind() == TokenKind.KEYWORD
        || t.get(j).op(".") || t.get(j).op("\\") || t.get(j).op("::"))) {
      if (t.get(j).kind() != TokenKind.OPERATOR) {
        name.setLength(0);
        name.append(t.get(j).text());
      }
      j++;
    }
    if (j < limit && t.get(j).op("<")) {
      int level = 0;
      while (j < limit) {
        if (t.get(j).op("<")) level++;
        else if (t.get(j).op(">")) level--;
        else if (t.get(j).op(">>")) level -= 2;
        j++;
        if (level <= 0) break;
      }
    }
    Value v = Value.CLEAN;
    if (j < limit && t.get(j).op("[")) {
      while (j < limit && t.get(j).op("[") && match[j] > 0) j = match[j] + 1;
      if (j < limit && t.get(j).op("{") && match[j] > 0 && match[j] < limit) {
        v = collection(j + 1, match[j], false);
        j = match[j] + 1;
      }
      return new R(v, j);
    }
    if (j < limit && t.get(j).op("(") && match[j] > 0 && match[j] < limit) {
      int close = match[j];
      List<Arg> args = splitArgs(j + 1, close);
      v = call("new " + name, name.toString(), name.toString().toLowerCase(Locale.ROOT), "", null,
          args, t.get(i), close, true);
      j = close + 1;
      if (j < limit && t.get(j).op("{") && match[j] > 0 && match[j] < limit
          && lang != Language.JAVA) {
        j = match[j] + 1;
      }
    }
    if (j < limit && ix.member(j) && j + 1 < limit && isName(t.get(j + 1))) {
      return chain(j + 1, v, limit);
    }
    return new R(v, j);
  }

  // ------------------------------------------------------------------ access chains and calls

  private R chain(int i, Value base, int limit) {
    Token head = t.get(i);
    if (base == null && (i + 1 >= limit || !ix.member(i + 1) && !t.get(i + 1).op("(")
        && !t.get(i + 1).op("[") && !(lang == Language.RUBY && (rubyCommandCall(head.text())
        || receiverlessSink(head.text()))))) {
      return new R(simpleName(head.text()), i + 1);
    }
    int j = i;
    StringBuilder path = new StringBuilder(base == null ? head.text() : "?." + head.text());
    Value cur = base;
    boolean fromBase = base != null;
    // whether some segment of the path so far could make it a source (else sourceOf gives 0)
    boolean maySource = ix.maySourceSegment(i);
    if (!fromBase && maySource) {
      double sc = sourceOf(lowerOf(i), lang); // the path is the head's text
      if (sc > 0) cur = Value.source(sc, Value.O_REQUEST);
    }
    // method call directly on a base value: base.name(args)
    while (true) {
      Token nx = j + 1 < limit ? t.get(j + 1) : null;
      if (nx == null) break;
      if (ix.member(j + 1) && j + 2 < limit && (t.get(j + 2).kind() == TokenKind.IDENTIFIER
          || t.get(j + 2).kind() == TokenKind.KEYWORD)) {
        path.append('.').append(t.get(j + 2).text());
        maySource |= ix.maySourceSegment(j + 2);
        j += 2;
        if (lang == Language.RUBY && reporting && (t.get(j).text().equals("html_safe")
            || t.get(j).text().equals("constantize")) && !(j + 1 < limit && t.get(j + 1).op("("))) {
          Value rv = cur != null ? cur : lookup(path.substring(0, path.lastIndexOf(".")));
          sink(t.get(j).text().equals("html_safe") ? Rule.XSS : Rule.CODE_INJECTION, rv.flatten(),
              t.get(j).line(), 0.9, t.get(j).text(), 0);
        }
        if ((cur == null || !cur.tainted()) && path.length() < MAX_PATH) {
          double sc = fromBase || !maySource ? 0 : pathSource(path.toString().toLowerCase(Locale.ROOT), t.get(j).line());
          if (sc > 0) cur = Value.source(sc, Value.O_REQUEST);
        }
        continue;
      }
      if (nx.op("(")) {
        int close = match[j + 1];
        if (close < 0 || close > limit) close = limit; // the call continues past this statement
        String callee = path.toString();
        String name = t.get(j).text();
        int dot = callee.lastIndexOf('.');
        String recvPath = dot > 0 ? callee.substring(0, dot) : "";
        Value recv = null;
        if (fromBase && dot == 1 && recvPath.equals("?")) {
          recv = base;
        } else if (!recvPath.isEmpty()) {
          recv = cur != null ? cur : lookupReceiver(recvPath);
        }
        List<Arg> args = splitArgs(j + 2, close);
        cur = call(callee, name, lowerOf(j), recvPath, recv, args, t.get(j), close, maySource);
        path.append("()");
        j = close;
        fromBase = fromBase && false;
        continue;
      }
      if (nx.op("[") && match[j + 1] > 0 && match[j + 1] < limit) {
        int close = match[j + 1];
        Value idxBase = cur != null ? cur : lookup(path.toString());
        Object key = constEval(j + 2, close);
        Value idx = eval(j + 2, close);
        if (key instanceof Long n && n < 0 && (lang == Language.PYTHON || lang == Language.RUBY)) {
          List<Value> items = idxBase.listItems(); // lst[-1]: counted from the end
          key = items != null && items.size() + n >= 0 ? (Object) (items.size() + n) : null;
        }
        Value got = null;
        if (key != null && idxBase.keyed != null) {
          got = idxBase.get(keyString(key));
          if (got == null) got = own(idxBase);
        }
        cur = got != null ? got : idxBase.flatten();
        if (key == null && idx.tainted() && lang == Language.PHP && false) cur = cur.join(idx);
        String ks = key == null ? "?" : keyString(key);
        path.append('[').append(ks).append(']');
        maySource |= key != null && !(key instanceof Long); // a key text may hold anything
        j = close;
        if (!cur.tainted() && maySource && path.length() < MAX_PATH) {
          double sc = pathSource(path.toString().toLowerCase(Locale.ROOT), t.get(j).line());
          if (sc > 0) cur = Value.source(sc, Value.O_REQUEST);
        }
        continue;
      }
      // Ruby command-style call: send_file path, opts  /  system "cmd"
      if (lang == Language.RUBY && cur == null && j == i && nx.has(Token.F_SPACE_BEFORE)
          && nx.line() == head.line() && (rubyCommandCall(head.text()) || receiverlessSink(head.text()))
          && (nx.kind() == TokenKind.IDENTIFIER || nx.kind() == TokenKind.STRING
          || nx.kind() == TokenKind.SYMBOL || nx.kind() == TokenKind.KEYWORD && !nx.word("if")
          && !nx.word("unless") && !nx.word("do"))) {
        int end = limit;
        int mod = topLevelWord(j + 1, limit, "if", "unless", "do");
        if (mod > 0) end = mod;
        List<Arg> args = splitArgs(j + 1, end);
        cur = call(head.text(), head.text(), lowerOf(i), "", null, args, head, end - 1, maySource);
        return new R(cur, end);
      }
      break;
    }
    if (cur == null) cur = lookup(path.toString());
    return new R(cur, j + 1);
  }

  /** @return true when the packs name {@code name} as a sink called without receiver (redirect_to x) */
  private boolean receiverlessSink(String name) {
    String l = name.toLowerCase(Locale.ROOT);
    return !k.sinks(l, l, "", 1, lang).isEmpty();
  }

  private static boolean rubyCommandCall(String name) {
    switch (name) {
      case "send_file": case "system": case "exec": case "spawn": case "eval": case "raw":
      case "instance_eval": case "class_eval": case "send_data_":
        return true;
      default:
        return false;
    }
  }

  private Value own(Value container) {
    return container.keyed == null ? container.flatten() : container.own();
  }

  /**
   * @param maySource false when no segment of the callee can make it a request source
   *     ({@link SecurityKnowledge#maySourceSegment}), so the source lookup is skipped
   */
  private Value call(String callee, String name, String lname, String recvPath, Value recv,
      List<Arg> args, Token nameTok, int close, boolean maySource) {
    String lcallee = callee.toLowerCase(Locale.ROOT);
    // the lower-cased receiver is read by the sink tables (reporting walks) and Elixir's Map
    String lrecv = reporting || lang == Language.ELIXIR ? recvPath.toLowerCase(Locale.ROOT) : null;
    List<Value> av = new ArrayList<>(args.size());
    int[] lines = new int[args.size()];
    for (int k = 0; k < args.size(); k++) {
      Arg g = args.get(k);
      av.add(eval(g.a(), g.b()));
      lines[k] = g.a() < g.b() ? t.get(g.a()).line() : nameTok.line();
    }
    // sinks
    if (reporting) sinks(lname, lcallee, lrecv, args, av, nameTok);
    if (reporting && recv != null && lang == Language.RUBY && (lname.equals("html_safe")
        || lname.equals("constantize") || lname.equals("safe_constantize"))) {
      sink(lname.equals("html_safe") ? Rule.XSS : Rule.CODE_INJECTION, recv.flatten(), nameTok.line(),
          0.9, lname, 0);
    }
    double sc = maySource && lcallee.length() < MAX_PATH ? pathSource(lcallee + "()", nameTok.line()) : 0;
    if (sc > 0) return Value.source(sc, Value.O_REQUEST);
    int san = k.sanitiser(lname, lcallee, lang);
    if (san != 0) {
      sanitised |= san;
      Value r = joinAll(av);
      if (recv != null && !isModule(recvPath)) r = r.join(recv.flatten());
      return r.sanitise(san);
    }
    Summary s = summaries.get(name);
    if (consulted != null) consulted.putIfAbsent(name, s == null ? NO_SUMMARY : s);
    if (s != null && (recvPath.isEmpty() || recvPath.equals("this") || recvPath.equals("self")
        || recvPath.startsWith("?") || recvPath.equals("$this") || Character.isUpperCase(recvPath.charAt(0)))) {
      Value r = Value.CLEAN;
      for (int i = 0; i < av.size() && i < 63; i++) {
        if ((s.deps() & (1L << i)) != 0) r = r.join(av.get(i).flatten());
      }
      r = r.restrict(s.mask());
      if (s.intrinsic()) r = r.join(Value.source(0.8, Value.O_REQUEST).restrict(s.mask()));
      return r.withMixFrom(s.ret());
    }
    if (k.cleanResult(lname)) return Value.CLEAN;
    if (recv != null && lname.equals("replace") && args.size() >= 2 && quoteRemoved(args)) {
      // s.replace("'", "&apos;"): the quote that would end an XPath literal is gone (XPath 1.0
      // literals have no escape; replacing the quote is the defence)
      return recv.flatten().sanitise(Rule.XPATH_INJECTION.bit());
    }
    // containers
    String root = recvPath.isEmpty() ? "" : containerRoot(recvPath);
    Value container = recv;
    if (lang == Language.ELIXIR && lrecv.equals("map") && !av.isEmpty()) container = av.get(0);
    switch (lname) {
      case "put": case "set": case "setproperty": case "store": case "putifabsent": case "setattribute_":
        if (!root.isEmpty() && av.size() == 2) {
          Object key = constArg(args.get(0));
          Value base = env.getOrDefault(root, Value.CLEAN);
          env.put(root, key == null ? base.join(av.get(1).flatten()) : base.put(keyString(key), av.get(1)));
          return Value.CLEAN;
        }
        if (!root.isEmpty() && av.size() == 3 && (lname.equals("set") || lname.equals("put"))) {
          // two-level keys: configparser set(section, option, value), Guava Table.put(row, column, value)
          String key = pairKey(args.get(0), args.get(1));
          Value base = env.getOrDefault(root, Value.CLEAN);
          env.put(root, key == null ? base.join(av.get(2).flatten()) : base.put(key, av.get(2)));
          return Value.CLEAN;
        }
        break;
      case "add": case "push": case "append": case "offer": case "addlast": case "addelement":
      case "unshift": case "add_": case "addall": case "extend": case "write": case "concat_":
        if (!root.isEmpty() && !av.isEmpty() && !k.moduleName(root)) {
          Value base = env.getOrDefault(root, Value.CLEAN);
          if (lname.equals("append") && (base.keyed == null || base.listItems() == null)
              && (lang == Language.JAVA || lang == Language.CSHARP || lang == Language.KOTLIN)) {
            Value nv = concat(base, joinAll(av), nameTok.line());
            env.put(root, nv);
            return nv;
          }
          List<Value> items = base.listItems();
          if (items == null && base.keyed == null && !base.tainted()) items = new ArrayList<>();
          if (items != null && av.size() == 1 && !lname.equals("addall") && !lname.equals("extend")) {
            items = new ArrayList<>(items);
            if (lname.equals("unshift")) items.add(0, av.get(0));
            else items.add(av.get(0));
            env.put(root, base.asList(items).withText(av.get(0).text));
          } else if (items != null && av.size() == 2 && lname.equals("add")) {
            Object idx = constArg(args.get(0));
            items = new ArrayList<>(items);
            if (idx instanceof Long n && n >= 0 && n <= items.size()) items.add((int) (long) n, av.get(1));
            else items.add(av.get(1));
            env.put(root, base.asList(items));
          } else {
            env.put(root, base.join(joinAll(av).flatten()));
          }
          return env.get(root);
        }
        break;
      case "remove": case "removeat": case "delete_at": case "pop": case "popleft": case "shift":
      case "poll": case "pollfirst": case "removefirst": case "polllast": case "removelast":
        if (!root.isEmpty() && av.size() <= 1) {
          Value base = env.get(root);
          List<Value> items = base == null ? null : base.listItems();
          if (items == null && base != null && base.keyed != null && lname.equals("pop")
              && lang == Language.PYTHON && av.size() == 1) {
            Object key = constArg(args.get(0)); // dict.pop(key)
            Value got = key == null ? null : base.get(keyString(key));
            return got != null ? got : base.flatten();
          }
          if (items == null) break;
          int n = ListRemoval.index(lname, lang, av.size(), av.isEmpty() ? null : constArg(args.get(0)), items);
          if (n >= 0) {
            items = new ArrayList<>(items);
            Value removed = items.remove(n);
            env.put(root, base.asList(items));
            return removed;
          }
          if (n == ListRemoval.UNKNOWN) {
            env.put(root, base.flatten());
            return base.flatten();
          }
        }
        break;
      case "dict":
        if (lang == Language.PYTHON && recvPath.isEmpty()) {
          Value d = Value.CLEAN; // dict(keyA='a', keyB=b): keyword arguments are keys
          for (int i = 0; i < args.size(); i++) {
            String kw = args.get(i).kw();
            d = kw != null ? d.put(kw, av.get(i)) : d.join(av.get(i).flatten());
          }
          return d;
        }
        break;
      case "get": case "getordefault": case "fetch": case "elementat": case "at": case "opt":
      case "setdefault":
      case "optstring": case "get_": case "getvalue_":
        if (container != null && container.keyed != null && !av.isEmpty()) {
          String pair = container == recv && args.size() == 2 ? pairKey(args.get(0), args.get(1)) : null;
          Value atPair = pair == null ? null : container.get(pair);
          if (atPair != null) return atPair;
          int ki = container == recv ? 0 : 1;
          if (ki < args.size()) {
            Object key = constArg(args.get(ki));
            if (key != null) {
              Value got = container.get(keyString(key));
              Value dflt = av.size() > ki + 1 ? av.get(ki + 1) : Value.CLEAN;
              return (got != null ? got : own(container)).join(dflt);
            }
          }
          return container.flatten().join(joinAll(av));
        }
        break;
      default:
    }
    if (k.pathBuilder(lname, lcallee, lang)) {
      Value r = Value.CLEAN;
      boolean recvBase = recv != null && !isModule(recvPath);
      for (int i = 0; i < av.size(); i++) {
        Value v = av.get(i);
        boolean mix = v.tainted() && !(i == 0 && !recvBase && unshownBase(v, av.subList(1, av.size())));
        r = r.join(mix ? v.mixed(Rule.PATH_TRAVERSAL.bit(), lines[i], Rule.PATH_TRAVERSAL.bit()) : v);
      }
      if (recvBase) {
        Value rv = recv.flatten();
        boolean mix = rv.tainted() && !unshownBase(rv, av);
        r = r.join(mix ? rv.mixed(Rule.PATH_TRAVERSAL.bit(), nameTok.line(), Rule.PATH_TRAVERSAL.bit()) : rv);
      }
      return r.withText(TextClass.T_SLASH);
    }
    if (k.formatter(lname)) {
      int all = 0;
      for (Value v : av) all |= v.text;
      if (recv != null && !isModule(recvPath)) all |= recv.text;
      int rel = TextClass.relevance(all);
      int strong = TextClass.strong(all) & rel;
      Value r = Value.CLEAN;
      for (int i = 0; i < av.size(); i++) {
        Value v = av.get(i).flatten();
        r = r.join(v.tainted() ? v.mixed(rel, lines[i], strong) : v);
      }
      if (recv != null && !isModule(recvPath)) {
        Value rv = recv.flatten();
        r = r.join(rv.tainted() ? rv.mixed(rel, nameTok.line(), strong) : rv);
      }
      return r.withText(all);
    }
    Value r = Value.CLEAN;
    for (Value v : av) r = r.join(v.flatten());
    if (recv != null && !isModule(recvPath)) r = r.join(recv.flatten());
    if (!k.textTransform(lname)) r = r.weak();
    if (lname.equals("tostring") || lname.equals("to_s") || lname.equals("str")
        || lname.equals("join") || lname.equals("values") || lname.equals("toarray")) {
      return r;
    }
    return r.withoutConstant();
  }

  /**
   * Whether a path built from {@code base} and {@code rest} only places a value of unshown origin
   * (a parameter of an ordinary function, a variable defined outside the visible code: not
   * request input) as the directory under constant names ({@code File.join(dir, "index.html")}),
   * or alone ({@code Paths.get(name)}: the value used as-is, whose caller decides): nothing
   * untrusted selects a file under a trusted directory, so it is no traversal (issue 12 item 5).
   */
  private static boolean unshownBase(Value base, List<Value> rest) {
    if ((base.origin & Value.O_REQUEST) != 0) return false;
    for (Value v : rest) if (v.tainted() || v.constant == null) return false;
    return true;
  }

  private String containerRoot(String recvPath) {
    int paren = recvPath.indexOf("()");
    String p = paren > 0 ? recvPath.substring(0, paren) : recvPath;
    if (p.startsWith("?")) return "";
    if (paren > 0) {
      int dot = p.lastIndexOf('.');
      p = dot > 0 ? p.substring(0, dot) : p;
    }
    if (env.containsKey(p)) return p;
    String r = root(p);
    return env.containsKey(r) ? r : (paren > 0 ? "" : p);
  }

  private boolean isModule(String recvPath) {
    if (recvPath.isEmpty()) return true;
    String r = root(recvPath);
    // a call's result (base64.b64decode(x).decode()) is a value even when the chain starts at a
    // module; chains from a class (static builders such as Criteria.where(..).is(..)) stay as before
    if (recvPath.endsWith(")") && !r.isEmpty() && !Character.isUpperCase(r.charAt(0))) return false;
    if (env.containsKey(r)) return false;
    return k.moduleName(r) || Character.isUpperCase(r.charAt(0)) && !isConstantName(r)
        || r.startsWith(":");
  }

  private Object constArg(Arg g) {
    return constEval(g.a(), g.b());
  }

  /** @return the key of a two-level entry (section and option, row and column), or null when either is not constant */
  private String pairKey(Arg first, Arg second) {
    Object a = constArg(first);
    Object b = a == null ? null : constArg(second);
    return b == null ? null : keyString(a) + "\u0000" + keyString(b);
  }

  private static String keyString(Object key) {
    if (key instanceof Long n) return "#" + n;
    return String.valueOf(key);
  }

  private static Value joinAll(List<Value> vs) {
    Value r = Value.CLEAN;
    for (Value v : vs) r = r.join(v.flatten());
    return r;
  }

  private void sinks(String lname, String lcallee, String lrecv, List<Arg> args, List<Value> av,
      Token nameTok) {
    String shortRecv = k.shortReceiver(lrecv);
    List<SecurityKnowledge.Sink> hits = k.sinks(lname, lcallee, shortRecv, args.size(), lang);
    for (SecurityKnowledge.Sink h : hits) {
      if (h.rule() == Rule.COMMAND_INJECTION) {
        // argv arrays run no shell, except for the script of `sh -c SCRIPT` (issue 12 item 6)
        Value script = ShellScript.script(av);
        if (script != null) sink(Rule.COMMAND_INJECTION, script, nameTok.line(), 1.0, lname + " (shell -c)", 0);
        break;
      }
    }
    for (SecurityKnowledge.Sink h : hits) {
      int idx = h.arg();
      if (h.keyword() != null) idx = keywordArg(args, h.keyword());
      if (idx == NO_ARG) continue;
      List<Value> chosen = new ArrayList<>();
      if (idx == SecurityKnowledge.Sink.ANY) chosen.addAll(av);
      else if (idx == SecurityKnowledge.Sink.LAST) {
        if (!av.isEmpty()) chosen.add(av.get(av.size() - 1));
      } else if (idx == SecurityKnowledge.Sink.REST) {
        if (av.size() > 1) chosen.addAll(av.subList(1, av.size()));
      } else if (idx < av.size()) {
        chosen.add(av.get(idx));
      }
      if (h.textValue() && idx >= 0 && idx < args.size()) {
        int[] head = tupleHead(args.get(idx).a(), args.get(idx).b());
        if (head != null) { // make_response((body, headers)): only the body is the response text
          chosen = new ArrayList<>(List.of(eval(head[0], head[1])));
          av = new ArrayList<>(av);
          av.set(idx, chosen.get(0));
        }
      }
      if (h.notObject() && objectLiteral(args, idx)) continue; // serialised as JSON
      if (!h.objectValues().isEmpty() && objectValue(args, idx, h.objectValues())) continue;
      if (h.htmlContext() && !htmlContext()) continue;
      if (h.mediaTypeArgs() && otherMediaType(args)) continue; // the response declares another type
      if (h.textValue() && idx >= 0 && idx < args.size() && transformingCall(args.get(idx).a(), args.get(idx).b())
          && (av.get(idx).flatten().text & Value.T_HTML) == 0) {
        continue; // a rendered template or JSON helper: only markup in it makes it a sink here
      }
      if (h.words() != null && !h.words().holds(callWords(args), this::scopeWords)) continue;
      if (h.needText() == SecurityKnowledge.Sink.REQUEST_ONLY) {
        Value v = joinAll(chosen);
        if ((v.origin & Value.O_REQUEST) != 0 && v.conf >= 0.8) {
          sink(h.rule(), v, nameTok.line(), h.conf(), lname, 0);
        }
        continue;
      }
      if (h.needText() < 0 && !special(h.rule(), lname, args, av)) continue;
      if (h.shellOption()) {
        // execFile/spawn with an argv array runs no shell (only the program name matters)
        if (shellOption(args)) sink(h.rule(), joinAll(av), nameTok.line(), h.conf(), lname, 0);
        continue;
      }
      if (h.rule() == Rule.XSS && (lang == Language.JAVA || lang == Language.KOTLIN)
          && !shortRecv.contains("getwriter") && !webOutput()) {
        continue; // a plain writer or stream: not an HTTP response in this function
      }
      if (h.needText() == Value.T_SQL) {
        // SQL text must be in the same argument as the untrusted value (other arguments are bound)
        for (Value c : chosen) {
          Value f = c.flatten();
          if ((f.text & Value.T_SQL) != 0) sink(h.rule(), f, nameTok.line(), h.conf(), lname, 0);
        }
        continue;
      }
      Value v = joinAll(chosen);
      if (h.needText() > 0 && ((h.needText() == Value.T_SHELL ? joinAll(av).text : v.text)
          & h.needText()) == 0) {
        continue;
      }
      if (h.needText() == Value.T_SHELL && programNotShell(av)) continue;
      sink(h.rule(), v, nameTok.line(), h.conf(), lname, 0);
    }
  }

  /**
   * @return true when the first argument is an argument vector whose program (first element) is a
   *     constant that names no shell ({@code ["ping", "-c", "1", host]}: {@code -c} is ping's)
   */
  private static boolean programNotShell(List<Value> av) {
    List<Value> items = av.isEmpty() ? null : av.get(0).listItems();
    return items != null && !items.isEmpty() && items.get(0).constant instanceof String p
        && !TextClass.isShell(p);
  }

  /** @return the words of a call's arguments (keyword names included), see {@link SinkWords} */
  private List<String> callWords(List<Arg> args) {
    List<String> out = new ArrayList<>();
    for (Arg g : args) {
      if (g.kw() != null) out.add(SinkWords.word(g.kw()) + "=" + setting(g.a(), g.b()));
      words(g.a(), g.b(), out);
    }
    return out;
  }

  /** @return the words of the analysed unit (the enclosing function), see {@link SinkWords} */
  private List<String> scopeWords() {
    List<String> out = new ArrayList<>(t.size());
    words(0, t.size(), out);
    return out;
  }

  /** Adds the words of tokens a..b, and {@code name=value} for each {@code name = value} / {@code name: value}. */
  private void words(int a, int b, List<String> out) {
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      out.add(SinkWords.word(x.text()));
      if (i + 2 < b && (x.kind() == TokenKind.IDENTIFIER || x.kind() == TokenKind.STRING)
          && (t.get(i + 1).op("=") || t.get(i + 1).op(":") || t.get(i + 1).op("=>"))) {
        out.add(SinkWords.word(x.text()) + "=" + setting(i + 2, b));
      }
    }
  }

  /** @return the words of at most three tokens from {@code a}, up to a separator, concatenated */
  private String setting(int a, int b) {
    StringBuilder v = new StringBuilder();
    for (int i = a; i < b && i < a + 3; i++) {
      Token x = t.get(i);
      if (x.op(",") || x.op(";") || x.op(")") || x.op("}") || x.op("]")) break;
      v.append(SinkWords.word(x.text()));
    }
    return v.toString();
  }

  /** @return true when an argument is an options object with {@code shell: true} (or a shell path) */
  private boolean shellOption(List<Arg> args) {
    for (Arg g : args) {
      for (int i = g.a(); i + 2 < g.b(); i++) {
        if (t.get(i).text().equals("shell") && t.get(i + 1).op(":") && !t.get(i + 2).word("false")
            && !t.get(i + 2).word("undefined") && !t.get(i + 2).word("null")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Extra conditions for sinks that are only dangerous in one calling form. */
  private boolean special(Rule rule, String lname, List<Arg> args, List<Value> av) {
    if (args.isEmpty()) return false;
    Arg first = args.get(0);
    switch (lang) {
      case RUBY:
        if (rule == Rule.SQL_INJECTION) return containsString(first.a(), first.b());
        if (rule == Rule.COMMAND_INJECTION) return args.size() == 1;
        return true;
      case CSHARP:
        if (rule == Rule.XSS && lname.equals("content")) {
          // Content(body, "text/html"): only an HTML content type renders the body as markup
          if (args.size() < 2) return false;
          Arg type = args.get(1);
          for (int i = type.a(); i < type.b(); i++) {
            Token x = t.get(i);
            if (x.kind() == TokenKind.STRING && x.text().toLowerCase(Locale.ROOT).contains("html")) return true;
          }
          return false;
        }
        return true;
      case PYTHON:
        for (Arg g : args) {
          if ("shell".equals(g.kw()) && g.b() > g.a() && t.get(g.a()).word("True")) return true;
        }
        return false;
      default:
        for (int i = first.a(); i < first.b(); i++) {
          if (t.get(i).op("=>") || t.get(i).word("function")) return false;
        }
        return true;
    }
  }

  /**
   * @return the response_returns row of the innermost nested function around {@code line} when
   *     that function's own decorators match one (a view declared inside an application factory),
   *     else null (the unit's own row applies)
   */
  private ResponseReturns.Hit nestedHtmlReturn(int line) {
    NestedFn inner = innermostNested(line);
    return inner == null ? null
        : ResponseReturns.ofLines(view, inner.headerLine(), inner.lastHeaderLine(), inner.name(), k);
  }

  /** @return the innermost function nested in the unit whose body holds {@code line}, or null */
  private NestedFn innermostNested(int line) {
    NestedFn inner = null;
    for (NestedFn n : u.nestedFns()) {
      if (line > n.lastHeaderLine() && line <= n.endLine()) inner = n; // start order: last = innermost
    }
    return inner;
  }

  /**
   * Python: a tuple {@code (body, status, headers)} or {@code body, headers} (parenthesised or
   * not) in [a, b): Flask reads "a tuple in the form (body, status), (body, headers) or (body,
   * status, headers)" for a view's return value and for make_response.
   *
   * @return the token range of the tuple's first element, or null when [a, b) is not a tuple
   */
  private int[] tupleHead(int a, int b) {
    if (lang != Language.PYTHON || a >= b) return null;
    int from = a;
    int to = b;
    if (t.get(a).op("(") && match[a] == b - 1) {
      from = a + 1;
      to = b - 1;
    }
    int comma = topLevel(from, to, ",");
    return comma > from ? new int[] {from, comma} : null;
  }

  /** A value returned by an HTML-answering handler is the response body (pack response_returns). */
  private void htmlReturn(Value v, Token returnTok, int a, int b) {
    while (b > a && t.get(b - 1).op(";")) b--;
    int[] head = tupleHead(a, b);
    if (head != null) { // return body, 200, headers: the body is the first element
      a = head[0];
      b = head[1];
      v = eval(a, b);
    }
    if (a >= b || t.get(a).op("{") || t.get(a).op("[")) return; // an object/array: serialised as JSON
    Value f = v.flatten();
    // a call's result (render_template, jsonify, redirect...) is an HTML body only when it holds markup
    boolean needHtml = htmlReturn.needHtml() || transformingCall(a, b);
    if (needHtml && (f.text & Value.T_HTML) == 0) return;
    sink(htmlReturn.rule(), f, returnTok.line(), htmlReturn.confidence(), "returned response body", 0);
  }

  /**
   * @return true when the chosen argument is exactly an access path matching one of the globs
   *     (an object such as {@code req.query}: serialised as JSON)
   */
  private boolean objectValue(List<Arg> args, int idx, List<dev.synapse.analysis.rules.Glob> globs) {
    if (idx < 0 || idx >= args.size()) return false;
    Arg g = args.get(idx);
    StringBuilder p = new StringBuilder();
    for (int i = g.a(); i < g.b(); i++) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.IDENTIFIER || x.op(".")) p.append(x.text());
      else return false;
    }
    String s = p.toString().toLowerCase(Locale.ROOT);
    for (dev.synapse.analysis.rules.Glob gl : globs) if (gl.matches(s)) return true;
    return false;
  }

  /** {@link #keywordArg}: the call has no argument of that keyword. */
  private static final int NO_ARG = Integer.MIN_VALUE;

  /** @return the index of the argument passed by keyword {@code kw}, or {@link #NO_ARG} */
  private static int keywordArg(List<Arg> args, String kw) {
    for (int i = 0; i < args.size(); i++) if (kw.equals(args.get(i).kw())) return i;
    return NO_ARG;
  }

  /**
   * @return true when tokens a..b are one call that is not itself a request source read
   *     ({@code render(...)}, {@code json.dumps(...)}, not {@code request.GET.get("q")})
   */
  private boolean transformingCall(int a, int b) {
    if (!wholeCall(a, b)) return false;
    StringBuilder callee = new StringBuilder();
    for (int i = a; i < b && !t.get(i).op("("); i++) {
      if (t.get(i).kind() == TokenKind.IDENTIFIER || t.get(i).op(".")) callee.append(t.get(i).text());
      else return true; // a Ruby command call
    }
    String p = callee.toString().toLowerCase(Locale.ROOT);
    if (p.startsWith("self.") || p.startsWith("this.")) p = p.substring(5);
    return k.source(p + "()", lang) <= 0;
  }

  /**
   * @return true when tokens a..b are one call {@code name(...)} / {@code a.b.name(...)}, or a
   *     Ruby command call without parentheses ({@code redirect target}, {@code erb :view})
   */
  private boolean wholeCall(int a, int b) {
    if (lang == Language.RUBY && b - a >= 2 && t.get(a).kind() == TokenKind.IDENTIFIER
        && t.get(a + 1).kind() != TokenKind.OPERATOR) {
      return true;
    }
    int i = a;
    while (i < b && t.get(i).kind() == TokenKind.IDENTIFIER) {
      if (i + 1 < b && t.get(i + 1).op(".")) {
        i += 2;
        continue;
      }
      return i + 1 < b && t.get(i + 1).op("(") && match[i + 1] == b - 1;
    }
    return false;
  }

  /**
   * @return true when a chosen argument starts with an object or array literal ({@code {..}},
   *     {@code [..]}): frameworks serialise such a value as JSON
   */
  private boolean objectLiteral(List<Arg> args, int idx) {
    if (idx >= 0) {
      return idx < args.size() && args.get(idx).b() > args.get(idx).a()
          && (t.get(args.get(idx).a()).op("{") || t.get(args.get(idx).a()).op("["));
    }
    for (Arg g : args) {
      if (g.b() > g.a() && !t.get(g.a()).op("{") && !t.get(g.a()).op("[")) return false;
    }
    return !args.isEmpty();
  }

  /**
   * @return true when an argument holds a string literal naming a media type other than HTML
   *     ({@code "application/json"}, {@code "text/plain; charset=utf-8"})
   */
  private boolean otherMediaType(List<Arg> args) {
    for (Arg g : args) {
      for (int i = g.a(); i < g.b(); i++) {
        Token x = t.get(i);
        if (x.kind() != TokenKind.STRING) continue;
        String s = x.text().toLowerCase(Locale.ROOT).replaceAll("^[\"'`]+|[\"'`]+$", "").strip();
        if (s.matches("(application|text|image|audio|video|font)/[a-z0-9.+-]+(\\s*;.*)?") && !s.contains("html")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * @return true when the unit names an HTML content type in a string literal
   *     ({@code "text/html"}, {@code "text/html; charset=utf-8"}, or exactly {@code 'html'})
   */
  private boolean htmlContext() {
    if (htmlContext == null) {
      boolean h = false;
      for (Token x : t) {
        if (x.kind() != TokenKind.STRING) continue;
        String s = x.text().toLowerCase(Locale.ROOT);
        if (s.contains("text/html") || s.length() <= 8 && s.replaceAll("^[\"'`]+|[\"'`]+$", "").equals("html")) {
          h = true;
          break;
        }
      }
      htmlContext = h;
    }
    return htmlContext;
  }

  /** @return true when the unit mentions an HTTP response (servlet writers write HTML) */
  private boolean webOutput() {
    if (webOutput == null) {
      boolean w = false;
      for (Token x : t) {
        if (x.kind() != TokenKind.IDENTIFIER) continue;
        String s = x.text();
        if (k.responseName(s)) {
          w = true;
          break;
        }
      }
      webOutput = w;
    }
    return webOutput;
  }

  private boolean containsString(int a, int b) {
    for (int i = a; i < b; i++) if (t.get(i).kind() == TokenKind.STRING) return true;
    return false;
  }

  /**
   * Categories whose sinks take the untrusted value whole (a redirect target, a URL, serialized
   * bytes, an XML document, a query object): a request handler's own parameter (confidence at
   * least 0.8, see {@code paramValue}) used as-is is the flaw itself, not text built elsewhere.
   */
  private static final Set<Rule> WHOLE_VALUE = java.util.EnumSet.of(Rule.OPEN_REDIRECT, Rule.SSRF,
      Rule.INSECURE_DESERIALIZATION, Rule.XXE, Rule.NOSQL_INJECTION);

  private void sink(Rule rule, Value v, int sinkLine, double hitConf, String how, int unused) {
    if (!reporting || !v.tainted(rule)) return;
    int mix = v.mix(rule);
    if ((v.origin & Value.O_REQUEST) == 0 && mix == 0 && rule != Rule.CODE_INJECTION
        && rule != Rule.TRUST_BOUNDARY && !(WHOLE_VALUE.contains(rule) && v.conf >= 0.8)) {
      // a value handed in by a caller and used as-is: the injection (if any) is built elsewhere
      return;
    }
    int line = -1;
    if (mix > 0 && changed(mix)) line = mix;
    else if (changed(sinkLine)) line = sinkLine;
    if (line < 0) return;
    record(rule, line, v.conf * hitConf, how, v.origin);
  }

  // ------------------------------------------------------------------ names

  private Value lookup(String fullPath) {
    String path = fullPath.length() > MAX_PATH ? root(fullPath) : fullPath;
    String p = path;
    while (true) {
      Value v = env.get(p);
      if (v != null) return p.equals(path) ? v : v.flatten();
      int dot = p.lastIndexOf('.');
      int br = p.lastIndexOf('[');
      int cut = Math.max(dot, br);
      if (cut <= 0) break;
      p = p.substring(0, cut);
    }
    String head = root(path);
    if (head.equals("this") || head.equals("self") || head.equals("$this") || head.startsWith("@")
        || head.equals("super")) {
      return Value.CLEAN;
    }
    Object g = globals.get(head);
    if (g != null && head.equals(path)) return Value.constant(g, g instanceof String s ? TextClass.classify(s) : 0);
    if (u.freeTaint() && likelyLocal(head)) return FREE;
    return Value.CLEAN;
  }

  /** Fast path of {@link #lookup} for a bare name. */
  private Value simpleName(String name) {
    Value v = env.get(name);
    if (v != null) return v;
    if (name.length() <= 10 && k.bareSpelling(name)) {
      String lower = name.toLowerCase(Locale.ROOT);
      double sc = Math.max(sourceOf(lower, lang), k.exactSource(lower, lang));
      if (sc > 0) return Value.source(sc, Value.O_REQUEST);
    }
    return lookup(name);
  }

  /**
   * {@link #sourceOf} for an access path read at {@code line}, except request data fixed by the
   * route of the function around that line (pack {@code route_constants}: {@code request.path} in a
   * view whose route rule has no variable part).
   */
  private double pathSource(String lowerPath, int line) {
    double sc = sourceOf(lowerPath, lang);
    return sc > 0 && routeConstant(lowerPath, line) ? 0 : sc;
  }

  private boolean routeConstant(String lowerPath, int line) {
    List<dev.synapse.analysis.rules.Pack.RouteConstant> rows = k.routeConstants(lang);
    if (rows.isEmpty()) return false;
    List<String> markers = null;
    for (dev.synapse.analysis.rules.Pack.RouteConstant r : rows) {
      boolean named = false;
      for (String p : r.paths()) {
        if (lowerPath.startsWith(p) && (lowerPath.length() == p.length() || ".[(".indexOf(lowerPath.charAt(p.length())) >= 0)) {
          named = true;
        }
      }
      if (!named) continue;
      if (markers == null) {
        NestedFn inner = innermostNested(line);
        if (inner != null) {
          markers = ResponseReturns.markerLines(view, inner.headerLine(), inner.lastHeaderLine());
        } else if (!u.name().startsWith("<") && !u.toks().isEmpty()) {
          markers = ResponseReturns.markerLines(view, u.toks().get(0).line(),
              u.toks().get(Math.max(0, Math.min(u.bodyFrom(), u.toks().size()) - 1)).line());
        } else {
          return false;
        }
      }
      if (anyGlob(r.markers(), markers) && !anyGlob(r.markersNot(), markers)) return true;
    }
    return false;
  }

  private static boolean anyGlob(List<dev.synapse.analysis.rules.Glob> globs, List<String> lines) {
    for (String l : lines) for (dev.synapse.analysis.rules.Glob g : globs) if (g.matches(l)) return true;
    return false;
  }

  /** Memoised {@link SecurityKnowledge#source} (paths repeat a lot within a file). */
  private double sourceOf(String lowerPath, Language language) {
    Double d = sourceCache.get(lowerPath);
    if (d == null) {
      d = k.source(lowerPath, language);
      if (sourceCache.size() < 4096) sourceCache.put(lowerPath, d);
    }
    return d;
  }

  private final Map<String, Double> sourceCache = new HashMap<>();

  private Value lookupReceiver(String recvPath) {
    String head = root(recvPath);
    if (!env.containsKey(head) && k.moduleName(head)) return Value.CLEAN;
    return lookup(recvPath);
  }

  private boolean likelyLocal(String name) {
    if (name.isEmpty() || u.declared().contains(name) || globals.containsKey(name)) return false;
    if (lang == Language.PHP) {
      return name.startsWith("$") && !name.startsWith("$_") && !name.equals("$this")
          && !k.moduleName(name);
    }
    char c = name.charAt(0);
    if (!Character.isLowerCase(c)) return false;
    return !k.moduleName(name) && !k.frameworkParam(name);
  }

  private Object constOf(String name) {
    Value v = env.get(name);
    if (v != null) return v.constant;
    return globals.get(name);
  }

  // ------------------------------------------------------------------ token helpers

  private List<Arg> splitArgs(int a, int b) {
    List<Arg> out = new ArrayList<>();
    if (a >= b) return out;
    int s = a;
    for (int i = a; i <= b; i++) {
      if (i == b || t.get(i).op(",")) {
        if (i > s) {
          String kw = null;
          int st = s;
          if (st + 1 < i && (t.get(st).kind() == TokenKind.IDENTIFIER
              || t.get(st).kind() == TokenKind.KEYWORD)
              && (t.get(st + 1).op("=") && (lang == Language.PYTHON || lang == Language.KOTLIN
              || lang == Language.CSHARP) || t.get(st + 1).op(":") && lang != Language.PYTHON)) {
            kw = t.get(st).text();
            st += 2;
          }
          out.add(new Arg(st, i, kw));
        }
        s = i + 1;
        continue;
      }
      Token x = t.get(i);
      if (match[i] > i && match[i] < b) { // a matched ( [ { or interpolation start
        i = match[i];
      }
    }
    return out;
  }

  private int topLevel(int a, int b, String op) {
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (match[i] > i) { // a matched ( [ { or interpolation start
        i = Math.min(match[i], b);
        continue;
      }
      if (x.op(op)) return i;
    }
    return -1;
  }

  private int topLevelWord(int a, int b, String... words) {
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (match[i] > i) { // a matched ( [ { or interpolation start
        i = Math.min(match[i], b);
        continue;
      }
      if (x.kind() == TokenKind.KEYWORD) {
        for (String w : words) if (x.text().equals(w)) return i;
      }
    }
    return -1;
  }

  private int ternaryColon(int a, int b) {
    int nested = 0;
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (match[i] > i) { // a matched ( [ { or interpolation start
        i = Math.min(match[i], b);
        continue;
      }
      if (x.op("?")) nested++;
      else if (x.op(":")) {
        if (nested == 0) return i;
        nested--;
      }
    }
    return -1;
  }
}
