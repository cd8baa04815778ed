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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Weak cryptography on added lines: broken hashes (MD5, SHA-1, MD4/MD2) used for security (CWE-328),
 * weak ciphers and modes (DES, 3DES, RC4, RC2, Blowfish, ECB; CWE-327), predictable random numbers
 * where the surrounding code handles tokens, passwords, keys or sessions (CWE-330), and disabled
 * TLS certificate or host-name verification (CWE-295). Hashes marked as not for security
 * ({@code usedforsecurity=False}) or used for ETags, caches and checksums are skipped. Stateless
 * and thread-safe.
 */
public final class WeakCryptoCheck implements Check {

  private static final Set<String> WEAK_HASH_STRINGS = PatternLists.set("weak_crypto.weak_hash_strings");
  private static final Set<String> HASH_FACTORIES = PatternLists.set("weak_crypto.hash_factories");
  private static final Set<String> WEAK_HASH_CALLS = PatternLists.set("weak_crypto.weak_hash_calls");
  private static final Set<String> WEAK_SYMBOLS = PatternLists.set("weak_crypto.weak_symbols");
  private static final Set<String> WEAK_CIPHER_IDENTS = PatternLists.set("weak_crypto.weak_cipher_idents");
  private static final String[] SECURITY_WORDS = PatternLists.array("weak_crypto.security_words");
  private static final String[] NON_SECURITY = PatternLists.array("weak_crypto.non_security_words");

  @Override
  public String id() {
    return Rule.WEAK_CRYPTO.category();
  }

  @Override
  public String category() {
    return Rule.WEAK_CRYPTO.category();
  }

  /** Lower-cased identifiers any rule below can start from (a fast pre-filter). */
  private static final Set<String> INTERESTING = PatternLists.set("weak_crypto.trigger_identifiers");

  /** Sorted hash codes of {@link #INTERESTING}, for {@link #mayBeInteresting}. */
  private static final int[] INTERESTING_HASHES =
      INTERESTING.stream().mapToInt(String::hashCode).sorted().toArray();

