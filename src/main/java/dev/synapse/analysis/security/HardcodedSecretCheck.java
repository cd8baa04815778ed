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
public final class HardcodedSecretCheck implements Check {

  private final PatternWords words;
  private final Words w;

  /** A check over the bundled packs' lists. */
  public HardcodedSecretCheck() {
    this(PatternWords.bundled());
  }

  /** @param words the pattern lists of the loaded packs */
  HardcodedSecretCheck(PatternWords words) {
    this.words = words;
    this.w = words.secret;
  }

  /** Prefixes of the well-known credential formats {@link #knownFormat} recognises. */
  private static final String[] FORMAT_PREFIXES = {"akia", "ghp_", "gho_", "ghs_", "ghu_", "github_pat_",
      "xoxb-", "xoxp-", "xoxa-", "xoxr-", "sk_live_", "rk_live_", "glpat-", "aiza", "-----begin"};

  /**
   * The words and API names of this check ({@code hardcoded_secret.*} pattern lists, see
   * rules/patterns.yml and rules/patterns/hardcoded_secret.yml), lower-cased. Immutable.
   */
  static final class Words {
    final String[] secretWords;
    final String[] notSecret;
    final Set<String> placeholderWords;
    final Set<String> secretNames;
    final String[] secretSuffixes;
    final String[] setterPrefixes;
    final Set<String> secretSetters;
    final Set<String> lookupCalls;
    final Set<String> keyedSetters;
    final Set<String> connectionStringKeys;
    final String[] referencePrefixes;
    final String[] expressionAttributeFiles;

    Words(PatternWords p) {
      secretWords = PatternWords.lowered(p.list("hardcoded_secret.secret_words"));
      notSecret = PatternWords.lowered(p.list("hardcoded_secret.not_secret"));
      placeholderWords = p.lowerSet("hardcoded_secret.placeholder_words");
      secretNames = p.lowerSet("hardcoded_secret.secret_names");
      secretSuffixes = PatternWords.lowered(p.list("hardcoded_secret.secret_suffixes"));
      setterPrefixes = PatternWords.lowered(p.list("hardcoded_secret.setter_prefixes"));
      secretSetters = p.lowerSet("hardcoded_secret.secret_setters");
      lookupCalls = p.lowerSet("hardcoded_secret.lookup_calls");
      keyedSetters = p.lowerSet("hardcoded_secret.keyed_setters");
      connectionStringKeys = p.lowerSet("hardcoded_secret.connection_string_keys");
      referencePrefixes = PatternWords.lowered(p.list("hardcoded_secret.reference_prefixes"));
      expressionAttributeFiles = PatternWords.lowered(p.list("hardcoded_secret.expression_attribute_files"));
    }

