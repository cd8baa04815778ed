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

  private final PatternWords words;
  private final Words w;

  /** A check over the bundled packs' lists. */
  public WeakCryptoCheck() {
    this(PatternWords.bundled());
  }

  /** @param words the pattern lists of the loaded packs */
  WeakCryptoCheck(PatternWords words) {
    this.words = words;
    this.w = words.crypto;
  }

  @Override
  public String id() {
    return Rule.WEAK_CRYPTO.category();
  }

  @Override
  public String category() {
    return Rule.WEAK_CRYPTO.category();
  }

  /**
   * A case-sensitive glob: {@code x} equal, {@code x*} starts with, {@code *x} ends with,
   * {@code *x*} contains (unlike {@link dev.synapse.analysis.rules.Glob}, which lower-cases).
   *
   * @param text the literal part
   */
  record Glob(String text, boolean lead, boolean trail) {
    static Glob of(String s) {
      boolean lead = s.startsWith("*");
      boolean trail = s.length() > 1 && s.endsWith("*");
      return new Glob(s.substring(lead ? 1 : 0, s.length() - (trail ? 1 : 0)), lead, trail);
    }

    boolean matches(String s) {
      if (lead && trail) return s.contains(text);
      if (lead) return s.endsWith(text);
      if (trail) return s.startsWith(text);
      return s.equals(text);
    }
  }

  /**
   * The API names and words of this check ({@code weak_crypto.*} pattern lists, see
   * rules/patterns.yml and rules/patterns/weak_crypto.yml). Dotted entries are
   * {@code receiver.name} (receiver as written; {@code :receiver} an Elixir atom). Immutable.
   */
  static final class Words {
    final Set<String> weakHashStrings;
    final Set<String> hashFactories;
    final Set<String> weakHashCalls;
    final Set<String> weakSymbols;
    final Set<String> weakCipherIdents;
    final String[] securityWords;
    final String[] nonSecurity;
    /** Lower-cased identifiers any rule below can start from (a fast pre-filter). */
    final Set<String> interesting;
    /** Sorted hash codes of {@link #interesting}, for {@link #mayBeInteresting}. */
    final int[] interestingHashes;
    /** Words one of which every weak algorithm value contains (a pre-filter for constants). */
    final WordTable valueTriggers;
    private final List<String> valueWords;
    final String[] notForSecurityArguments;
    final Map<Language, Set<String>> hashCallReceivers;
    final Map<Language, Set<String>> hashConstructors;
    final Map<Language, Set<String>> hashPackages;
    final Set<String> hashClasses;
    final Map<Language, Set<String>> hashClassScopes;
    final Set<String> cipherClasses;
    final Map<Language, Set<String>> cipherConstructors;
    final Map<Language, Set<String>> cipherPackages;
    final String[][] weakModeMembers;
    final Map<Language, Set<String>> unsaltedCipherCalls;
    final Set<String> cipherFactories;
    final List<Glob> weakCipherSpecs;
    final Set<String> defaultEcbSpecs;
    final Set<String> defaultEcbFactories;
    final Map<Language, Set<String>> symbolModules;
    final List<Glob> hashSymbols;
    final List<Glob> hashIdents;
    final String[][] randomCalls;
    final Map<Language, String[][]> randomMembers;
    final Map<Language, Set<String>> randomClasses;
    final List<String> randomClassQualifiers;
    final Map<Language, Set<String>> randomModules;
    final Map<Language, Set<String>> randomFunctions;
    final Map<Language, List<String>> secureRandomImports;
    final Map<Language, Set<String>> tlsVerifySwitches;
    final Set<String> ambiguousTlsSwitches;
    final String[] ambiguousTlsContext;
    final Set<String> tlsInsecureSwitches;
    final Set<String> tlsContextualSwitches;
    final String[] tlsContextWords;
    final Set<String> tlsOffNames;
    final Set<String> tlsEnvSwitches;
    final Set<String> tlsValidationCallbacks;
    final Set<String> trustManagerClasses;
    private final List<String> triggerWords;

    Words(PatternWords p) {
      weakHashStrings = p.set("weak_crypto.weak_hash_strings");
      hashFactories = p.set("weak_crypto.hash_factories");
      weakHashCalls = p.set("weak_crypto.weak_hash_calls");
      weakSymbols = p.set("weak_crypto.weak_symbols");
      weakCipherIdents = p.set("weak_crypto.weak_cipher_idents");
      securityWords = p.array("weak_crypto.security_words");
      nonSecurity = p.array("weak_crypto.non_security_words");
      notForSecurityArguments = PatternWords.lowered(p.list("weak_crypto.not_for_security_arguments"));
      hashCallReceivers = p.byLanguage("weak_crypto.hash_call_receivers", true);
      hashConstructors = p.byLanguage("weak_crypto.hash_constructors", true);
      hashPackages = p.byLanguage("weak_crypto.hash_packages", true);
      hashClasses = p.set("weak_crypto.hash_classes");
      hashClassScopes = p.byLanguage("weak_crypto.hash_class_scopes", false);
      cipherClasses = p.set("weak_crypto.cipher_classes");
      cipherConstructors = p.byLanguage("weak_crypto.cipher_constructors", true);
      cipherPackages = p.byLanguage("weak_crypto.cipher_packages", true);
      weakModeMembers = PatternWords.receiverNamePairs(p.list("weak_crypto.weak_mode_members"));
      unsaltedCipherCalls = p.byLanguage("weak_crypto.unsalted_cipher_calls", true);
      cipherFactories = p.lowerSet("weak_crypto.cipher_factories");
      List<Glob> specs = new ArrayList<>();
      for (String g : p.list("weak_crypto.weak_cipher_specs")) specs.add(Glob.of(g.toUpperCase(Locale.ROOT)));
      weakCipherSpecs = List.copyOf(specs);
      defaultEcbSpecs = upper(p.list("weak_crypto.default_ecb_specs"));
      defaultEcbFactories = p.lowerSet("weak_crypto.default_ecb_factories");
      symbolModules = p.byLanguage("weak_crypto.symbol_modules", true);
      hashSymbols = p.list("weak_crypto.hash_symbols").stream().map(Glob::of).toList();
      hashIdents = p.list("weak_crypto.hash_idents").stream().map(Glob::of).toList();
      randomCalls = PatternWords.receiverNamePairs(p.list("weak_crypto.random_calls"));
      Map<Language, String[][]> rm = new java.util.EnumMap<>(Language.class);
      p.byLanguage("weak_crypto.random_members", false).forEach((l, m) -> rm.put(l, PatternWords.receiverNamePairs(List.copyOf(m))));
      randomMembers = rm;
      randomClasses = p.byLanguage("weak_crypto.random_classes", false);
      randomClassQualifiers = p.list("weak_crypto.random_class_qualifiers");
      randomModules = p.byLanguage("weak_crypto.random_modules", true);
      randomFunctions = p.byLanguage("weak_crypto.random_functions", true);
      Map<Language, List<String>> si = new java.util.EnumMap<>(Language.class);
      p.byLanguage("weak_crypto.secure_random_imports", false).forEach((l, m) -> si.put(l, List.copyOf(m)));
      secureRandomImports = si;
      tlsVerifySwitches = p.byLanguage("weak_crypto.tls_verify_switches", true);
      ambiguousTlsSwitches = p.lowerSet("weak_crypto.ambiguous_tls_switches");
      ambiguousTlsContext = PatternWords.lowered(p.list("weak_crypto.ambiguous_tls_context"));
      tlsInsecureSwitches = p.lowerSet("weak_crypto.tls_insecure_switches");
      tlsContextualSwitches = p.lowerSet("weak_crypto.tls_contextual_switches");
      tlsContextWords = PatternWords.lowered(p.list("weak_crypto.tls_context_words"));
      tlsOffNames = p.set("weak_crypto.tls_off_names");
      tlsEnvSwitches = p.set("weak_crypto.tls_env_switches");
      tlsValidationCallbacks = p.set("weak_crypto.tls_validation_callbacks");
      trustManagerClasses = p.set("weak_crypto.trust_manager_classes");

      // every identifier a rule of inspect() compares a non-assignment token with
      Set<String> names = new java.util.LinkedHashSet<>();
      for (String x : p.list("weak_crypto.trigger_identifiers")) names.add(x.toLowerCase(Locale.ROOT));
      for (String list : new String[] {"weak_hash_calls", "hash_constructors", "hash_classes", "cipher_classes",
          "cipher_constructors", "weak_mode_members", "unsalted_cipher_calls", "random_calls", "random_members",
          "random_classes", "random_functions", "tls_off_names", "tls_env_switches", "tls_validation_callbacks",
          "trust_manager_classes"}) {
        for (String x : p.anyLanguage("weak_crypto." + list)) names.add(nameOf(x).toLowerCase(Locale.ROOT));
      }
      interesting = Set.copyOf(names);
      interestingHashes = interesting.stream().mapToInt(String::hashCode).sorted().toArray();

      List<String> values = new ArrayList<>(p.list("weak_crypto.value_words"));
      values.addAll(weakHashStrings);
      values.addAll(defaultEcbSpecs);
      for (Glob g : weakCipherSpecs) values.add(g.text());
      valueWords = values;
      Object[] ve = valueEntries(values);
      valueTriggers = ve == null ? null : new WordTable(false, ve);
      // pre-filter words: the value words and the pack's trigger words, plus a word for each name
      // a rule compares a token with that none of them covers (a receiver where the rule needs one)
      List<String> trig = new ArrayList<>(values);
      trig.addAll(p.list("weak_crypto.trigger_words"));
      List<Object> baseEntries = new ArrayList<>();
      boolean always = false;
      for (String x : trig) {
        String l = x.toLowerCase(Locale.ROOT);
        if (PatternWords.triggerWord(l)) {
          baseEntries.add(l);
          baseEntries.add(1);
        } else {
          // too short for the table: the pre-filter passes every line (see PatternWords.addTrigger)
          always |= l.chars().allMatch(c -> c < 128);
        }
      }
      WordTable base = always ? null : new WordTable(true, baseEntries.toArray());
      List<String> plain = new ArrayList<>(weakCipherIdents);
      plain.addAll(weakSymbols);
      for (String list : new String[] {"weak_hash_calls", "hash_classes", "cipher_classes", "unsalted_cipher_calls",
          "random_classes", "tls_verify_switches", "tls_insecure_switches", "tls_contextual_switches", "tls_off_names",
          "tls_env_switches", "tls_validation_callbacks", "trust_manager_classes"}) {
        plain.addAll(p.anyLanguage("weak_crypto." + list));
      }
      for (String x : plain) need(trig, base, x);
      for (String list : new String[] {"weak_mode_members", "random_calls", "random_members"}) {
        for (String m : p.anyLanguage("weak_crypto." + list)) {
          int dot = m.lastIndexOf('.');
          String r = dot < 0 ? "" : m.substring(m.startsWith(":") ? 1 : 0, dot);
          String n = m.substring(dot + 1);
          if (!covered(base, n) && (r.isEmpty() || !covered(base, r))) trig.add(r.isEmpty() ? n : r);
        }
      }
      for (Language l : Language.values()) {
        qualified(trig, base, hashConstructors.get(l), hashPackages.get(l));
        qualified(trig, base, cipherConstructors.get(l), cipherPackages.get(l));
        qualified(trig, base, randomFunctions.get(l), randomModules.get(l));
      }
      triggerWords = trig;
    }

    private static boolean covered(WordTable base, String x) {
      return base == null || base.scan(x) != 0;
    }

    private static void need(List<String> trig, WordTable base, String x) {
      if (!covered(base, x)) trig.add(x);
    }

    /**
     * A rule that needs one of {@code names} called on one of {@code receivers} (which sit in the
     * pre-filter's window): when some name is not covered, each receiver ("" a bare call: the
     * names) must be.
     */
    private static void qualified(List<String> trig, WordTable base, Set<String> names, Set<String> receivers) {
      boolean all = true;
      for (String n : names) all &= covered(base, n);
      if (all) return;
      for (String r : receivers) {
        if (!r.isEmpty()) {
          need(trig, base, r);
        } else {
          for (String n : names) need(trig, base, n);
        }
      }
    }

    /**
     * @return true when some value word is in {@code value}, ignoring case (always true when a
     *     value word cannot be looked for in a table)
     */
    boolean mayBeWeakValue(String value) {
      return valueTriggers == null || valueTriggers.scan(value) != 0;
    }

    private Object[] valueEntries(List<String> values) {
      List<Object> e = new ArrayList<>();
      for (String v : values) {
        String l = v.toLowerCase(Locale.ROOT);
        if (l.length() < 2) return null;
        boolean ascii = true;
        for (int k = 0; k < l.length(); k++) ascii &= l.charAt(k) < 128;
        if (!ascii) continue;
        e.add(l);
        e.add(1);
      }
      return e.toArray();
    }

    /**
     * Pre-test for {@code interesting.contains(name.toLowerCase(Locale.ROOT))} without building
     * the lower-cased copy: for ASCII text, the hash code of its lower-case form must be one of
     * the set's (false is exact; true may be a hash collision, the set decides). Other text
     * answers true.
     */
    boolean mayBeInteresting(String name) {
      int h = 0;
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c >= 128) return true;
        if (c >= 'A' && c <= 'Z') c = (char) (c + ('a' - 'A'));
        h = 31 * h + c;
      }
      return java.util.Arrays.binarySearch(interestingHashes, h) >= 0;
    }

    /**
     * Words one of which every rule of {@link #inspect} needs (ignoring case) in the text of the
     * token it reports, of the receiver or name just before it, as (word, fact) pairs for
     * {@link ChangedTokens}: the value words (weak algorithm names and cipher specifications),
     * {@code weak_crypto.trigger_words} and every name the rules compare with. Constants are the
     * exception: a constant's name says nothing, so a file with a weak constant is inspected whole.
     */
    Object[] triggerWords() {
      List<Object> entries = new ArrayList<>();
      for (String t : triggerWords) {
        // the literal parts of a glob: the token holds each of them
        for (String part : t.split("\\*")) if (!part.isEmpty()) PatternWords.addTrigger(entries, part, ChangedTokens.CRYPTO);
        if (t.replace("*", "").isEmpty()) PatternWords.addTrigger(entries, "", ChangedTokens.CRYPTO);
      }
      return entries.toArray();
    }

    private static String nameOf(String dotted) {
      return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static Set<String> upper(List<String> words) {
      Set<String> out = new java.util.HashSet<>();
      for (String x : words) out.add(x.toUpperCase(Locale.ROOT));
      return Set.copyOf(out);
    }
  }

  private record Hit(int line, String what, String cwe, String rec, double conf) {}

  /** Per-run cache of the current line's lower-cased text (instances are per run). */
  private int cachedLine = -1;
  /** Names assigned exactly one string literal in the current file (constants), name -> value. */
  private Map<String, String> constants = Map.of();

  /** @return true when a constant's value names a weak hash or cipher for some call */
  private boolean weakValue(String value) {
    if (!w.mayBeWeakValue(value)) return false;
    String v = value.toLowerCase(Locale.ROOT).trim();
    if (w.weakHashStrings.contains(v)) return true;
    // a weak cipher specification for some factory (plain AES: for the default-ECB factories)
    String u = v.toUpperCase(Locale.ROOT);
    for (Glob g : w.weakCipherSpecs) if (g.matches(u)) return true;
    return w.defaultEcbSpecs.contains(u) && !w.defaultEcbFactories.isEmpty();
  }

  /**
   * Collects {@code NAME = "literal"} declarations (Java/Kotlin/C# constants and fields, JS/TS
   * consts, Python/Ruby module constants) whose value names a weak algorithm ({@link
   * #weakValue}; no other constant can change a finding); a name assigned more than once (or
   * after a '.', or to anything but one plain literal) is dropped.
   */
  private Map<String, String> stringConstants(SourceView view) {
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
    return new WeakCryptoCheck(words).scan(context);
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
      // a secure generator imported: the module-function random rule does not apply
      boolean cryptoRand = mentionsAny(view, w.secureRandomImports.get(view.language()));
      constants = stringConstants(view);
      // a weak constant can be used under any name: then every changed line is inspected
      boolean everyLine = !constants.isEmpty();
      ChangedTokens changed = ChangedTokens.of(context, view, words);
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

  private static boolean mentionsAny(SourceView view, List<String> texts) {
    if (texts.isEmpty()) return false;
    for (SourceView.Segment s : view.segments()) {
      for (String l : s.lines()) {
        for (String text : texts) if (l.contains(text)) return true;
      }
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
      if (w.weakHashStrings.contains(v) && call != null && w.hashFactories.contains(call)
          && !nonSecurity(lowerLine(view, x.line()))) {
        return weakHash(x.line(), x.text());
      }
      if (call != null && weakCipherSpec(v, call) && !keyOnlyAes(t, i, v)) {
        return new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": the cipher '" + x.text()
            + "' is broken or uses ECB mode.", "CWE-327", null, 0.85);
      }
      return null;
    }
    if (x.kind() == TokenKind.SYMBOL && w.weakSymbols.contains(x.text().toLowerCase(Locale.ROOT))
        && lineHasAny(lowerLine(view, x.line()), w.symbolModules.get(lang)) && !nonSecurity(lowerLine(view, x.line()))) {
      boolean hash = anyGlob(w.hashSymbols, x.text());
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
      if (call != null && w.weakHashStrings.contains(v) && w.hashFactories.contains(call)
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
    if (!assignLike && !w.weakCipherIdents.contains(name) && !w.mayBeInteresting(name)) return null;
    String lname = name.toLowerCase(Locale.ROOT);
    if (!assignLike && !w.interesting.contains(lname) && !w.weakCipherIdents.contains(name)) return null;
    Token prev = i > 0 ? t.get(i - 1) : null;
    Token prev2 = i > 1 ? t.get(i - 2) : null;
    Token next = i + 1 < t.size() ? t.get(i + 1) : null;
    String recv = prev != null && (prev.op(".") || prev.op("::")) && prev2 != null ? prev2.text() : "";
    String lrecv = recv.toLowerCase(Locale.ROOT);
    // ---- weak hashes by API
    if (w.weakHashCalls.contains(lname) && next != null && (next.op("(") || next.op("."))
        && !nonSecurity(lowerLine(view, x.line())) && !argsContain(t, i + 1, w.notForSecurityArguments)) {
      if (w.hashCallReceivers.get(lang).contains(lrecv)) return weakHash(x.line(), name);
    }
    if (w.hashConstructors.get(lang).contains(lname) && w.hashPackages.get(lang).contains(lrecv)
        && !nonSecurity(lowerLine(view, x.line()))) {
      return weakHash(x.line(), recv);
    }
    if (w.hashClasses.contains(name) && next != null && next.op(".")
        && !nonSecurity(lowerLine(view, x.line())) && hashClassScope(w.hashClassScopes.get(lang), prev, prev2)) {
      return weakHash(x.line(), name);
    }
    if (w.weakCipherIdents.contains(name)) {
      boolean hash = anyGlob(w.hashIdents, name);
      return hash ? weakHash(x.line(), name) : new Hit(x.line(), Rule.WEAK_CRYPTO.title()
          + ": " + name + " selects a broken cipher or ECB mode.", "CWE-327", null, 0.85);
    }
    if (w.cipherClasses.contains(name) && next != null && next.op(".")) {
      return new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": " + name + " is a broken cipher.",
          "CWE-327", null, 0.85);
    }
    if (w.cipherConstructors.get(lang).contains(lname) && w.cipherPackages.get(lang).contains(lrecv)) {
      return new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": " + recv + " is a broken cipher.",
          "CWE-327", null, 0.85);
    }
    if (prev != null && prev.op(".") && prev2 != null && member(w.weakModeMembers, prev2, name)) {
      return new Hit(x.line(), Rule.WEAK_CRYPTO.title() + ": ECB mode leaks plaintext structure.",
          "CWE-327", null, 0.85);
    }
    if (w.unsaltedCipherCalls.get(lang).contains(lname) && next != null && next.op("(")) {
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

  private boolean nonSecurity(String lowerLine) {
    for (String n : w.nonSecurity) if (lowerLine.contains(n)) return true;
    return false;
  }

  private static boolean lineHasAny(String lowerLine, java.util.Collection<String> parts) {
    for (String p : parts) if (lowerLine.contains(p)) return true;
    return false;
  }

  private static boolean lineHasAny(String lowerLine, String[] parts) {
    return lineHasAny(lowerLine, List.of(parts));
  }

  private static boolean anyGlob(List<Glob> globs, String s) {
    for (Glob g : globs) if (g.matches(s)) return true;
    return false;
  }

  /**
   * @param scopes "" (the class alone), "*" (any {@code Scope::} before it) or a scope name
   *     (that {@code Scope::})
   */
  private static boolean hashClassScope(Set<String> scopes, Token prev, Token prev2) {
    if (scopes.contains("")) return true;
    if (prev == null || !prev.op("::")) return false;
    return scopes.contains("*") || prev2 != null && scopes.contains(prev2.text());
  }

  /**
   * @param recv the receiver token ({@code x} of {@code x.name} or {@code x::name}), or null
   * @return true when {@code recv.name} is one of {@code members}: the receiver as written (an
   *     entry ":x" wants the atom :x; an entry without receiver wants none), the name ignoring case
   */
  private static boolean member(String[][] members, Token recv, String name) {
    String lname = null;
    for (String[] m : members) {
      if (!name.equalsIgnoreCase(m[1])) continue;
      if (lname == null) lname = name.toLowerCase(Locale.ROOT);
      if (!lname.equals(m[1])) continue;
      String r = m[0];
      boolean atom = r.startsWith(":");
      if (atom) r = r.substring(1);
      if (r.isEmpty() ? recv == null : recv != null && recv.text().equals(r)
          && (!atom || recv.kind() == TokenKind.SYMBOL)) {
        return true;
      }
    }
    return false;
  }

  private boolean weakCipherSpec(String v, String call) {
    if (!w.cipherFactories.contains(call)) return false;
    String u = v.toUpperCase(Locale.ROOT);
    for (Glob g : w.weakCipherSpecs) if (g.matches(u)) return true;
    return w.defaultEcbSpecs.contains(u) && w.defaultEcbFactories.contains(call);
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

  private static boolean argsContain(List<Token> t, int open, String[] words) {
    if (open >= t.size() || !t.get(open).op("(")) return false;
    int level = 0;
    for (int j = open; j < t.size() && j - open < 60; j++) {
      Token x = t.get(j);
      if (x.op("(")) level++;
      else if (x.op(")") && --level == 0) return false;
      String l = x.text().toLowerCase(Locale.ROOT);
      for (String word : words) if (l.contains(word)) return true;
    }
    return false;
  }

  private Hit random(SourceView view, List<Token> t, int i, List<FunctionSpan> fns, int si,
      boolean cryptoRand, String name, String lname, String recv, String lrecv, Token next) {
    Language lang = view.language();
    Token prev = i > 0 ? t.get(i - 1) : null;
    Token recvTok = prev != null && (prev.op(".") || prev.op("::")) && i > 1 ? t.get(i - 2) : null;
    boolean call = next != null && next.op("(");
    boolean weak = call && member(w.randomCalls, recvTok, name)
        || member(w.randomMembers.get(lang), recvTok, name)
        || w.randomClasses.get(lang).contains(name) && newExpression(t, i, w.randomClassQualifiers)
        // module functions (random.choice, rand.Intn, PHP's mt_rand()): a bare function only as a call
        || w.randomModules.get(lang).contains(lrecv) && w.randomFunctions.get(lang).contains(lname)
            && (!recv.isEmpty() || call) && !cryptoRand;
    if (!weak) return null;
    if (!securityContext(view, t, i, fns, si)) return null;
    return new Hit(t.get(i).line(), Rule.WEAK_CRYPTO.title()
        + ": a predictable pseudo-random generator produces a security-sensitive value.", "CWE-330",
        "Use a cryptographically secure generator: SecureRandom, secrets, crypto.randomBytes/"
            + "randomUUID, crypto/rand, SecureRandom (Ruby), random_bytes/random_int (PHP), "
            + ":crypto.strong_rand_bytes.", 0.75);
  }

  /** @return true when token i ends a (possibly qualified) type name right after {@code new} */
  private static boolean newExpression(List<Token> t, int i, List<String> qualifiers) {
    int j = i - 1;
    StringBuilder q = new StringBuilder();
    while (j >= 1 && t.get(j).op(".") && t.get(j - 1).kind() == TokenKind.IDENTIFIER) {
      q.insert(0, t.get(j - 1).text() + ".");
      j -= 2;
    }
    if (j < 0 || !t.get(j).word("new")) return false;
    String qual = q.toString();
    return qual.isEmpty() || qualifiers.contains(qual);
  }

  private boolean securityContext(SourceView view, List<Token> t, int i,
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
    for (String word : w.securityWords) {
      if (word.length() <= 4) {
        if (containsWord(ctx, word)) return true;
      } else if (ctx.contains(word)) {
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
    if (falsy && w.tlsVerifySwitches.get(lang).contains(lname)) {
      if (w.ambiguousTlsSwitches.contains(lname) && lineHasAny(lowerLine(view, t.get(i).line()), w.ambiguousTlsContext)) {
        return null;
      }
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    if (truthy && (w.tlsInsecureSwitches.contains(lname) || w.tlsContextualSwitches.contains(lname)
        && lineHasAny(lowerLine(view, t.get(i).line()), w.tlsContextWords))) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    if (w.tlsOffNames.contains(name)) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    // an environment switch set to 0, a validation callback that returns true
    if (w.tlsEnvSwitches.contains(name) && lowerLine(view, t.get(i).line()).contains("0")) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    if (w.tlsValidationCallbacks.contains(name) && lowerLine(view, t.get(i).line()).contains("true")) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.85);
    }
    if (w.trustManagerClasses.contains(name) && i > 0 && t.get(i - 1).word("new")) {
      return new Hit(t.get(i).line(), msg, "CWE-295", rec, 0.7);
    }
    return null;
  }
}
