package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.lang.TokenKind;
import dev.synapse.diff.ChangeType;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hard-coded credentials (CWE-798): a string literal on an added line that is assigned to, keyed
 * by or passed as a secret-named thing (password, secret, token, API key, private key...), a URL
 * with an embedded password, or a value in a well-known credential format (AWS key id, GitHub or
 * Slack tokens, private-key blocks). Placeholders, environment lookups, header names, short or
 * low-variety values and obvious test dummies are skipped. The finding names the variable but
 * never echoes the value. Stateless and thread-safe.
 */
public final class OldHardcodedSecretCheck implements Check {

  private static final String[] SECRET_WORDS = OldPatternLists.array("hardcoded_secret.secret_words");
  private static final String[] NOT_SECRET = OldPatternLists.array("hardcoded_secret.not_secret");
  private static final Set<String> PLACEHOLDER_WORDS = OldPatternLists.set("hardcoded_secret.placeholder_words");

  @Override
  public String id() {
    return Rule.HARDCODED_SECRET.category();
  }

  @Override
  public String category() {
    return Rule.HARDCODED_SECRET.category();
  }

  @Override
  public List<Finding> run(AnalysisContext context) {
    List<Finding> out = new ArrayList<>();
    for (FileDiff file : context.diff().files()) {
      if (file.binary() || file.changeType() == ChangeType.DELETED || file.hunks().isEmpty()) continue;
      SourceView view = Functions.view(context, file, Side.NEW);
      boolean testPath = isTestPath(view.path());
      FindingFactory ff = new FindingFactory();
      int lastLine = -1;
      OldChangedTokens changed = OldChangedTokens.of(context, view);
      for (int si = 0; si < view.segments().size(); si++) {
        int[] groups = changed.groups(si);
        List<Token> t = view.significantTokens(si);
        for (int g = 0; g < groups.length; g += OldChangedTokens.STRIDE) {
          // wide: the name a literal is bound to sits up to four tokens before it
          int facts = groups[g + OldChangedTokens.WIDE_FACTS];
          if ((facts & (OldChangedTokens.SECRET | OldChangedTokens.NON_ASCII)) == 0) continue;
          for (int i = groups[g + OldChangedTokens.FROM]; i < groups[g + OldChangedTokens.TO]; i++) {
            Token s = t.get(i);
            if (s.kind() != TokenKind.STRING) continue;
            if (s.has(Token.F_INTERPOLATED) || "html".equals(s.prefix()) || "regex".equals(s.prefix())) continue;
            if (s.line() == lastLine) continue;
            String value = s.text();
            String why = null;
            double conf = 0;
            String format = knownFormat(value);
            if (format != null) {
              why = "a literal " + format;
              conf = 0.9;
            } else if (credentialUrl(value)) {
              why = "a connection URL with an embedded password";
              conf = 0.85;
            } else if (connectionStringPassword(value)) {
              why = "a connection string with an embedded password";
              conf = 0.85;
            } else {
              String name = nameFor(t, i);
              if (name != null && secretName(name) && plausibleSecret(value, name)
                  && !razorExpression(view.path(), value)) {
                why = "a literal value for '" + name + "'";
                conf = 0.8;
              }
            }
            if (why == null) continue;
            if (testPath) {
              if (value.length() < 20) continue;
              conf -= 0.3;
            }
            lastLine = s.line();
            out.add(ff.make(Rule.HARDCODED_SECRET, view, s.line(), conf,
                Rule.HARDCODED_SECRET.title() + ": " + why + " is committed in source (value not shown).",
                null, null));
          }
        }
      }
    }
    return out;
  }

  /**
   * The words one of which every rule needs (ignoring case and the separators '-', '_', '.'
   * that {@link #secretName} drops) in the text of the literal or of the up to four tokens
   * before it that {@link #nameFor} reads, as (word, fact) pairs for {@link OldChangedTokens}: the
   * credential formats (AKIA, ghp_/gho_/ghs_/ghu_/github_pat_, xox?-, sk_/rk_live_, glpat-,
   * AIza, -----BEGIN), "://" of a URL, and the secret names (every SECRET_WORDS entry and extra
   * name holds pass, pw, secret, token, key, credential, bearer or auth).
   */
  static Object[] triggerWords() {
    String[] words = {"akia", "ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "xoxb-", "xoxp-",
        "xoxa-", "xoxr-", "sk_live_", "rk_live_", "glpat-", "aiza", "-----begin", "://", "pass",
        "pw", "secret", "token", "key", "credential", "bearer", "auth"};
    Object[] entries = new Object[words.length * 2];
    for (int i = 0; i < words.length; i++) {
      entries[2 * i] = words[i];
      entries[2 * i + 1] = OldChangedTokens.SECRET;
    }
    return entries;
  }

