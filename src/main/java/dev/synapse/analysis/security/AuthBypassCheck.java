package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.lang.FunctionSpan;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.lang.TokenKind;
import dev.synapse.diff.ChangeType;
import dev.synapse.diff.DiffLine;
import dev.synapse.diff.FileDiff;
import dev.synapse.diff.Hunk;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Authentication and authorization bypass (CWE-285, CWE-862, CWE-287). On added lines: controls
 * that open access ({@code permitAll()} replacing a role check, DRF {@code AllowAny},
 * {@code skip_before_action :authenticate...}, {@code [AllowAnonymous]} replacing a guard,
 * {@code jwt.decode} without signature verification, a guard method short-circuited to
 * {@code return true}). On removed lines (reported on the old line with side OLD): a guard
 * (annotation, decorator, middleware, {@code before_action}, plug, policy call) that is not
 * re-added anywhere in the diff nor in the same file, and record lookups that lose their
 * {@code current_user} scoping. Stateless and thread-safe.
 */
public final class AuthBypassCheck implements Check {

  private static final String[] GUARD_PARTS = PatternLists.array("auth_bypass.guard_parts");
  private static final String[] GUARD_FUNCTION_NAMES = PatternLists.array("auth_bypass.guard_function_names");

  @Override
  public String id() {
    return Rule.AUTH_BYPASS.category();
  }

  @Override
  public String category() {
    return Rule.AUTH_BYPASS.category();
  }

  /**
   * Memo key ({@link AnalysisContext#memo}) of the guard keys added anywhere in the whole diff of
   * a review that is analysed chunk by chunk (agent.LargeReviewRunner): a removed guard re-added
   * in another chunk is then not reported, exactly as in a run over the whole diff. Unset in a
   * run over the whole diff (an empty set).
   */
  public static final String WHOLE_DIFF_ADDED_KEYS = "auth_bypass.whole_diff_added_keys";

  /**
   * @param context a review (or one chunk of it)
   * @return the guard keys its added lines introduce (what {@link #run} matches removed guards
   *     against)
   */
  public static Set<String> addedGuardKeys(AnalysisContext context) {
    Set<String> keys = new HashSet<>();
    collectAddedGuards(context, new Lines(context), keys, new IdentityHashMap<>());
    return keys;
  }

  private static void collectAddedGuards(AnalysisContext context, Lines lines, Set<String> addedKeys,
      Map<FileDiff, Boolean> fileAddsGuard) {
    for (FileDiff file : context.diff().files()) {
      if (file.binary() || file.hunks().isEmpty() || file.changeType() == ChangeType.DELETED) continue;
      SourceView nv = Functions.view(context, file, Side.NEW);
      boolean any = false;
      for (int si = 0; si < nv.segments().size(); si++) {
        for (Line line : lines.of(nv, si)) {
          String key = line.guardKey;
          if (key != null && line.weakening() == null) {
            addedKeys.add(key);
            any = true;
          }
        }
      }
      fileAddsGuard.put(file, any);
    }
  }

