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
public final class OldInsecureCookieCheck implements Check {

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
      OldChangedTokens changed = OldChangedTokens.of(context, view);
      for (int si = 0; si < view.segments().size(); si++) {
        int[] groups = changed.groups(si);
        List<Token> t = view.significantTokens(si);
        for (int g = 0; g < groups.length; g += OldChangedTokens.STRIDE) {
          int facts = groups[g + OldChangedTokens.FACTS];
          if ((facts & (OldChangedTokens.COOKIE | OldChangedTokens.NON_ASCII)) == 0) continue;
          for (int i = groups[g + OldChangedTokens.FROM]; i < groups[g + OldChangedTokens.TO]; i++) {
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
   * The words one of which every rule needs (ignoring case and, as the flag rules do, '_' and
   * '-') in the text of the token it reports, as (word, fact) pairs for {@link OldChangedTokens}:
   * each flag name ends in "secure" or "httponly", and the cookie classes and setters
   * ({@code Cookie}, {@code res.cookie}, {@code set_cookie}, {@code setcookie},
   * {@code put_resp_cookie}) contain "cookie".
   */
  static Object[] triggerWords() {
    return new Object[] {"cookie", OldChangedTokens.COOKIE, "secure", OldChangedTokens.COOKIE,
        "httponly", OldChangedTokens.COOKIE};
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
    if (FLAG_SETTERS.contains(l) && next != null && next.op("(")
        && val != null && (val.word("false") || val.text().equals("0"))) {
      return !l.contains("httponly") ? "the cookie is explicitly marked not Secure"
          : "the cookie is explicitly readable by scripts (HttpOnly off)";
    }
    // secure: false / httponly=False / Secure = false in a cookie context
    if ((FLAGS.contains(l) || SETTING_FLAGS.contains(l))
        && next != null && (next.op(":") || next.op("=") || next.op("=>"))
        && val != null && (val.word("false") || val.word("False") || val.word("nil")
        || val.kind() == TokenKind.NUMBER && val.text().equals("0"))) {
      if (!SETTING_FLAGS.contains(l) && !cookieContext(view, x.line())) {
        return null;
      }
      return l.contains("httponly") ? "the cookie is readable by scripts (HttpOnly disabled)"
          : "the cookie is sent over plain HTTP (Secure disabled)";
    }
    // servlet cookies: new Cookie(...) without setSecure(true) in the same function
    if (name.equals("Cookie") && i > 0 && t.get(i - 1).word("new")
        && (view.language() == Language.JAVA || view.language() == Language.KOTLIN)) {
      String body = functionText(view, fns, si, x.line());
      if (!body.contains("setSecure(true)") && !body.contains("setSecure(false)")) {
        return "the cookie is created without setSecure(true)";
      }
      return null;
    }
    // sensitive cookies set without a Secure option
    if (isCookieSetter(t, i, view.language()) && sensitiveName(t, i)) {
      String stmt = statementText(t, i);
      if (!stmt.contains("secure")) return "a session/authentication cookie is set without the Secure flag";
    }
    return null;
  }

  private static boolean isCookieSetter(List<Token> t, int i, Language lang) {
    Token x = t.get(i);
    if (x.kind() != TokenKind.IDENTIFIER || i + 1 >= t.size() || !t.get(i + 1).op("(")) return false;
    String n = x.text();
    switch (lang) {
      case JAVASCRIPT: case TYPESCRIPT:
        return JS_SETTERS.contains(n) && i > 1 && t.get(i - 1).op(".")
            && JS_RESPONSES.contains(t.get(i - 2).text());
      case PYTHON:
        return PY_SETTERS.contains(n);
      case PHP:
        return PHP_SETTERS.contains(n);
      case ELIXIR:
        return EX_SETTERS.contains(n);
      default:
        return false;
    }
  }

  /** Calls that switch a flag off when given false: setSecure(false). */
  private static final Set<String> FLAG_SETTERS = OldPatternLists.set("insecure_cookie.flag_setters");
  /** Option names of a cookie's flags (need a cookie nearby): secure: false. */
  private static final Set<String> FLAGS = OldPatternLists.set("insecure_cookie.flags");
  /** Framework settings that are cookie flags by name: SESSION_COOKIE_SECURE = False. */
  private static final Set<String> SETTING_FLAGS = OldPatternLists.set("insecure_cookie.setting_flags");
  private static final Set<String> JS_SETTERS = OldPatternLists.set("insecure_cookie.javascript_setters");
  private static final Set<String> JS_RESPONSES = OldPatternLists.set("insecure_cookie.javascript_responses");
  private static final Set<String> PY_SETTERS = OldPatternLists.set("insecure_cookie.python_setters");
  private static final Set<String> PHP_SETTERS = OldPatternLists.set("insecure_cookie.php_setters");
  private static final Set<String> EX_SETTERS = OldPatternLists.set("insecure_cookie.elixir_setters");
  private static final String[] SENSITIVE_PARTS = OldPatternLists.array("insecure_cookie.sensitive_name_parts");
  private static final Set<String> SENSITIVE_NAMES = OldPatternLists.set("insecure_cookie.sensitive_names");

  private static boolean sensitiveName(List<Token> t, int i) {
    for (int k = i + 2; k < t.size() && k < i + 8; k++) {
      Token a = t.get(k);
      if (a.kind() == TokenKind.STRING) {
        String s = a.text().toLowerCase(Locale.ROOT);
        if (SENSITIVE_NAMES.contains(s)) return true;
        for (String part : SENSITIVE_PARTS) if (s.contains(part)) return true;
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

  private static boolean cookieContext(SourceView view, int line) {
    for (int l = line - 4; l <= line + 1; l++) {
      String text = view.line(l);
      if (text != null && text.toLowerCase(Locale.ROOT).contains("cookie")) return true;
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
