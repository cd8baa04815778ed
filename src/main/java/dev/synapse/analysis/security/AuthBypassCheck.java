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
import dev.synapse.signal.Severity;
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
  /** The rule packs for the removed-check candidates ({@link RemovedProtection}). */
  private final SecurityKnowledge knowledge;
  private final PatternWords words;
  private final Words w;

  /** A check over the bundled rule packs and the bundled packs' lists. */
  public AuthBypassCheck() {
    this(SecurityKnowledge.bundled(), PatternWords.bundled());
  }

  /**
   * @param knowledge the compiled rule packs (bundled plus user packs)
   * @param words the pattern lists of the loaded packs
   */
  AuthBypassCheck(SecurityKnowledge knowledge, PatternWords words) {
    this.knowledge = knowledge;
    this.words = words;
    this.w = words.auth;
  }

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
  public Set<String> addedGuardKeys(AnalysisContext context) {
    Set<String> keys = new HashSet<>();
    collectAddedGuards(context, new Lines(context, words), keys, new IdentityHashMap<>());
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
    Lines lines = new Lines(context, words);
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
            if (why != null && why == PERMIT_ALL && !hunkRemovesGuard && !mentionsPrivilegedPath(line)) {
              why = null;
            }
            if (why != null && why == ALLOW_ANONYMOUS && !hunkRemovesGuard
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
      if (file.changeType() != ChangeType.DELETED) removedChecks(context, file, ff, out);
    }
    return out;
  }

  /** New-side findings: a permission check removed in front of code that stays ({@link RemovedProtection}). */
  private void removedChecks(AnalysisContext context, FileDiff file, FindingFactory ff, List<Finding> out) {
    List<RemovedProtection.Hit> hits = ChangeHits.of(context, file, knowledge, Rule.AUTH_BYPASS);
    if (hits.isEmpty()) return;
    SourceView nv = Functions.view(context, file, Side.NEW);
    for (RemovedProtection.Hit h : hits) {
      Finding f = ff.make(Rule.AUTH_BYPASS, nv, h.line(), h.confidence(), h.summary(), null,
          h.cwe() != null ? h.cwe() : "CWE-862");
      out.add(new Finding(f.type(), Severity.MEDIUM, f.file(), f.line(), f.side(), f.endLine(), f.ruleId(),
          f.cwe(), f.summary(), f.recommendation(), f.confidence(), f.fingerprint(), f.agent()));
    }
  }

  // ------------------------------------------------------------------ line helpers

  private static final int KEY = ChangedTokens.AUTH_KEY;
  private static final int WEAK = ChangedTokens.AUTH_WEAK;
  private static final int TRUE = ChangedTokens.AUTH_TRUE;
  private static final int SCOPE = ChangedTokens.AUTH_SCOPE;

  /** Kinds of weakening (compared by identity), each with its description. */
  private static final String PERMIT_ALL = "permitAll opens the route to anonymous users";
  private static final String ALLOW_ANY = "AllowAny replaces the view's permission classes";
  private static final String ALLOW_ANONYMOUS = "AllowAnonymous lets anonymous users in";
  private static final String SKIP_FILTER = "a skip_before_action disables an authentication/authorization filter";
  private static final String JWT_UNVERIFIED = "jwt.decode reads the token without verifying its signature";
  private static final String JWT_VERIFY_OFF = "the JWT is decoded with signature verification turned off";
  private static final String JWT_NONE = "the JWT accepts the 'none' algorithm, i.e. no signature";

  /**
   * The API names and words of this check ({@code auth_bypass.*} pattern lists, see
   * rules/patterns.yml and rules/patterns/auth_bypass.yml). Immutable.
   */
  static final class Words {
    final String[] guardParts;
    final String[] guardFunctionNames;
    /** {@link #guardParts}: tag 1 when the part holds a root, else 2 (the name must hold one). */
    final WordTable guardWords;
    /** The roots a guard name must contain when its part holds none. */
    final WordTable guardRoots;
    /** {@code receiver.name} calls that are guards: receivers as written, names lower-cased. */
    final String[][] guardCalls;
    final Set<String> annotationGuards;
    final String[] publicActions;
    final Set<String> permitAll;
    final Set<String> permitAllAnnotations;
    final Set<String> allowAny;
    final Set<String> allowAnonymous;
    final String[] authorizeMarkers;
    final Set<String> skipFilters;
    final Set<String> unconditionalSkips;
    final Set<String> jwtModules;
    final Map<Language, Set<String>> jwtDecode;
    final Map<Language, Set<String>> unverifiedDecode;
    final Map<Language, Set<String>> positionalVerify;
    final Set<String> verifyOffOptions;
    final Set<String> verifyKeywordOptions;
    final Set<String> noneAlgorithms;
    final String[] algorithmWords;
    final String[] privilegedPathWords;
    final String[] guardContextWords;
    final Set<String> currentUserNames;
    final Set<String> scopedLookups;
    /** {@code head.member} paths of a request's user (Django {@code request.user}). */
    final String[][] requestUserPaths;
    final String[] requestUserLookupWords;
    /** First characters of every name {@link #weakening} compares a token with. */
    private final boolean[] weakStarts = new boolean[128];

    Words(PatternWords p) {
      guardParts = p.array("auth_bypass.guard_parts");
      guardFunctionNames = p.array("auth_bypass.guard_function_names");
      String[] roots = p.array("auth_bypass.guard_roots");
      guardRoots = roots.length == 0 ? null : WordTable.of(1, lowerAll(roots));
      Object[] entries = new Object[guardParts.length * 2];
      for (int i = 0; i < guardParts.length; i++) {
        String part = guardParts[i].toLowerCase(Locale.ROOT);
        boolean rooted = false;
        for (String r : roots) rooted |= part.contains(r.toLowerCase(Locale.ROOT));
        entries[2 * i] = part;
        entries[2 * i + 1] = rooted ? 1 : 2;
      }
      guardWords = new WordTable(false, entries);
      guardCalls = PatternWords.receiverNamePairs(p.list("auth_bypass.guard_calls"));
      annotationGuards = p.lowerSet("auth_bypass.annotation_guards");
      publicActions = lowerAll(p.array("auth_bypass.public_actions"));
      permitAll = p.set("auth_bypass.permit_all");
      permitAllAnnotations = p.set("auth_bypass.permit_all_annotations");
      allowAny = p.set("auth_bypass.allow_any");
      allowAnonymous = p.set("auth_bypass.allow_anonymous");
      authorizeMarkers = p.array("auth_bypass.authorize_markers");
      skipFilters = p.set("auth_bypass.skip_filters");
      unconditionalSkips = p.set("auth_bypass.unconditional_skips");
      jwtModules = p.set("auth_bypass.jwt_modules");
      jwtDecode = p.byLanguage("auth_bypass.jwt_decode", false);
      unverifiedDecode = p.byLanguage("auth_bypass.unverified_decode", false);
      positionalVerify = p.byLanguage("auth_bypass.positional_verify_flag", false);
      verifyOffOptions = p.lowerSet("auth_bypass.verify_off_options");
      verifyKeywordOptions = p.lowerSet("auth_bypass.verify_keyword_options");
      noneAlgorithms = p.lowerSet("auth_bypass.none_algorithms");
      algorithmWords = lowerAll(p.array("auth_bypass.algorithm_words"));
      privilegedPathWords = lowerAll(p.array("auth_bypass.privileged_path_words"));
      guardContextWords = lowerAll(p.array("auth_bypass.guard_context_words"));
      currentUserNames = p.set("auth_bypass.current_user_names");
      scopedLookups = p.set("auth_bypass.scoped_lookups");
      requestUserPaths = PatternWords.receiverNamePairs(p.list("auth_bypass.request_user_paths"));
      requestUserLookupWords = lowerAll(p.array("auth_bypass.request_user_lookup_words"));
      List<String> weak = new ArrayList<>();
      weak.addAll(permitAll);
      weak.addAll(permitAllAnnotations);
      weak.addAll(allowAny);
      weak.addAll(allowAnonymous);
      weak.addAll(skipFilters);
      weak.addAll(unconditionalSkips);
      weak.addAll(p.anyLanguage("auth_bypass.jwt_decode"));
      for (String n : weak) {
        if (!n.isEmpty() && n.charAt(0) < 128) weakStarts[n.charAt(0)] = true;
      }
    }

    /** @return true when some weakening name starts with this character */
    boolean weakStart(char c) {
      return c >= 128 || weakStarts[c];
    }

    /**
     * The words whose absence from a line's text (ignoring case) proves that a rule cannot fire
     * on it, as (word, fact) pairs for {@link ChangedTokens}: each name a rule tests for contains
     * one of its words. AUTH_KEY: the guard parts and the guard calls' and annotation guards'
     * names (a part holding another is left out); AUTH_WEAK: every name {@link #weakening}
     * compares with and the 'none' algorithms; AUTH_TRUE and AUTH_SCOPE: the tokens of the other
     * two rules (the current-user names, the request-user heads).
     */
    Object[] triggerWords() {
      List<Object> entries = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (String k : guardParts) keys.add(k.toLowerCase(Locale.ROOT));
      for (String[] c : guardCalls) keys.add(c[1]);
      keys.addAll(annotationGuards);
      for (String k : keys) {
        boolean covered = false;
        for (String other : keys) covered |= !other.equals(k) && k.contains(other) && PatternWords.triggerWord(other);
        if (!covered) PatternWords.addTrigger(entries, k, KEY);
      }
      Set<String> weak = new java.util.LinkedHashSet<>();
      weak.addAll(permitAll);
      weak.addAll(permitAllAnnotations);
      weak.addAll(allowAny);
      weak.addAll(allowAnonymous);
      weak.addAll(skipFilters);
      weak.addAll(unconditionalSkips);
      for (Set<String> d : jwtDecode.values()) weak.addAll(d);
      weak.addAll(noneAlgorithms);
      for (String x : weak) PatternWords.addTrigger(entries, x, WEAK);
      PatternWords.addTrigger(entries, "true", TRUE);
      for (String x : currentUserNames) PatternWords.addTrigger(entries, x, SCOPE);
      for (String[] r : requestUserPaths) PatternWords.addTrigger(entries, r[0], SCOPE);
      return entries.toArray();
    }

    private static String[] lowerAll(String[] words) {
      String[] out = new String[words.length];
      for (int i = 0; i < words.length; i++) out[i] = words[i].toLowerCase(Locale.ROOT);
      return out;
    }
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
    private final Words w;
    private String weakening;
    private boolean weakeningKnown;

    Line(List<Token> tokens, int line, Language lang, int facts, Words w) {
      this.tokens = tokens;
      this.line = line;
      this.lang = lang;
      this.facts = facts;
      this.w = w;
      this.guardKey = (facts & KEY) != 0 ? guardKey(tokens, w) : null;
    }

    String weakening() {
      if (!weakeningKnown) {
        weakening = (facts & WEAK) != 0 ? AuthBypassCheck.weakening(tokens, lang, w) : null;
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
    private final PatternWords words;
    private final Map<SourceView.Segment, List<Line>> bySegment = new IdentityHashMap<>();

    Lines(AnalysisContext context, PatternWords words) {
      this.context = context;
      this.words = words;
    }

    List<Line> of(SourceView view, int si) {
      SourceView.Segment seg = view.segments().get(si);
      List<Line> got = bySegment.get(seg);
      if (got != null) return got;
      ChangedTokens changed = ChangedTokens.of(context, view, words);
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
            groups[g + ChangedTokens.LINE], view.language(), facts, words.auth));
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
   * The guard named on a line: the first identifier or symbol of at least 5 characters whose
   * lower-cased text contains one of the guard parts and one of the guard roots (an annotation
   * guard such as {@code @Secured} only after {@code @}), or a guard call such as
   * {@code jwt.verify}. ASCII text is matched in place ({@link WordTable}), other text after
   * lower-casing.
   *
   * @return the guard identifier (lower-cased, without Ruby's {@code !}/{@code ?}), or null
   */
  static String guardKey(List<Token> line, Words w) {
    if (importLine(line)) return null;
    for (int i = 0; i < line.size(); i++) {
      Token t = line.get(i);
      if (t.kind() != TokenKind.IDENTIFIER && t.kind() != TokenKind.SYMBOL) continue;
      String text = t.text();
      if (text.length() < 5) continue;
      String probe = text;
      int parts = w.guardWords.scan(probe);
      if ((parts & WordTable.NON_ASCII) != 0) {
        probe = text.toLowerCase(Locale.ROOT);
        parts = w.guardWords.scan(probe);
      }
      String call = guardCall(line, i, probe, w);
      if (call != null) {
        if (!call.isEmpty()) return call;
        continue;
      }
      if (!(i > 0 && line.get(i - 1).op("@")) && annotationGuard(probe, w)) continue;
      if ((parts & 1) != 0 || (parts & 2) != 0 && w.guardRoots != null && (w.guardRoots.scan(probe) & 1) != 0) {
        return text.toLowerCase(Locale.ROOT).replace("!", "").replace("?", "");
      }
    }
    return null;
  }

  /**
   * @return null when token i (text {@code probe}) is not the name of a guard call; else the
   *     guard call ({@code receiver.name}, lower-cased) when its receiver is two tokens before, or
   *     "" (the name without the receiver: not a guard)
   */
  private static String guardCall(List<Token> line, int i, String probe, Words w) {
    String found = null;
    for (String[] c : w.guardCalls) {
      if (!WordTable.equalsLower(probe, c[1])) continue;
      if (i >= 2 && line.get(i - 2).text().equals(c[0])) {
        return (c[0] + "." + c[1]).toLowerCase(Locale.ROOT);
      }
      found = "";
    }
    return found;
  }

  /** @return true when {@code probe} is (ignoring case) a guard name that counts only after '@' */
  private static boolean annotationGuard(String probe, Words w) {
    for (String a : w.annotationGuards) if (WordTable.equalsLower(probe, a)) return true;
    return false;
  }

  /**
   * @return true when {@code [AllowAnonymous]} on line {@code ln} opens an action of a file that
   *     requires authorisation ({@code [Authorize]}) and the action is not a sign-in style page
   */
  private boolean overridesAuthorize(SourceView view, int ln) {
    boolean authorize = false;
    for (SourceView.Segment seg : view.segments()) {
      for (String l : seg.lines()) {
        for (String m : w.authorizeMarkers) authorize |= l.contains(m);
        if (authorize) break;
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
      for (String a : w.publicActions) if (name.contains(a)) return false;
      return true;
    }
    return false;
  }

  /**
   * @return the kind of weakening (one of the description constants) when the (added) line opens
   *     access, else null
   */
  private static String weakening(List<Token> line, Language lang, Words w) {
    if (importLine(line)) return null;
    for (int i = 0; i < line.size(); i++) {
      Token t = line.get(i);
      String x = t.text();
      if ((t.kind() == TokenKind.IDENTIFIER || t.kind() == TokenKind.KEYWORD) && !x.isEmpty()
          && w.weakStart(x.charAt(0))) {
        if (w.permitAll.contains(x) || w.permitAllAnnotations.contains(x) && i > 0 && line.get(i - 1).op("@")) {
          return PERMIT_ALL;
        }
        if (w.allowAny.contains(x)) return ALLOW_ANY;
        if (w.allowAnonymous.contains(x)) return ALLOW_ANONYMOUS;
        if (w.skipFilters.contains(x) && guardKey(line.subList(i + 1, line.size()), w) != null
            || w.unconditionalSkips.contains(x)) {
          return SKIP_FILTER;
        }
        if (w.jwtDecode.get(lang).contains(x) && i >= 2 && line.get(i - 1).op(".")
            && w.jwtModules.contains(line.get(i - 2).text())) {
          if (w.unverifiedDecode.get(lang).contains(x)) return JWT_UNVERIFIED;
          boolean positional = w.positionalVerify.get(lang).contains(x);
          for (Token u : line) {
            String lu = u.text().toLowerCase(Locale.ROOT);
            if (w.verifyOffOptions.contains(lu) || !positional && w.verifyKeywordOptions.contains(lu)) {
              return JWT_VERIFY_OFF;
            }
          }
          if (positional) {
            // a false verify flag, or nil (no key) followed by more arguments
            for (int k = i + 1; k < line.size(); k++) {
              if (line.get(k).word("false") || line.get(k).word("nil") && k + 2 < line.size()) {
                return JWT_VERIFY_OFF;
              }
            }
          }
        }
      }
      if (t.kind() == TokenKind.STRING && w.noneAlgorithms.contains(x.toLowerCase(Locale.ROOT))
          && lineMentions(line, w.algorithmWords)) {
        return JWT_NONE;
      }
    }
    return null;
  }

  private static boolean lineMentions(List<Token> line, String... parts) {
    for (Token t : line) {
      String l = t.text().toLowerCase(Locale.ROOT);
      for (String part : parts) if (l.contains(part)) return true;
    }
    return false;
  }

  private boolean mentionsPrivilegedPath(List<Token> line) {
    for (Token t : line) {
      if (t.kind() != TokenKind.STRING) continue;
      String l = t.text().toLowerCase(Locale.ROOT);
      for (String p : w.privilegedPathWords) if (l.contains(p)) return true;
    }
    return false;
  }

  /** @return true when the hunk's section header or the file path names a guard or policy */
  private boolean guardContext(FileDiff file, int newFirstLine) {
    Hunk h = hunkOf(file, newFirstLine);
    String ctx = ((h == null ? "" : h.section()) + " " + file.path()).toLowerCase(Locale.ROOT);
    for (String c : w.guardContextWords) if (ctx.contains(c)) return true;
    return false;
  }

  private boolean returnsTrueInGuard(List<Token> line, List<FunctionSpan> fns, int si, int ln,
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
      for (String g : w.guardFunctionNames) {
        if (n.equals(g) || n.startsWith(g) && g.length() > 4 || n.startsWith("can") && n.length() > 3
            || n.startsWith("is") && (n.contains("auth") || n.contains("allow") || n.contains("admin"))) {
          return true;
        }
      }
    }
    return false;
  }

  private String ownershipScope(List<Token> line) {
    for (int i = 0; i + 2 < line.size(); i++) {
      Token t = line.get(i);
      String x = t.text();
      // current_user.<association>... (not .id, a predicate is_x or x?) with a finder after it
      if (w.currentUserNames.contains(x) && line.get(i + 1).op(".")
          && line.get(i + 2).kind() == TokenKind.IDENTIFIER && !line.get(i + 2).text().equals("id")
          && !line.get(i + 2).text().startsWith("is_") && !line.get(i + 2).text().endsWith("?")) {
        for (int k = i + 3; k < line.size(); k++) {
          if (w.scopedLookups.contains(line.get(k).text())) return x;
        }
      }
      for (String[] r : w.requestUserPaths) {
        if (x.equals(r[0]) && line.get(i + 1).op(".") && line.get(i + 2).text().equals(r[1])
            && everyMentioned(line, w.requestUserLookupWords)) {
          return r[0] + "." + r[1];
        }
      }
    }
    return null;
  }

  private static boolean everyMentioned(List<Token> line, String[] words) {
    for (String word : words) if (!lineMentions(line, word)) return false;
    return true;
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