  @Override
  public List<Finding> run(AnalysisContext context) {
    List<Finding> out = new ArrayList<>();
    // guards present on added lines anywhere in the diff, by guard key, and per file
    Set<String> addedKeys = new HashSet<>();
    // identity: FileDiff is a record whose hashCode walks every line of the file's diff
    Map<FileDiff, Boolean> fileAddsGuard = new IdentityHashMap<>();
    Lines lines = new Lines(context);
    collectAddedGuards(context, lines, addedKeys, fileAddsGuard);
    // a large review analysed chunk by chunk: guards added in the other chunks count too
    addedKeys.addAll(context.<String, Set<String>>memo(WHOLE_DIFF_ADDED_KEYS, k -> Set.of()));
    for (FileDiff file : context.diff().files()) {
      if (file.binary() || file.hunks().isEmpty()) continue;
      FindingFactory ff = new FindingFactory();
      Set<Integer> hunksWithWeakening = new HashSet<>();
      if (file.changeType() != ChangeType.DELETED) {
        SourceView nv = Functions.view(context, file, Side.NEW);
        List<FunctionSpan> fns = Functions.of(context, file, Side.NEW);
        for (int si = 0; si < nv.segments().size(); si++) {
          SourceView.Segment seg = nv.segments().get(si);
          List<Line> changedLines = lines.of(nv, si);
          if (changedLines.isEmpty()) continue;
          boolean hunkRemovesGuard = hunkRemovesGuard(context, file, seg, lines);
          boolean hunkRemoves = hunkRemovesAnything(file, seg);
          for (Line changed : changedLines) {
            List<Token> line = changed.tokens;
            int ln = changed.line;
            String why = changed.weakening();
            if (why != null && why.startsWith("permitAll") && !hunkRemovesGuard && !mentionsPrivilegedPath(line)) {
              why = null;
            }
            if (why != null && why.startsWith("AllowAnonymous") && !hunkRemovesGuard
                && !overridesAuthorize(nv, ln)) {
              why = null;
            }
            if (why == null && hunkRemoves && (changed.facts & TRUE) != 0 && returnsTrueInGuard(line, fns, si, ln, file,
                seg.firstLine())) {
              why = "the guard method now returns true unconditionally";
            }
            if (why == null) continue;
            hunksWithWeakening.add(seg.firstLine());
            String cwe = why.contains("signature") ? "CWE-287" : "CWE-285";
            out.add(ff.make(Rule.AUTH_BYPASS, nv, ln, 0.8,
                Rule.AUTH_BYPASS.title() + ": " + why + ".", null, cwe));
          }
        }
      }
      // removed guards, old side
      if (file.changeType() == ChangeType.DELETED) continue;
      SourceView ov = Functions.view(context, file, Side.OLD);
      for (int si = 0; si < ov.segments().size(); si++) {
        List<Line> changedLines = lines.of(ov, si);
        if (changedLines.isEmpty()) continue;
        SourceView.Segment seg = ov.segments().get(si);
        boolean weakened = hunksWithWeakening.contains(newStartOf(file, seg.firstLine()));
        String addedText = null; // built on first use: only a lost ownership scope reads it
        for (Line changed : changedLines) {
          List<Token> line = changed.tokens;
          int ln = changed.line;
          if (importLine(line)) continue;
          String key = changed.guardKey;
          if (key != null) {
            if (weakened || addedKeys.contains(key) || Boolean.TRUE.equals(fileAddsGuard.get(file))
                || changed.weakening() != null) {
              continue;
            }
            out.add(ff.make(Rule.AUTH_BYPASS, ov, ln, 0.75, Rule.AUTH_BYPASS.title()
                + ": the guard '" + key + "' is removed and not re-added elsewhere in the change.",
                null, key.contains("authoriz") || key.contains("role") || key.contains("admin")
                    || key.contains("owner") || key.contains("permission") ? "CWE-862" : "CWE-287"));
            continue;
          }
          if (weakened) continue;
          String scope = (changed.facts & SCOPE) != 0 ? ownershipScope(line) : null;
          if (scope == null) continue;
          if (addedText == null) addedText = addedTextOfHunk(file, seg.firstLine());
          if (!addedText.contains(scope)) {
            out.add(ff.make(Rule.AUTH_BYPASS, ov, ln, 0.6, Rule.AUTH_BYPASS.title()
                + ": the lookup is no longer scoped to '" + scope + "', so any record id is served.",
                "Keep scoping record lookups to the current user (or check ownership with a policy).",
                "CWE-639"));
          }
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ line helpers

  private static final int KEY = ChangedTokens.AUTH_KEY;
  private static final int WEAK = ChangedTokens.AUTH_WEAK;
  private static final int TRUE = ChangedTokens.AUTH_TRUE;
  private static final int SCOPE = ChangedTokens.AUTH_SCOPE;

  /**
   * The words whose absence from a line's text (ignoring case) proves that a rule cannot fire
   * on it, as (word, fact) pairs for {@link ChangedTokens}: each name a rule tests for contains
   * one of its words. AUTH_KEY: the guard parts, the roots "require" and "verify" standing for
   * the parts that contain them; AUTH_WEAK: permitAll, AllowAny/AllowAnonymous, the skip_
   * filters, (jwt.)decode and the 'none' algorithm; AUTH_TRUE and AUTH_SCOPE: the tokens of the
   * other two rules.
   */
  static Object[] triggerWords() {
    List<Object> entries = new ArrayList<>();
    List<String> keys = new ArrayList<>(List.of(GUARD_PARTS));
    keys.add("verify");
    keys.add("require");
    for (String k : keys) {
      boolean covered = false;
      for (String other : keys) covered |= !other.equals(k) && k.contains(other);
      if (!covered) {
        entries.add(k);
        entries.add(KEY);
      }
    }
    for (String w : new String[] {"permitall", "allowan", "skip_", "decode", "none"}) {
      entries.add(w);
      entries.add(WEAK);
    }
    entries.add("true");
    entries.add(TRUE);
    for (String w : new String[] {"current_user", "currentuser", "request"}) {
      entries.add(w);
      entries.add(SCOPE);
    }
    return entries.toArray();
  }

  /**
   * One changed line's significant tokens with the rules its text allows ({@code facts}), its
   * guard key and (on first use) its weakening.
   */
  private static final class Line {
    final List<Token> tokens;
    final int line;
    final Language lang;
    final int facts;
    final String guardKey;
    private String weakening;
    private boolean weakeningKnown;

    Line(List<Token> tokens, int line, Language lang, int facts) {
      this.tokens = tokens;
      this.line = line;
      this.lang = lang;
      this.facts = facts;
      this.guardKey = (facts & KEY) != 0 ? guardKey(tokens) : null;
    }

    String weakening() {
      if (!weakeningKnown) {
        weakening = (facts & WEAK) != 0 ? AuthBypassCheck.weakening(tokens, lang) : null;
        weakeningKnown = true;
      }
      return weakening;
    }
  }

  /**
   * The changed lines of each segment on which some rule may fire (added lines on the new side,
   * removed lines on the old side; every rule of this check looks at changed lines, and a line
   * whose text lacks every {@link #triggerWords} word can produce nothing), built once per run from
   * the review's {@link ChangedTokens}: one run reads a segment up to three times. Each line's
   * tokens are a sub-list view of the segment's significant tokens. Confined to one call of
   * {@link #run}.
   */
  private static final class Lines {
    private final AnalysisContext context;
    private final Map<SourceView.Segment, List<Line>> bySegment = new IdentityHashMap<>();

    Lines(AnalysisContext context) {
      this.context = context;
    }

    List<Line> of(SourceView view, int si) {
      SourceView.Segment seg = view.segments().get(si);
      List<Line> got = bySegment.get(seg);
      if (got != null) return got;
      ChangedTokens changed = ChangedTokens.of(context, view);
      int[] groups = changed.groups(si);
      List<Token> sig = null;
      List<Line> out = new ArrayList<>();
      for (int g = 0; g < groups.length; g += ChangedTokens.STRIDE) {
        int facts = groups[g + ChangedTokens.FACTS];
        if ((facts & ChangedTokens.NON_ASCII) != 0) facts = KEY | WEAK | TRUE | SCOPE;
        facts &= KEY | WEAK | TRUE | SCOPE;
        if (facts == 0) continue;
        if (sig == null) sig = view.significantTokens(si);
        out.add(new Line(sig.subList(groups[g + ChangedTokens.FROM], groups[g + ChangedTokens.TO]),
            groups[g + ChangedTokens.LINE], view.language(), facts));
      }
      bySegment.put(seg, out);
      return out;
    }
  }

  private static boolean importLine(List<Token> line) {
    Token f = line.get(0);
    return f.word("import") || f.word("from") || f.word("require") && line.size() > 1
        && line.get(1).kind() == TokenKind.STRING || f.word("use") || f.word("alias")
        || f.word("using") || f.word("package");
  }

  /**
   * {@link #GUARD_PARTS}, tagged 1 except "ensureloggedin" (tagged 2), the one part that holds
   * none of {@link #GUARD_ROOTS}: a name holding a part tagged 1 is a guard.
   */
  private static final WordTable GUARD_WORDS = guardWords();
  /** The roots a guard name must contain (every part but "ensureloggedin" does). */
  private static final WordTable GUARD_ROOTS = WordTable.of(1, PatternLists.array("auth_bypass.guard_roots"));

  private static WordTable guardWords() {
    Object[] entries = new Object[GUARD_PARTS.length * 2];
    for (int i = 0; i < GUARD_PARTS.length; i++) {
      entries[2 * i] = GUARD_PARTS[i];
      entries[2 * i + 1] = GUARD_PARTS[i].equals("ensureloggedin") ? 2 : 1;
    }
    return new WordTable(false, entries);
  }

  /**
   * The guard named on a line: the first identifier or symbol of at least 5 characters whose
   * lower-cased text contains one of {@link #GUARD_PARTS} and one of {@link #GUARD_ROOTS}
   * ({@code @Secured} only after {@code @}), or {@code jwt.verify}. ASCII text is matched in
   * place ({@link WordTable}), other text after lower-casing.
   *
   * @return the guard identifier (lower-cased, without Ruby's {@code !}/{@code ?}), or null
   */
  static String guardKey(List<Token> line) {
    if (importLine(line)) return null;
    for (int i = 0; i < line.size(); i++) {
      Token t = line.get(i);
      if (t.kind() != TokenKind.IDENTIFIER && t.kind() != TokenKind.SYMBOL) continue;
      String text = t.text();
      if (text.length() < 5) continue;
      String probe = text;
      int parts = GUARD_WORDS.scan(probe);
      if ((parts & WordTable.NON_ASCII) != 0) {
        probe = text.toLowerCase(Locale.ROOT);
        parts = GUARD_WORDS.scan(probe);
      }
      if (WordTable.equalsLower(probe, "verify")) {
        if (i >= 2 && line.get(i - 2).text().equals("jwt")) return "jwt.verify";
        continue;
      }
      if (WordTable.equalsLower(probe, "secured") && !(i > 0 && line.get(i - 1).op("@"))) continue;
      if ((parts & 1) != 0 || (parts & 2) != 0 && (GUARD_ROOTS.scan(probe) & 1) != 0) {
        return text.toLowerCase(Locale.ROOT).replace("!", "").replace("?", "");
      }
    }
    return null;
  }

  /** @return a description when the (added) line opens access, else null */
  /** Action names that are anonymous by design (sign-in flows, error and health pages). */
  private static final String[] PUBLIC_ACTIONS = PatternLists.array("auth_bypass.public_actions");

  /**
   * @return true when {@code [AllowAnonymous]} on line {@code ln} opens an action of a file that
   *     requires authorisation ({@code [Authorize]}) and the action is not a sign-in style page
   */
  private static boolean overridesAuthorize(SourceView view, int ln) {
    boolean authorize = false;
    for (SourceView.Segment seg : view.segments()) {
      for (String l : seg.lines()) {
        if (l.contains("[Authorize") || l.contains("Authorize]")) {
          authorize = true;
          break;
        }
      }
      if (authorize) break;
    }
    if (!authorize) return false;
    for (int k = ln; k <= ln + 4; k++) {
      String text = view.line(k);
      if (text == null) return false;
      int paren = text.indexOf('(');
      String trimmed = text.trim();
      if (paren < 0 || trimmed.startsWith("[")) continue;
      int s = paren;
      while (s > 0 && Character.isJavaIdentifierPart(text.charAt(s - 1))) s--;
      String name = text.substring(s, paren).toLowerCase(Locale.ROOT);
      if (name.isEmpty()) return false;
      for (String w : PUBLIC_ACTIONS) if (name.contains(w)) return false;
      return true;
    }
    return false;
  }

  private static String weakening(List<Token> line, Language lang) {
    if (importLine(line)) return null;
    for (int i = 0; i < line.size(); i++) {
      Token t = line.get(i);
      String x = t.text();
      char c0 = x.isEmpty() ? ' ' : x.charAt(0);
      // every name below starts with p, P, A, s or d
      if ((t.kind() == TokenKind.IDENTIFIER || t.kind() == TokenKind.KEYWORD)
          && (c0 == 'p' || c0 == 'P' || c0 == 'A' || c0 == 's' || c0 == 'd')) {
        if (x.equals("permitAll") || x.equals("PermitAll") && i > 0 && line.get(i - 1).op("@")) {
          return "permitAll opens the route to anonymous users";
        }
        if (x.equals("AllowAny")) return "AllowAny replaces the view's permission classes";
        if (x.equals("AllowAnonymous")) return "AllowAnonymous lets anonymous users in";
        if ((x.equals("skip_before_action") || x.equals("skip_before_filter")
            || x.equals("skip_authorization_check") || x.equals("skip_after_action")
            || x.equals("skip_authorization")) && guardKey(line.subList(i + 1, line.size())) != null
            || x.equals("skip_authorization_check")) {
          return "a skip_before_action disables an authentication/authorization filter";
        }
        if (x.equals("decode") && i >= 2 && line.get(i - 1).op(".")
            && (line.get(i - 2).text().equals("jwt") || line.get(i - 2).text().equals("jsonwebtoken")
            || line.get(i - 2).text().equals("JWT"))) {
          if (lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT) {
            return "jwt.decode reads the token without verifying its signature";
          }
          for (Token u : line) {
            String lu = u.text().toLowerCase(Locale.ROOT);
            if (lu.equals("verify_signature") || lu.equals("verify") && lang != Language.RUBY) {
              return "the JWT is decoded with signature verification turned off";
            }
          }
          if (lang == Language.RUBY) {
            for (int k = i + 1; k < line.size(); k++) {
              if (line.get(k).word("false") || line.get(k).word("nil") && k + 2 < line.size()) {
                return "the JWT is decoded with signature verification turned off";
              }
            }
          }
        }
      }
      if (t.kind() == TokenKind.STRING && x.length() == 4 && x.equalsIgnoreCase("none") && lineMentions(line, "algorithm")) {
        return "the JWT accepts the 'none' algorithm, i.e. no signature";
      }
    }
    return null;
  }

  private static boolean lineMentions(List<Token> line, String part) {
    for (Token t : line) if (t.text().toLowerCase(Locale.ROOT).contains(part)) return true;
    return false;
  }

  private static boolean mentionsPrivilegedPath(List<Token> line) {
    for (Token t : line) {
      if (t.kind() != TokenKind.STRING) continue;
      String l = t.text().toLowerCase(Locale.ROOT);
      if (l.contains("admin") || l.contains("internal") || l.contains("manage") || l.contains("private")
          || l.contains("actuator")) {
        return true;
      }
    }
    return false;
  }

  /** @return true when the hunk's section header or the file path names a guard or policy */
  private static boolean guardContext(FileDiff file, int newFirstLine) {
    Hunk h = hunkOf(file, newFirstLine);
    String ctx = ((h == null ? "" : h.section()) + " " + file.path()).toLowerCase(Locale.ROOT);
    return ctx.contains("guard") || ctx.contains("canactivate") || ctx.contains("polic")
        || ctx.contains("permission") || ctx.contains("authoriz") || ctx.contains("access");
  }

  private static boolean returnsTrueInGuard(List<Token> line, List<FunctionSpan> fns, int si, int ln,
      FileDiff file, int newFirstLine) {
    boolean retTrue = line.size() >= 2 && line.get(0).word("return")
        && (line.get(1).word("true") || line.get(1).word("True"))
        && (line.size() == 2 || line.get(2).op(";"));
    if (!retTrue) return false;
    boolean inFunction = false;
    for (FunctionSpan f : fns) {
      if (f.segment() == si && f.containsLine(ln)) inFunction = true;
    }
    if (!inFunction) return guardContext(file, newFirstLine);
    for (FunctionSpan f : fns) {
      if (f.segment() != si || !f.containsLine(ln)) continue;
      String n = f.name().toLowerCase(Locale.ROOT).replace("_", "").replace("?", "");
      for (String g : GUARD_FUNCTION_NAMES) {
        if (n.equals(g) || n.startsWith(g) && g.length() > 4 || n.startsWith("can") && n.length() > 3
            || n.startsWith("is") && (n.contains("auth") || n.contains("allow") || n.contains("admin"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String ownershipScope(List<Token> line) {
    for (int i = 0; i + 2 < line.size(); i++) {
      Token t = line.get(i);
      String x = t.text();
      if ((x.equals("current_user") || x.equals("currentUser")) && line.get(i + 1).op(".")
          && line.get(i + 2).kind() == TokenKind.IDENTIFIER && !line.get(i + 2).text().equals("id")
          && !line.get(i + 2).text().startsWith("is_") && !line.get(i + 2).text().endsWith("?")) {
        for (int k = i + 3; k < line.size(); k++) {
          String m = line.get(k).text();
          if (m.equals("find") || m.equals("find_by") || m.equals("find_by!") || m.equals("where")
              || m.equals("get") || m.equals("filter") || m.equals("findOrFail")) {
            return x;
          }
        }
      }
      if (x.equals("request") && line.get(i + 1).op(".") && line.get(i + 2).text().equals("user")
          && lineMentions(line, "get") && lineMentions(line, "objects")) {
        return "request.user";
      }
    }
    return null;
  }

  private static boolean hunkRemovesGuard(AnalysisContext ctx, FileDiff file, SourceView.Segment newSeg,
      Lines lines) {
    Hunk h = hunkOf(file, newSeg.firstLine());
    if (h == null) return false;
    SourceView ov = Functions.view(ctx, file, Side.OLD);
    int oldFirst = -1;
    for (DiffLine l : h.lines()) {
      if (!l.added()) {
        oldFirst = l.oldLine();
        break;
      }
    }
    SourceView.Segment os = oldFirst < 0 ? null : ov.segmentAt(oldFirst);
    if (os == null) return false;
    for (int si = 0; si < ov.segments().size(); si++) {
      if (ov.segments().get(si) != os) continue;
      for (Line line : lines.of(ov, si)) {
        if (line.guardKey != null) return true;
      }
    }
    return false;
  }

  private static boolean hunkRemovesAnything(FileDiff file, SourceView.Segment newSeg) {
    Hunk h = hunkOf(file, newSeg.firstLine());
    if (h == null) return false;
    for (DiffLine l : h.lines()) if (l.removed()) return true;
    return false;
  }

  private static Hunk hunkOf(FileDiff file, int newFirstLine) {
    for (Hunk h : file.hunks()) {
      for (DiffLine l : h.lines()) {
        if (!l.removed()) {
          if (l.newLine() == newFirstLine) return h;
          break;
        }
      }
    }
    return null;
  }

  private static int newStartOf(FileDiff file, int oldFirstLine) {
    for (Hunk h : file.hunks()) {
      boolean match = false;
      for (DiffLine l : h.lines()) {
        if (!l.added()) {
          match = l.oldLine() == oldFirstLine;
          break;
        }
      }
      if (!match) continue;
      for (DiffLine l : h.lines()) if (!l.removed()) return l.newLine();
    }
    return -1;
  }

  private static String addedTextOfHunk(FileDiff file, int oldFirstLine) {
    StringBuilder sb = new StringBuilder();
    for (Hunk h : file.hunks()) {
      boolean match = false;
      for (DiffLine l : h.lines()) {
        if (!l.added()) {
          match = l.oldLine() == oldFirstLine;
          break;
        }
      }
      if (!match) continue;
      for (DiffLine l : h.lines()) if (l.added()) sb.append(l.text()).append('\n');
    }
    return sb.toString();
  }
}
