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
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;

/**
 * Cookies without the Secure or HttpOnly attribute (CWE-614, CWE-1004), on added lines: an
 * explicit {@code setSecure(false)}/{@code setHttpOnly(false)}, {@code secure: false},
 * {@code httponly=False}, {@code SESSION_COOKIE_SECURE = False} and the like in a cookie context;
 * a servlet {@code new Cookie(...)} whose function never calls {@code setSecure(true)}; and a
 * session/auth cookie (name containing session, token, auth, jwt, sid, remember) set without any
 * Secure option. Stateless and thread-safe.
 */
public final class InsecureCookieCheck implements Check {

  private final PatternWords words;
  private final Words w;

  /** A check over the bundled packs' lists. */
  public InsecureCookieCheck() {
    this(PatternWords.bundled());
  }

  /** @param words the pattern lists of the loaded packs */
  InsecureCookieCheck(PatternWords words) {
    this.words = words;
    this.w = words.cookie;
  }

  @Override
  public String id() {
    return Rule.INSECURE_COOKIE.category();
  }

  @Override
  public String category() {
    return Rule.INSECURE_COOKIE.category();
  }

  @Override
  public List<Finding> run(AnalysisContext context) {
    List<Finding> out = new ArrayList<>();
    for (FileDiff file : context.diff().files()) {
      if (file.binary() || file.changeType() == ChangeType.DELETED || file.hunks().isEmpty()) continue;
      SourceView view = Functions.view(context, file, Side.NEW);
      if (view.language() == Language.UNKNOWN) continue;
      List<FunctionSpan> fns = Functions.of(context, file, Side.NEW);
      Map<Integer, String> hits = new LinkedHashMap<>();
      ChangedTokens changed = ChangedTokens.of(context, view, words);
      for (int si = 0; si < view.segments().size(); si++) {
        int[] groups = changed.groups(si);
        List<Token> t = view.significantTokens(si);
        for (int g = 0; g < groups.length; g += ChangedTokens.STRIDE) {
          int facts = groups[g + ChangedTokens.FACTS];
          if ((facts & (ChangedTokens.COOKIE | ChangedTokens.NON_ASCII)) == 0) continue;
          for (int i = groups[g + ChangedTokens.FROM]; i < groups[g + ChangedTokens.TO]; i++) {
            String why = inspect(view, t, i, fns, si);
            if (why != null) hits.putIfAbsent(t.get(i).line(), why);
          }
        }
      }
      FindingFactory ff = new FindingFactory();
      hits.forEach((line, why) -> out.add(ff.make(Rule.INSECURE_COOKIE, view, line,
          why.contains("HttpOnly") ? 0.7 : 0.75, Rule.INSECURE_COOKIE.title() + ": " + why + ".",
          null, why.contains("HttpOnly") ? "CWE-1004" : "CWE-614")));
    }
    return out;
  }

  /**
   * The API names and words of this check ({@code insecure_cookie.*} pattern lists, see
   * rules/patterns/insecure_cookie.yml). Immutable.
   */
  static final class Words {
    /** Calls that switch a flag off when given false: setSecure(false). */
    final Set<String> flagSetters;
    /** Option names of a cookie's flags (need a cookie nearby): secure: false. */
    final Set<String> flags;
    /** Framework settings that are cookie flags by name: SESSION_COOKIE_SECURE = False. */
    final Set<String> settingFlags;
    final Map<Language, Set<String>> setters;
    final Map<Language, Set<String>> setterReceivers;
    final Map<Language, Set<String>> cookieClasses;
    final Map<Language, Set<String>> secureCalls;
    final String[] contextWords;
    final String[] secureOptionWords;
    final String[] sensitiveParts;
    final Set<String> sensitiveNames;

    Words(PatternWords p) {
      flagSetters = p.lowerSet("insecure_cookie.flag_setters");
      flags = p.lowerSet("insecure_cookie.flags");
      settingFlags = p.lowerSet("insecure_cookie.setting_flags");
      setters = p.byLanguage("insecure_cookie.setters", false);
      setterReceivers = p.byLanguage("insecure_cookie.setter_receivers", false);
      cookieClasses = p.byLanguage("insecure_cookie.cookie_classes", false);
      secureCalls = p.byLanguage("insecure_cookie.secure_calls", false);
      contextWords = PatternWords.lowered(p.list("insecure_cookie.context_words"));
      secureOptionWords = PatternWords.lowered(p.list("insecure_cookie.secure_option_words"));
      sensitiveParts = PatternWords.lowered(p.list("insecure_cookie.sensitive_name_parts"));
      sensitiveNames = p.lowerSet("insecure_cookie.sensitive_names");
    }

    /**
     * The words one of which every rule needs (ignoring case and, as the flag rules do, '_' and
     * '-') in the text of the token it reports, as (word, fact) pairs for {@link ChangedTokens}:
     * the flag setters, flags and setting flags, the cookie setters and classes.
     */
    Object[] triggerWords() {
      List<Object> entries = new ArrayList<>();
      List<String> all = new ArrayList<>(flagSetters);
      all.addAll(flags);
      all.addAll(settingFlags);
      for (Set<String> x : setters.values()) all.addAll(x);
      for (Set<String> x : cookieClasses.values()) all.addAll(x);
      for (String x : all) PatternWords.addTrigger(entries, x, ChangedTokens.COOKIE);
      return entries.toArray();
    }
  }