    /**
     * The words one of which every rule needs (ignoring case and the separators '-', '_', '.'
     * that {@link #secretName} drops) in the text of the literal or of the up to four tokens
     * before it that {@link #nameFor} reads, as (word, fact) pairs for {@link ChangedTokens}: the
     * credential formats' prefixes, "://" of a URL, the connection-string keys, and the secret
     * names (the secret words and names, the suffixes, the setters).
     */
    Object[] triggerWords() {
      List<Object> entries = new ArrayList<>();
      List<String> all = new ArrayList<>(List.of(FORMAT_PREFIXES));
      all.add("://");
      all.addAll(connectionStringKeys);
      all.addAll(List.of(secretWords));
      all.addAll(secretNames);
      all.addAll(List.of(secretSuffixes));
      all.addAll(secretSetters);
      for (String x : all) PatternWords.addTrigger(entries, x, ChangedTokens.SECRET);
      return entries.toArray();
    }
  }

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
      ChangedTokens changed = ChangedTokens.of(context, view, words);
      for (int si = 0; si < view.segments().size(); si++) {
        int[] groups = changed.groups(si);
        List<Token> t = view.significantTokens(si);
        for (int g = 0; g < groups.length; g += ChangedTokens.STRIDE) {
          // wide: the name a literal is bound to sits up to four tokens before it
          int facts = groups[g + ChangedTokens.WIDE_FACTS];
          if ((facts & (ChangedTokens.SECRET | ChangedTokens.NON_ASCII)) == 0) continue;
          for (int i = groups[g + ChangedTokens.FROM]; i < groups[g + ChangedTokens.TO]; i++) {
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
            } else if (credentialUrl(value, w)) {
              why = "a connection URL with an embedded password";
              conf = 0.85;
            } else if (connectionStringPassword(value, w)) {
              why = "a connection string with an embedded password";
              conf = 0.85;
            } else {
              String name = nameFor(t, i, w);
              if (name != null && secretName(name, w) && plausibleSecret(value, name, w)
                  && !razorExpression(view.path(), value, w)) {
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

  static boolean isTestPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.contains("/test/") || p.contains("/tests/") || p.contains("/spec/") || p.startsWith("test/")
        || p.startsWith("tests/") || p.startsWith("spec/") || p.contains("__tests__")
        || p.contains("/fixtures/") || p.contains("_test.") || p.contains(".test.") || p.contains(".spec.")
        || p.contains("_spec.") || p.contains("/testdata/") || p.contains("/mocks/");
  }

  /**
   * In a Razor view ({@code .razor}, {@code .cshtml}: the expression-attribute files) an
   * attribute value starting with {@code @} is a C# expression ({@code <p @key="@message">},
   * {@code value="@Model.Token"}), not a literal.
   */
  static boolean razorExpression(String path, String value, Words w) {
    String p = path.toLowerCase(Locale.ROOT);
    boolean view = false;
    for (String e : w.expressionAttributeFiles) view |= p.endsWith(e);
    return view && value.strip().startsWith("@");
  }

  /** The name a literal is bound to: assignment target, map key, keyword argument or setter. */
  private static String nameFor(List<Token> t, int i, Words w) {
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
      for (String prefix : w.setterPrefixes) if (l.startsWith(prefix)) return callee;
      if (w.secretSetters.contains(l)) return callee;
      if (w.lookupCalls.contains(l)) return null;
    }
    if (p.op(",") && i >= 3 && t.get(i - 2).kind() == TokenKind.STRING && t.get(i - 3).op("(")
        && i >= 4 && t.get(i - 4).kind() == TokenKind.IDENTIFIER) {
      String callee = t.get(i - 4).text().toLowerCase(Locale.ROOT);
      // put("password", "value") / setProperty("db.password", "value")
      if (w.keyedSetters.contains(callee)) {
        return t.get(i - 2).text();
      }
    }
    return null;
  }

  static boolean secretName(String name, Words w) {
    String l = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
    String raw = name.toLowerCase(Locale.ROOT);
    boolean secret = false;
    for (String word : w.secretWords) {
      if (l.contains(word)) {
        secret = true;
        break;
      }
    }
    if (!secret && w.secretNames.contains(l)) secret = true;
    for (String suffix : w.secretSuffixes) secret |= l.endsWith(suffix);
    if (!secret) return false;
    for (String word : w.notSecret) {
      if (raw.contains(word)) return false;
    }
    return true;
  }

  static boolean plausibleSecret(String v, String name, Words w) {
    if (v.length() < 8 || v.length() > 400) return false;
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals(name.toLowerCase(Locale.ROOT))) return false;
    for (String p : w.placeholderWords) {
      if (lower.equals(p) || lower.startsWith(p + "_") || lower.startsWith("<") || lower.startsWith("${")
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
    // a reference to where the secret lives (URL, path, classpath:, env:, vault:, arn:)
    for (String prefix : w.referencePrefixes) if (lower.startsWith(prefix)) return false;
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

  private static boolean credentialUrl(String v, Words w) {
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
    return !w.placeholderWords.contains(lower) && !lower.contains("xxx") && !lower.contains("***")
        && !lower.equals("pass") && !lower.equals("pw");
  }

  /**
   * ADO.NET / ODBC style {@code Server=..;User Id=..;Password=..;} (also {@code Pwd=}) with a real
   * password value (CWE-798).
   */
  static boolean connectionStringPassword(String v, Words w) {
    if (v.indexOf(';') < 0 || v.indexOf('=') < 0) return false;
    for (String part : v.split(";", -1)) {
      int eq = part.indexOf('=');
      if (eq <= 0) continue;
      String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (!w.connectionStringKeys.contains(key)) continue;
      String pw = part.substring(eq + 1).trim();
      if (pw.startsWith("'") || pw.startsWith("\"")) pw = pw.substring(1);
      if (pw.length() < 4 || pw.startsWith("${") || pw.startsWith("{") || pw.startsWith("<")
          || pw.startsWith("%") || pw.startsWith("$")) {
        return false;
      }
      String lower = pw.toLowerCase(Locale.ROOT);
      return !w.placeholderWords.contains(lower) && !lower.contains("xxx") && !lower.contains("***")
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