  static boolean isTestPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.contains("/test/") || p.contains("/tests/") || p.contains("/spec/") || p.startsWith("test/")
        || p.startsWith("tests/") || p.startsWith("spec/") || p.contains("__tests__")
        || p.contains("/fixtures/") || p.contains("_test.") || p.contains(".test.") || p.contains(".spec.")
        || p.contains("_spec.") || p.contains("/testdata/") || p.contains("/mocks/");
  }

  /**
   * In a Razor view ({@code .razor}, {@code .cshtml}) an attribute value starting with {@code @}
   * is a C# expression ({@code <p @key="@message">}, {@code value="@Model.Token"}), not a literal.
   */
  static boolean razorExpression(String path, String value) {
    String p = path.toLowerCase(Locale.ROOT);
    return (p.endsWith(".razor") || p.endsWith(".cshtml")) && value.strip().startsWith("@");
  }

  /** The name a literal is bound to: assignment target, map key, keyword argument or setter. */
  private static String nameFor(List<Token> t, int i) {
    if (i == 0) return null;
    Token p = t.get(i - 1);
    if (p.op("=") || p.op(":=") || p.op(":") || p.op("=>") || p.op("||=") || p.op("?:") || p.op("??")) {
      if (i < 2) return null;
      Token n = t.get(i - 2);
      if (n.kind() == TokenKind.IDENTIFIER || n.kind() == TokenKind.STRING || n.kind() == TokenKind.SYMBOL
          || n.kind() == TokenKind.KEYWORD) {
        // TS/Kotlin "name: Type = value"
        if (p.op("=") && i >= 4 && t.get(i - 3).op(":") && t.get(i - 4).kind() == TokenKind.IDENTIFIER) {
          return t.get(i - 4).text();
        }
        if ((p.op("?:") || p.op("??")) && i >= 3) return null;
        return n.text();
      }
      if (n.op("]") && i >= 4 && t.get(i - 3).kind() == TokenKind.STRING) return t.get(i - 3).text();
      return null;
    }
    if (p.op("(") && i >= 2 && t.get(i - 2).kind() == TokenKind.IDENTIFIER) {
      String callee = t.get(i - 2).text();
      String l = callee.toLowerCase(Locale.ROOT);
      if (l.startsWith("set") || l.startsWith("with") || l.equals("password") || l.equals("secret")
          || l.equals("token") || l.equals("apikey")) {
        return callee;
      }
      if ((l.equals("getenv") || l.equals("env") || l.equals("get") || l.equals("getproperty")
          || l.equals("fetch"))) {
        return null;
      }
    }
    if (p.op(",") && i >= 3 && t.get(i - 2).kind() == TokenKind.STRING && t.get(i - 3).op("(")
        && i >= 4 && t.get(i - 4).kind() == TokenKind.IDENTIFIER) {
      String callee = t.get(i - 4).text().toLowerCase(Locale.ROOT);
      // put("password", "value") / setProperty("db.password", "value")
      if (callee.equals("put") || callee.equals("setproperty") || callee.equals("set")
          || callee.equals("add") || callee.equals("setenv")) {
        return t.get(i - 2).text();
      }
    }
    return null;
  }

  static boolean secretName(String name) {
    String l = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
    String raw = name.toLowerCase(Locale.ROOT);
    boolean secret = false;
    for (String w : SECRET_WORDS) {
      if (l.contains(w)) {
        secret = true;
        break;
      }
    }
    if (!secret && (l.equals("pass") || l.endsWith("pass") || l.equals("pw") || l.endsWith("pw")
        || l.equals("auth") || l.equals("key") || l.endsWith("apikey") || l.equals("privkey"))) {
      secret = true;
    }
    if (!secret) return false;
    for (String w : NOT_SECRET) {
      if (raw.contains(w) && !(w.equals("name") && raw.contains("username") && false)) return false;
    }
    return true;
  }

  static boolean plausibleSecret(String v, String name) {
    if (v.length() < 8 || v.length() > 400) return false;
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals(name.toLowerCase(Locale.ROOT))) return false;
    for (String w : PLACEHOLDER_WORDS) {
      if (lower.equals(w) || lower.startsWith(w + "_") || lower.startsWith("<") || lower.startsWith("${")
          || lower.startsWith("{{") || lower.startsWith("%(") || lower.contains("xxxx")
          || lower.contains("****") || lower.contains("...")) {
        return false;
      }
    }
    if (lower.contains("changeme") || lower.contains("example") || lower.contains("placeholder")
        || lower.contains("your_") || lower.contains("your-") || lower.startsWith("dummy")
        || lower.startsWith("fake") || lower.startsWith("test") || lower.contains("redacted")) {
      return false;
    }
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("/")
        || lower.startsWith("./") || lower.startsWith("classpath:") || lower.startsWith("env:")
        || lower.startsWith("vault:") || lower.startsWith("arn:")) {
      return false;
    }
    int space = 0;
    boolean lowerC = false;
    boolean upperC = false;
    boolean digit = false;
    boolean symbol = false;
    boolean allUpperIdent = true;
    char first = v.charAt(0);
    boolean same = true;
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (c != first) same = false;
      if (c == ' ') space++;
      if (Character.isLowerCase(c)) {
        lowerC = true;
        allUpperIdent = false;
      } else if (Character.isUpperCase(c)) {
        upperC = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else if (c != '_') {
        symbol = true;
        allUpperIdent = false;
      }
    }
    if (same || space > 0) return false;
    if (allUpperIdent) return false; // an environment variable or constant name
    // a bare "key" names a lookup key far more often than a credential (task keys, cache keys,
    // dictionary keys: Key => "TmdbRefreshUpcomingEpisodes"): letters alone are an identifier
    // there; generated API keys mix in digits or symbols
    if (!digit && !symbol && name.replace("_", "").replace("-", "").equalsIgnoreCase("key")) return false;
    if (headerLike(v)) return false;
    int classes = (lowerC ? 1 : 0) + (upperC ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    if (classes >= 2) return true;
    return v.length() >= 16 && (digit || upperC);
  }

  private static boolean headerLike(String v) {
    // X-Api-Key, Content-Type, sha256=... prefixes: words of letters joined by '-'
    boolean dash = false;
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (c == '-') dash = true;
      else if (!Character.isLetter(c)) return false;
    }
    return dash;
  }

  private static boolean credentialUrl(String v) {
    int scheme = v.indexOf("://");
    if (scheme <= 0 || scheme > 20) return false;
    int at = v.indexOf('@', scheme + 3);
    if (at < 0) return false;
    String userinfo = v.substring(scheme + 3, at);
    int colon = userinfo.indexOf(':');
    if (colon < 0 || userinfo.indexOf('/') >= 0) return false;
    String pw = userinfo.substring(colon + 1);
    if (pw.length() < 4 || pw.startsWith("${") || pw.startsWith("{") || pw.startsWith("<")
        || pw.startsWith("%") || pw.startsWith("$")) {
      return false;
    }
    String lower = pw.toLowerCase(Locale.ROOT);
    return !PLACEHOLDER_WORDS.contains(lower) && !lower.contains("xxx") && !lower.contains("***")
        && !lower.equals("pass") && !lower.equals("pw");
  }

  /**
   * ADO.NET / ODBC style {@code Server=..;User Id=..;Password=..;} (also {@code Pwd=}) with a real
   * password value (CWE-798).
   */
  static boolean connectionStringPassword(String v) {
    if (v.indexOf(';') < 0 || v.indexOf('=') < 0) return false;
    for (String part : v.split(";", -1)) {
      int eq = part.indexOf('=');
      if (eq <= 0) continue;
      String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (!key.equals("password") && !key.equals("pwd")) continue;
      String pw = part.substring(eq + 1).trim();
      if (pw.startsWith("'") || pw.startsWith("\"")) pw = pw.substring(1);
      if (pw.length() < 4 || pw.startsWith("${") || pw.startsWith("{") || pw.startsWith("<")
          || pw.startsWith("%") || pw.startsWith("$")) {
        return false;
      }
      String lower = pw.toLowerCase(Locale.ROOT);
      return !PLACEHOLDER_WORDS.contains(lower) && !lower.contains("xxx") && !lower.contains("***")
          && !lower.equals("password");
    }
    return false;
  }

  /** @return a description of a well-known credential format, or null */
  private static String knownFormat(String v) {
    if (v.length() == 20 && v.startsWith("AKIA") && upperAlnum(v.substring(4))) return "AWS access key id";
    if ((v.startsWith("ghp_") || v.startsWith("gho_") || v.startsWith("ghs_") || v.startsWith("ghu_"))
        && v.length() >= 36 || v.startsWith("github_pat_") && v.length() > 40) {
      return "GitHub token";
    }
    if ((v.startsWith("xoxb-") || v.startsWith("xoxp-") || v.startsWith("xoxa-") || v.startsWith("xoxr-"))
        && v.length() > 20) {
      return "Slack token";
    }
    if ((v.startsWith("sk_live_") || v.startsWith("rk_live_")) && v.length() > 20) return "Stripe live key";
    if (v.startsWith("glpat-") && v.length() >= 26) return "GitLab token";
    if (v.startsWith("AIza") && v.length() == 39) return "Google API key";
    if (v.contains("-----BEGIN") && v.contains("PRIVATE KEY")) return "private key";
    return null;
  }

  private static boolean upperAlnum(String s) {
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (!(Character.isUpperCase(c) || Character.isDigit(c))) return false;
    }
    return true;
  }
}