  private String inspect(SourceView view, List<Token> t, int i, List<FunctionSpan> fns, int si) {
    Token x = t.get(i);
    if (x.kind() != TokenKind.IDENTIFIER && x.kind() != TokenKind.STRING && x.kind() != TokenKind.SYMBOL) {
      return null;
    }
    String name = x.text();
    if (name.length() < 6) return null;
    Token next = i + 1 < t.size() ? t.get(i + 1) : null;
    Token val = i + 2 < t.size() ? t.get(i + 2) : null;
    // the two flag rules below need a following '(' or an assignment; only then normalise the name
    boolean flagShape = next != null
        && (next.op("(") || next.op(":") || next.op("=") || next.op("=>"));
    String l = flagShape ? name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "") : "";
    // setSecure(false) / setHttpOnly(false)
    if (w.flagSetters.contains(l) && next != null && next.op("(")
        && val != null && (val.word("false") || val.text().equals("0"))) {
      return !l.contains("httponly") ? "the cookie is explicitly marked not Secure"
          : "the cookie is explicitly readable by scripts (HttpOnly off)";
    }
    // secure: false / httponly=False / Secure = false in a cookie context
    if ((w.flags.contains(l) || w.settingFlags.contains(l))
        && next != null && (next.op(":") || next.op("=") || next.op("=>"))
        && val != null && (val.word("false") || val.word("False") || val.word("nil")
        || val.kind() == TokenKind.NUMBER && val.text().equals("0"))) {
      if (!w.settingFlags.contains(l) && !cookieContext(view, x.line())) {
        return null;
      }
      return l.contains("httponly") ? "the cookie is readable by scripts (HttpOnly disabled)"
          : "the cookie is sent over plain HTTP (Secure disabled)";
    }
    // servlet cookies: new Cookie(...) without setSecure(true) in the same function
    if (w.cookieClasses.get(view.language()).contains(name) && i > 0 && t.get(i - 1).word("new")) {
      String body = functionText(view, fns, si, x.line());
      for (String c : w.secureCalls.get(view.language())) if (body.contains(c)) return null;
      return "the cookie is created without setSecure(true)";
    }
    // sensitive cookies set without a Secure option
    if (isCookieSetter(t, i, view.language()) && sensitiveName(t, i)) {
      String stmt = statementText(t, i);
      boolean secure = false;
      for (String o : w.secureOptionWords) secure |= stmt.contains(o);
      if (!secure) return "a session/authentication cookie is set without the Secure flag";
    }
    return null;
  }

  /**
   * @return true when token i calls a cookie setter of the language (as written), on one of the
   *     language's setter receivers when it lists any ({@code res.cookie(...)})
   */
  private boolean isCookieSetter(List<Token> t, int i, Language lang) {
    Token x = t.get(i);
    if (x.kind() != TokenKind.IDENTIFIER || i + 1 >= t.size() || !t.get(i + 1).op("(")) return false;
    if (!w.setters.get(lang).contains(x.text())) return false;
    Set<String> receivers = w.setterReceivers.get(lang);
    return receivers.isEmpty() || i > 1 && t.get(i - 1).op(".") && receivers.contains(t.get(i - 2).text());
  }

  private boolean sensitiveName(List<Token> t, int i) {
    for (int k = i + 2; k < t.size() && k < i + 8; k++) {
      Token a = t.get(k);
      if (a.kind() == TokenKind.STRING) {
        String s = a.text().toLowerCase(Locale.ROOT);
        if (w.sensitiveNames.contains(s)) return true;
        for (String part : w.sensitiveParts) if (s.contains(part)) return true;
        return false;
      }
    }
    return false;
  }

  private static String statementText(List<Token> t, int i) {
    StringBuilder sb = new StringBuilder();
    int level = 0;
    for (int k = i + 1; k < t.size() && k < i + 200; k++) {
      Token a = t.get(k);
      if (a.op("(") || a.op("{") || a.op("[")) level++;
      if (a.op(")") || a.op("}") || a.op("]")) {
        level--;
        if (level <= 0) break;
      }
      sb.append(a.text().toLowerCase(Locale.ROOT)).append(' ');
    }
    return sb.toString();
  }

  private boolean cookieContext(SourceView view, int line) {
    for (int l = line - 4; l <= line + 1; l++) {
      String text = view.line(l);
      if (text == null) continue;
      String lower = text.toLowerCase(Locale.ROOT);
      for (String c : w.contextWords) if (lower.contains(c)) return true;
    }
    return false;
  }

  private static String functionText(SourceView view, List<FunctionSpan> fns, int si, int line) {
    FunctionSpan in = null;
    for (FunctionSpan f : fns) {
      if (f.segment() == si && f.containsLine(line) && (in == null || f.depth() > in.depth())) in = f;
    }
    int from = in != null ? in.startLine() : line - 20;
    int to = in != null ? in.endLine() : line + 20;
    StringBuilder sb = new StringBuilder();
    for (int l = from; l <= to; l++) {
      String text = view.line(l);
      if (text != null) sb.append(text.replace(" ", "")).append('\n');
    }
    return sb.toString();
  }
}