  /**
   * Pre-test for {@code INTERESTING.contains(name.toLowerCase(Locale.ROOT))} without building the
   * lower-cased copy: for ASCII text, the hash code of its lower-case form must be one of the
   * set's (false is exact; true may be a hash collision, the set decides). Other text answers true.
   */
  private static boolean mayBeInteresting(String name) {
    int h = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 128) return true;
      if (c >= 'A' && c <= 'Z') c = (char) (c + ('a' - 'A'));
      h = 31 * h + c;
    }
    return java.util.Arrays.binarySearch(INTERESTING_HASHES, h) >= 0;
  }

  private static final Set<String> PY_RANDOM = PatternLists.set("weak_crypto.python_random");
  private static final Set<String> PHP_RANDOM = PatternLists.set("weak_crypto.php_random");
  private static final Set<String> GO_RANDOM = PatternLists.set("weak_crypto.go_random");

  private record Hit(int line, String what, String cwe, String rec, double conf) {}

  /** Per-run cache of the current line's lower-cased text (instances are per run). */
  private int cachedLine = -1;
  /** Names assigned exactly one string literal in the current file (constants), name -> value. */
  private Map<String, String> constants = Map.of();

  /**
   * Words one of which every weak algorithm value contains, ignoring case: the weak hash names
   * (md5/md4/md2/ripemd, sha/sha1) and every prefix or part {@link #weakCipherSpec} tests
   * (DES/3DES, RC4/ARCFOUR, RC2, Blowfish/BF, ECB, AES).
   */
  private static final String[] VALUE_WORDS = PatternLists.array("weak_crypto.value_words");
  private static final WordTable VALUE_TRIGGERS = WordTable.of(1, VALUE_WORDS);

  /**
   * Words one of which every rule of {@link #inspect} needs (ignoring case) in the text of the
   * token it reports, of the receiver or name just before it, as (word, fact) pairs for
   * {@link ChangedTokens}: {@link #VALUE_WORDS}, the cipher factories (createCipher, NewCipher,
   * NullCipher), the predictable generators (rand/random, PHP's uniqid, lcg_value, str_shuffle)
   * and the TLS switches and classes (verify..., reject..., ssl..., check_hostname, insecure...,
   * trustAll..., CERT_NONE, Dangerous..., the ServerCertificate... callbacks, X509TrustManager).
   * Constants are the exception: a constant's name says nothing, so a file with a weak constant
   * is inspected whole.
   */
  static Object[] triggerWords() {
    List<String> words = new ArrayList<>(List.of(VALUE_WORDS));
    words.addAll(PatternLists.list("weak_crypto.trigger_words"));
    List<Object> entries = new ArrayList<>();
    for (String w : words) {
      entries.add(w);
      entries.add(ChangedTokens.CRYPTO);
    }
    return entries.toArray();
  }

  /** @return true when a constant's value names a weak hash or cipher for some call */
  private static boolean weakValue(String value) {
    if (VALUE_TRIGGERS.scan(value) == 0) return false;
    String v = value.toLowerCase(Locale.ROOT).trim();
    // "getinstance" is the one call for which weakCipherSpec also accepts plain AES
    return WEAK_HASH_STRINGS.contains(v) || weakCipherSpec(v, "getinstance");
  }

  /**
   * Collects {@code NAME = "literal"} declarations (Java/Kotlin/C# constants and fields, JS/TS
   * consts, Python/Ruby module constants) whose value names a weak algorithm ({@link
   * #weakValue}; no other constant can change a finding); a name assigned more than once (or
   * after a '.', or to anything but one plain literal) is dropped.
   */
  private static Map<String, String> stringConstants(SourceView view) {
    Map<String, String> out = null;
    for (int si = 0; si < view.segments().size(); si++) {
      List<Token> t = view.significantTokens(si);
      for (int i = 0; i + 2 < t.size(); i++) {
        if (t.get(i).kind() != TokenKind.IDENTIFIER) continue;
        Token v = t.get(i + 2);
        if (v.kind() != TokenKind.STRING || !t.get(i + 1).op("=") || !cleanLiteral(t, i)
            || !weakValue(v.text())) {
          continue;
        }
        if (out == null) out = new HashMap<>();
        out.put(t.get(i).text(), v.text());
      }
    }
    if (out == null) return Map.of();
    // keep the names assigned exactly once (the weak literal itself)
    Map<String, Integer> count = new HashMap<>();
    for (int si = 0; si < view.segments().size(); si++) {
      List<Token> t = view.significantTokens(si);
      for (int i = 0; i + 2 < t.size(); i++) {
        Token n = t.get(i);
        if (n.kind() == TokenKind.IDENTIFIER && t.get(i + 1).op("=") && out.containsKey(n.text())) {
          count.merge(n.text(), 1, Integer::sum);
        }
      }
    }
    out.keySet().removeIf(name -> count.get(name) != 1);
    return out;
  }

  /**
   * @return true when {@code t[i] = t[i + 2]} assigns one plain string literal: not
   *     interpolated, not continued by '+' or '.', the name not a member ({@code x.name})
   */
  private static boolean cleanLiteral(List<Token> t, int i) {
    Token v = t.get(i + 2);
    return v.kind() == TokenKind.STRING && !v.has(Token.F_INTERPOLATED)
        && (i + 3 >= t.size() || !t.get(i + 3).op("+") && !t.get(i + 3).op("."))
        && !(i > 0 && t.get(i - 1).op("."));
  }

  private String cachedLower = "";

  /**
   * @return the lower-cased text of {@code line} ("" when not shown), computed when a rule first
   *     needs it and kept for the next tokens of the same line
   */
  private String lowerLine(SourceView view, int line) {
    if (line != cachedLine) {
      String text = view.line(line);
      cachedLower = text == null ? "" : text.toLowerCase(Locale.ROOT);
      cachedLine = line;
    }
    return cachedLower;
  }

  @Override
  public List<Finding> run(AnalysisContext context) {
    return new WeakCryptoCheck().scan(context);
  }

  private List<Finding> scan(AnalysisContext context) {
    List<Finding> out = new ArrayList<>();
    for (FileDiff file : context.diff().files()) {
      if (file.binary() || file.changeType() == ChangeType.DELETED || file.hunks().isEmpty()) continue;
      SourceView view = Functions.view(context, file, Side.NEW);
      if (view.language() == Language.UNKNOWN) continue;
      currentView = view;
      List<FunctionSpan> fns = Functions.of(context, file, Side.NEW);
      Map<Integer, Hit> hits = new LinkedHashMap<>();
      // only the Go rule reads it
      boolean cryptoRand = view.language() == Language.GO && mentions(view, "crypto/rand");
      constants = stringConstants(view);
      // a weak constant can be used under any name: then every changed line is inspected
      boolean everyLine = !constants.isEmpty();
      ChangedTokens changed = ChangedTokens.of(context, view);
      for (int si = 0; si < view.segments().size(); si++) {
        int[] groups = changed.groups(si);
        List<Token> t = view.significantTokens(si);
        for (int g = 0; g < groups.length; g += ChangedTokens.STRIDE) {
          // wide: receivers (hashlib.md5, rand.Intn, Digest::MD5) sit up to two tokens before
          int facts = groups[g + ChangedTokens.WIDE_FACTS];
          if (!everyLine && (facts & (ChangedTokens.CRYPTO | ChangedTokens.NON_ASCII)) == 0) continue;
          for (int i = groups[g + ChangedTokens.FROM]; i < groups[g + ChangedTokens.TO]; i++) {
            Hit h = inspect(view, t, i, fns, si, cryptoRand);
            if (h != null) hits.putIfAbsent(h.line(), h);
          }
        }
      }
      FindingFactory ff = new FindingFactory();
      for (Hit h : hits.values()) {
        out.add(ff.make(Rule.WEAK_CRYPTO, view, h.line(), h.conf(), h.what(), h.rec(), h.cwe()));
      }
    }
    return out;
  }

  private static boolean mentions(SourceView view, String text) {
    for (SourceView.Segment s : view.segments()) {
      for (String l : s.lines()) if (l.contains(text)) return true;
    }
    return false;
  }

  private Hit inspect(SourceView view, List<Token> t, int i, List<FunctionSpan> fns, int si,
      boolean cryptoRand) {
    Token x = t.get(i);
    Language lang = view.language();
    // ---- weak hashes / ciphers named in strings
    if (x.kind() == TokenKind.STRING && !x.has(Token.F_INTERPOLATED)) {
      String v = x.text().toLowerCase(Locale.ROOT).trim();
      String call = enclosingCall(t, i);
      if (WEAK_HASH_STRINGS.contains(v) && call != null && HASH_FACTORIES.contains(call)
          && !nonSecurity(lowerLine(view, x.line()))) {
        return weakHash(x.line(), x.text());
      }
      if (call != null && weakCipherSpec(v, call) && !keyOnlyAes(t, i, v)) {
        return new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": the cipher '" + x.text()
            + "' is broken or uses ECB mode.", "CWE-327", null, 0.85);
      }
      return null;
    }
    if (x.kind() == TokenKind.SYMBOL && WEAK_SYMBOLS.contains(x.text().toLowerCase(Locale.ROOT))
        && lang == Language.ELIXIR && lowerLine(view, x.line()).contains(":crypto.") && !nonSecurity(lowerLine(view, x.line()))) {
      boolean hash = x.text().equals("md5") || x.text().startsWith("sha") || x.text().equals("md4");
      return hash ? weakHash(x.line(), x.text())
          : new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": the cipher :" + x.text()
              + " is broken or uses ECB mode.", "CWE-327", null, 0.85);
    }
    if (x.kind() != TokenKind.IDENTIFIER && x.kind() != TokenKind.KEYWORD) return null;
    String name = x.text();
    // ---- a constant naming the algorithm: Cipher.getInstance(TRANSFORM)
    String constant = constants.get(name);
    if (constant != null && i > 0 && (t.get(i - 1).op("(") || t.get(i - 1).op(","))
        && (i + 1 >= t.size() || t.get(i + 1).op(")") || t.get(i + 1).op(","))) {
      String call = enclosingCall(t, i);
      String v = constant.toLowerCase(Locale.ROOT).trim();
      if (call != null && WEAK_HASH_STRINGS.contains(v) && HASH_FACTORIES.contains(call)
          && !nonSecurity(lowerLine(view, x.line()))) {
        return weakHash(x.line(), name + " (" + constant + ")");
      }
      if (call != null && weakCipherSpec(v, call) && !keyOnlyAes(t, i, v)) {
        return new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": the cipher " + name + " ('" + constant
            + "') is broken or uses ECB mode.", "CWE-327", null, 0.85);
      }
    }
    Token nextTok = i + 1 < t.size() ? t.get(i + 1) : null;
    boolean assignLike = nextTok != null && (nextTok.op("=") || nextTok.op(":") || nextTok.op("=>"));
    if (!assignLike && !WEAK_CIPHER_IDENTS.contains(name) && !mayBeInteresting(name)) return null;
    String lname = name.toLowerCase(Locale.ROOT);
    if (!assignLike && !INTERESTING.contains(lname) && !WEAK_CIPHER_IDENTS.contains(name)) return null;
    Token prev = i > 0 ? t.get(i - 1) : null;
    Token prev2 = i > 1 ? t.get(i - 2) : null;
    Token next = i + 1 < t.size() ? t.get(i + 1) : null;
    String recv = prev != null && (prev.op(".") || prev.op("::")) && prev2 != null ? prev2.text() : "";
    String lrecv = recv.toLowerCase(Locale.ROOT);
    // ---- weak hashes by API
    if (WEAK_HASH_CALLS.contains(lname) && next != null && (next.op("(") || next.op("."))
        && !nonSecurity(lowerLine(view, x.line())) && !argsContain(t, i + 1, "usedforsecurity")) {
      boolean ok = lrecv.equals("hashlib") || lrecv.equals("digestutils") || lrecv.equals("hashing")
          || lrecv.equals("cryptojs") || lrecv.equals("crypto") || lang == Language.PHP && recv.isEmpty()
          || lang == Language.GO && (lrecv.equals("md5") || lrecv.equals("sha1"))
          || recv.isEmpty() && (lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT);
      if (ok) return weakHash(x.line(), name);
    }
    if ((lname.equals("new") || lname.equals("sum") || lname.equals("newhash")) && lang == Language.GO
        && (lrecv.equals("md5") || lrecv.equals("sha1")) && !nonSecurity(lowerLine(view, x.line()))) {
      return weakHash(x.line(), recv);
    }
    if ((name.equals("MD5") || name.equals("SHA1")) && next != null && next.op(".")
        && !nonSecurity(lowerLine(view, x.line())) && (prev != null && prev.op("::") && prev2 != null && prev2.text().equals("Digest")
        || lang == Language.CSHARP || lang == Language.RUBY && prev != null && prev.op("::"))) {
      return weakHash(x.line(), name);
    }
    if (WEAK_CIPHER_IDENTS.contains(name)) {
      boolean hash = name.startsWith("MD5") || name.startsWith("SHA1");
      return hash ? weakHash(x.line(), name) : new Hit(x.line(), Rule.WEAK_CRYPTO.title()
          + ": " + name + " selects a broken cipher or ECB mode.", "CWE-327", null, 0.85);
    }
    if ((name.equals("DES") || name.equals("DES3") || name.equals("ARC4") || name.equals("Blowfish")
        || name.equals("ARC2") || name.equals("TripleDES") || name.equals("RC2"))
        && next != null && next.op(".")) {
      return new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": " + name + " is a broken cipher.",
          "CWE-327", null, 0.85);
    }
    if (lang == Language.GO && (lname.equals("newcipher") || lname.equals("newtripledescipher"))
        && (lrecv.equals("des") || lrecv.equals("rc4"))) {
      return new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": " + recv + " is a broken cipher.",
          "CWE-327", null, 0.85);
    }
    if (name.equals("ECB") && prev != null && prev.op(".") && prev2 != null && prev2.text().equals("CipherMode")) {
      return new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": ECB mode leaks plaintext structure.",
          "CWE-327", null, 0.85);
    }
    if (lname.equals("createcipher") && next != null && next.op("(")
        && (lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT)) {
      return new Hit(x.line(), Rule.WEAK_CRYPTO.title()
          + ": crypto.createCipher derives the key without salt and uses no IV.", "CWE-327", null, 0.8);
    }
    // ---- predictable random
    Hit r = random(view, t, i, fns, si, cryptoRand, name, lname, recv, lrecv, next);
    if (r != null) return r;
    // ---- TLS verification off
    return tls(view, t, i, name, next, lang);
  }

  private SourceView currentView;

  /** @return true when the lines just above the finding say the hash is not for security */
  private boolean nonSecurityNear(int line) {
    if (currentView == null) return false;
    for (int l = line - 2; l < line; l++) {
      String text = currentView.line(l);
      if (text != null && nonSecurity(text.toLowerCase(Locale.ROOT))) return true;
    }
    return false;
  }

  private Hit weakHash(int line, String what) {
    if (nonSecurityNear(line)) return null;
    return new Hit(line, Rule.WEAK_CRYPTO.title() + ": " + what
        + " is a broken hash; it must not protect passwords, tokens or signatures.", "CWE-328",
        "Use SHA-256 or better for integrity and bcrypt, scrypt or Argon2 for passwords.", 0.85);
  }

  private static boolean nonSecurity(String lowerLine) {
    for (String w : NON_SECURITY) if (lowerLine.contains(w)) return true;
    return false;
  }

  private static boolean weakCipherSpec(String v, String call) {
    if (!(call.equals("getinstance") || call.equals("createcipheriv") || call.equals("createdecipheriv")
        || call.equals("new") || call.equals("openssl_encrypt") || call.equals("openssl_decrypt")
        || call.equals("getproperty") || call.equals("cipher") || call.equals("of")
        || call.equals("ciphers") || call.equals("createcipher"))) {
      return false;
    }
    String u = v.toUpperCase(Locale.ROOT);
    if (u.startsWith("DES") || u.startsWith("RC4") || u.startsWith("ARCFOUR") || u.startsWith("RC2")
        || u.startsWith("BLOWFISH") || u.startsWith("BF-") || u.equals("BF") || u.startsWith("3DES")) {
      return true;
    }
    if (u.contains("/ECB") || u.endsWith("-ECB") || u.contains("-ECB-") || u.contains("_ECB")) return true;
    return u.equals("AES") && call.equals("getinstance");
  }

  /**
   * Plain {@code "AES"} is weak only as a {@code Cipher} transformation (the provider default is
   * ECB); {@code KeyGenerator.getInstance("AES")}, {@code SecretKeyFactory}/{@code
   * KeyPairGenerator}/{@code AlgorithmParameters} only name the algorithm of a key or parameters.
   *
   * @return true when {@code v} is plain AES and the call's receiver is not a {@code Cipher}
   */
  private static boolean keyOnlyAes(List<Token> t, int i, String v) {
    if (!v.equalsIgnoreCase("aes")) return false;
    int level = 0;
    for (int j = i - 1; j >= 3 && i - j < 40; j--) {
      Token x = t.get(j);
      if (x.op(")") || x.op("]")) level++;
      else if (x.op("(") || x.op("[")) {
        if (level-- > 0) continue;
        return t.get(j - 2).op(".") && (t.get(j - 3).kind() == TokenKind.IDENTIFIER)
            && !t.get(j - 3).text().equalsIgnoreCase("cipher");
      }
    }
    return false;
  }

  /** @return the lower-cased name of the call whose argument list contains token i, or null */
  private static String enclosingCall(List<Token> t, int i) {
    int level = 0;
    for (int j = i - 1; j >= 0 && i - j < 40; j--) {
      Token x = t.get(j);
      if (x.op(")") || x.op("]")) level++;
      else if (x.op("(") || x.op("[")) {
        if (level == 0) {
          if (!x.op("(")) return null;
          if (j > 0 && (t.get(j - 1).kind() == TokenKind.IDENTIFIER || t.get(j - 1).kind() == TokenKind.KEYWORD)) {
            return t.get(j - 1).text().toLowerCase(Locale.ROOT);
          }
          return null;
        }
        level--;
      } else if (x.op(";") || x.op("{") || x.op("}")) {
        return null;
      }
    }
    return null;
  }

  private static boolean argsContain(List<Token> t, int open, String word) {
    if (open >= t.size() || !t.get(open).op("(")) return false;
    int level = 0;
    for (int j = open; j < t.size() && j - open < 60; j++) {
      Token x = t.get(j);
      if (x.op("(")) level++;
      else if (x.op(")") && --level == 0) return false;
      if (x.text().toLowerCase(Locale.ROOT).contains(word)) return true;
    }
    return false;
  }

  private Hit random(SourceView view, List<Token> t, int i, List<FunctionSpan> fns, int si,
      boolean cryptoRand, String name, String lname, String recv, String lrecv, Token next) {
    Language lang = view.language();
    boolean weak = false;
    if (name.equals("random") && recv.equals("Math") && next != null && next.op("(")) weak = true;
    else if (name.equals("Random") && (lang == Language.JAVA || lang == Language.CSHARP
        || lang == Language.KOTLIN) && newExpression(t, i)) {
      weak = true;
    } else if (name.equals("current") && recv.equals("ThreadLocalRandom")) {
      weak = true;
    } else if (lrecv.equals("random") && lang == Language.PYTHON && PY_RANDOM.contains(lname)) {
      weak = true;
    } else if (lang == Language.PHP && recv.isEmpty() && PHP_RANDOM.contains(lname) && next != null && next.op("(")) {
      weak = true;
    } else if (lang == Language.RUBY && (lname.equals("rand") && (recv.isEmpty() || recv.equals("Kernel")
        || recv.equals("Random")) || name.equals("new") && recv.equals("Random"))) {
      weak = true;
    } else if (lang == Language.GO && lrecv.equals("rand") && !cryptoRand && GO_RANDOM.contains(lname)) {
      weak = true;
    } else if (lang == Language.ELIXIR && (recv.equals("rand") || recv.equals("random"))
        && (lname.equals("uniform") || lname.equals("uniform_real"))) {
      weak = i > 1 && t.get(i - 2).kind() == TokenKind.SYMBOL;
    } else if (lang == Language.ELIXIR && recv.equals("Enum") && lname.equals("random")) {
      weak = true;
    }
    if (!weak) return null;
    if (!securityContext(view, t, i, fns, si)) return null;
    return new Hit(t.get(i).line(), Rule.WEAK_CRYPTO.title()
        + ": a predictable pseudo-random generator produces a security-sensitive value.", "CWE-330",
        "Use a cryptographically secure generator: SecureRandom, secrets, crypto.randomBytes/"
            + "randomUUID, crypto/rand, SecureRandom (Ruby), random_bytes/random_int (PHP), "
            + ":crypto.strong_rand_bytes.", 0.75);
  }

  /** @return true when token i ends a (possibly qualified) type name right after {@code new} */
  private static boolean newExpression(List<Token> t, int i) {
    int j = i - 1;
    StringBuilder q = new StringBuilder();
    while (j >= 1 && t.get(j).op(".") && t.get(j - 1).kind() == TokenKind.IDENTIFIER) {
      q.insert(0, t.get(j - 1).text() + ".");
      j -= 2;
    }
    if (j < 0 || !t.get(j).word("new")) return false;
    String qual = q.toString();
    return qual.isEmpty() || qual.equals("java.util.") || qual.equals("System.");
  }

  private static boolean securityContext(SourceView view, List<Token> t, int i,
      List<FunctionSpan> fns, int si) {
    int line = t.get(i).line();
    StringBuilder sb = new StringBuilder();
    FunctionSpan in = null;
    for (FunctionSpan f : fns) {
      if (f.segment() == si && f.containsLine(line) && (in == null || f.depth() > in.depth())) in = f;
    }
    int from = in != null ? in.startLine() : line - 3;
    int to = in != null ? in.endLine() : line + 3;
    for (int l = Math.max(from, line - 40); l <= Math.min(to, line + 40); l++) {
      String text = view.line(l);
      if (text != null) sb.append(text).append('\n');
    }
    String ctx = sb.toString().toLowerCase(Locale.ROOT);
    for (String w : SECURITY_WORDS) {
      if (w.length() <= 4) {
        if (containsWord(ctx, w)) return true;
      } else if (ctx.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsWord(String s, String w) {
    int at = s.indexOf(w);
    while (at >= 0) {
      boolean left = at == 0 || !Character.isLetter(s.charAt(at - 1));
      int e = at + w.length();
      boolean right = e >= s.length() || !Character.isLowerCase(s.charAt(e));
      if (left && right) return true;
      at = s.indexOf(w, at + 1);
    }
    return false;
  }

  private Hit tls(SourceView view, List<Token> t, int i, String name, Token next, Language lang) {
    String lname = name.toLowerCase(Locale.ROOT);
    boolean assignLike = next != null && (next.op("=") || next.op(":") || next.op("=>"));
    Token val = assignLike && i + 2 < t.size() ? t.get(i + 2) : null;
    String v = val == null ? "" : val.text().toLowerCase(Locale.ROOT);
    boolean falsy = v.equals("false") || v.equals("0") && val.kind() == TokenKind.NUMBER
        || val != null && val.kind() == TokenKind.STRING && v.equals("0");
    boolean truthy = v.equals("true") || v.equals("1") && val != null && val.kind() == TokenKind.NUMBER;
    String msg = Rule.WEAK_CRYPTO.title() + ": TLS certificate verification is disabled, so any "
        + "server can impersonate the peer.";
    String rec = "Keep certificate and host-name verification on; trust a private CA through a "
        + "trust store or CA bundle instead of disabling checks.";
    if (falsy && (lname.equals("verify") || lname.equals("rejectunauthorized") || lname.equals("strictssl")
        || lname.equals("check_hostname") || lname.equals("verify_ssl") || lname.equals("ssl_verify")
        || lname.equals("verifypeer") || lname.equals("verify_peer") || lname.equals("verifyhost")
        || lname.equals("curlopt_ssl_verifypeer") || lname.equals("curlopt_ssl_verifyhost")
        || lname.equals("ssl") && lang == Language.PYTHON || lname.equals("verify_certs")
        || lname.equals("sslverify") || lname.equals("verify_ssl_certs"))) {
      if (lname.equals("verify") && lowerLine(view, t.get(i).line()).contains("jwt")) return null;
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    if (truthy && (lname.equals("insecureskipverify") || lname.equals("trustallcerts")
        || lname.equals("allowinsecure") || lname.equals("insecure") && lowerLine(view, t.get(i).line()).contains("tls"))) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    if (name.equals("VERIFY_NONE") || name.equals("CERT_NONE") || name.equals("_create_unverified_context")
        || name.equals("NoopHostnameVerifier") || name.equals("ALLOW_ALL_HOSTNAME_VERIFIER")
        || name.equals("TrustAllStrategy") || name.equals("DangerousAcceptAnyServerCertificateValidator")
        || name.equals("InsecureTrustManagerFactory") || name.equals("verify_none")) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    if (name.equals("NODE_TLS_REJECT_UNAUTHORIZED") && lowerLine(view, t.get(i).line()).contains("0")) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    if ((name.equals("ServerCertificateValidationCallback")
        || name.equals("ServerCertificateCustomValidationCallback")) && lowerLine(view, t.get(i).line()).contains("true")) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    if (name.equals("X509TrustManager") && i > 0 && t.get(i - 1).word("new")) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.7);
    }
    return null;
  }
}
