package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.rules.PatternListNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The word lists of the four pattern checks ({@link AuthBypassCheck}, {@link WeakCryptoCheck},
 * {@link HardcodedSecretCheck}, {@link InsecureCookieCheck}) read from one
 * {@link SecurityKnowledge} (bundled plus user packs), with each check's tables compiled from them
 * and the trigger words of {@link ChangedTokens}. A list {@code check.list} applies in every
 * language; its variant {@code check.list.<language>} adds words in that language. A list the
 * checks need and no pack defines (in any variant) is a packaging error. Immutable and
 * thread-safe; the bundled instance is built once.
 */
final class PatternWords {
  private final SecurityKnowledge knowledge;
  private final Set<String> names;
  /** Lists read through {@link #list} (every language) / {@link #byLanguage}; filled while building. */
  private final Set<String> readForAll = new java.util.HashSet<>();
  private final Set<String> readPerLanguage = new java.util.HashSet<>();
  /** Tables of {@link AuthBypassCheck}. */
  final AuthBypassCheck.Words auth;
  /** Tables of {@link WeakCryptoCheck}. */
  final WeakCryptoCheck.Words crypto;
  /** Tables of {@link HardcodedSecretCheck}. */
  final HardcodedSecretCheck.Words secret;
  /** Tables of {@link InsecureCookieCheck}. */
  final InsecureCookieCheck.Words cookie;
  /** The trigger words of every check, tagged with {@link ChangedTokens} facts; loose. */
  final WordTable triggers;
  /**
   * Facts set on every line: those with a word {@link #triggers} cannot hold (fewer than two
   * characters besides {@code _ - .}), so the pre-test stays sound for any list a pack writes.
   */
  final int alwaysFacts;

  private static final class Bundled {
    static final PatternWords INSTANCE = new PatternWords(SecurityKnowledge.bundled());
  }

  /** @return the lists of the bundled packs (compiled once) */
  static PatternWords bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * @param knowledge the bundled packs itself, or with user packs
   * @return the compiled lists ({@link #bundled()} for the bundled knowledge)
   * @throws IllegalStateException when a list the checks need is not defined
   */
  static PatternWords of(SecurityKnowledge knowledge) {
    return knowledge == SecurityKnowledge.bundled() ? bundled() : new PatternWords(knowledge);
  }

  private PatternWords(SecurityKnowledge knowledge) {
    this.knowledge = knowledge;
    this.names = knowledge.patternListNames();
    auth = new AuthBypassCheck.Words(this);
    crypto = new WeakCryptoCheck.Words(this);
    secret = new HardcodedSecretCheck.Words(this);
    cookie = new InsecureCookieCheck.Words(this);
    // a language variant of a list the checks read for every language would be ignored
    for (String n : names) {
      String base = PatternListNames.base(n);
      if (!base.equals(n) && readForAll.contains(base) && !readPerLanguage.contains(base)) {
        throw new IllegalStateException("rules: pattern list '" + n + "': '" + base
            + "' is read for every language and has no language variants");
      }
    }
    List<Object> entries = new ArrayList<>();
    for (Object[] part : List.of(auth.triggerWords(), crypto.triggerWords(), cookie.triggerWords(),
        secret.triggerWords())) {
      Collections.addAll(entries, part);
    }
    List<Object> table = new ArrayList<>();
    int always = 0;
    for (int e = 0; e < entries.size(); e += 2) {
      if (entries.get(e) == ALWAYS) {
        always |= (Integer) entries.get(e + 1);
      } else if (!redundant(entries, e)) {
        table.add(entries.get(e));
        table.add(entries.get(e + 1));
      }
    }
    triggers = new WordTable(true, table.toArray());
    alwaysFacts = always;
  }

  /**
   * @return true when the word at {@code e} contains (ignoring {@code _ - .}) another word of the
   *     same fact, or repeats an earlier one: the table finds the shorter word wherever it finds
   *     this one
   */
  private static boolean redundant(List<Object> entries, int e) {
    String w = strip((String) entries.get(e));
    Object fact = entries.get(e + 1);
    for (int o = 0; o < entries.size(); o += 2) {
      if (o == e || entries.get(o) == ALWAYS || !entries.get(o + 1).equals(fact)) continue;
      String other = strip((String) entries.get(o));
      if (other.equals(w) ? o < e : w.contains(other)) return true;
    }
    return false;
  }

  private static String strip(String w) {
    return w.replace("_", "").replace("-", "").replace(".", "");
  }

  /** Placeholder word of {@link #addTrigger} for a fact that must be set on every line. */
  private static final String ALWAYS = new String("(always)");

  /**
   * @param word a word
   * @return true when the (loose) trigger table can hold it: ASCII, and two or more characters
   *     besides {@code _ - .}
   */
  static boolean triggerWord(String word) {
    int n = 0;
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      if (c >= 128) return false;
      if (c != '_' && c != '-' && c != '.') n++;
    }
    return n >= 2;
  }

  /**
   * Adds (word, fact) to trigger entries: the word lower-cased; a word with a character outside
   * ASCII is left out (such text sets {@link ChangedTokens#NON_ASCII}, which every check
   * honours); a word too short for the table makes the fact hold on every line.
   */
  static void addTrigger(List<Object> entries, String word, int fact) {
    String w = word.toLowerCase(Locale.ROOT);
    for (int k = 0; k < w.length(); k++) if (w.charAt(k) >= 128) return;
    entries.add(triggerWord(w) ? w : ALWAYS);
    entries.add(fact);
  }

  /**
   * @param name a list name without language suffix
   * @return the words of {@code name} for every language, in pack order (empty when only
   *     language variants exist)
   * @throws IllegalStateException when no variant of the list is defined
   */
  List<String> list(String name) {
    readForAll.add(name);
    return words(name);
  }

  private List<String> words(String name) {
    require(name);
    List<String> l = knowledge.patternList(name);
    return l == null ? List.of() : l;
  }

  /** @return {@link #list} as an array */
  String[] array(String name) {
    return list(name).toArray(new String[0]);
  }

  /** @return {@link #list} as a set */
  Set<String> set(String name) {
    return Set.copyOf(list(name));
  }

  /** @return {@link #list}, lower-cased, as a set */
  Set<String> lowerSet(String name) {
    return lower(list(name));
  }

  /**
   * @param name a list name without language suffix
   * @param lower whether to lower-case the words
   * @return per language (UNKNOWN included, with the words for every language): the words of
   *     {@code name} plus those of {@code name.<language>}
   */
  Map<Language, Set<String>> byLanguage(String name, boolean lower) {
    readPerLanguage.add(name);
    return variants(name, lower);
  }

  private Map<Language, Set<String>> variants(String name, boolean lower) {
    List<String> all = words(name);
    Map<Language, Set<String>> out = new EnumMap<>(Language.class);
    for (Language lang : Language.values()) {
      Set<String> s = new LinkedHashSet<>(all);
      if (lang != Language.UNKNOWN) {
        List<String> extra = knowledge.patternList(PatternListNames.of(name, lang));
        if (extra != null) s.addAll(extra);
      }
      out.put(lang, Set.copyOf(lower ? lower(s) : s));
    }
    return out;
  }

  /** @return every word of {@code name} in any variant (for trigger words) */
  Set<String> anyLanguage(String name) {
    Set<String> s = new LinkedHashSet<>();
    for (Set<String> v : variants(name, false).values()) s.addAll(v);
    return s;
  }

  private void require(String name) {
    if (names.contains(name)) return;
    for (Language lang : Language.values()) {
      if (lang != Language.UNKNOWN && names.contains(PatternListNames.of(name, lang))) return;
    }
    throw new IllegalStateException("rules: no pattern list '" + name + "'");
  }

  /** @return the words lower-cased ({@link Locale#ROOT}), in list order */
  static String[] lowered(List<String> words) {
    String[] out = new String[words.size()];
    for (int i = 0; i < out.length; i++) out[i] = words.get(i).toLowerCase(Locale.ROOT);
    return out;
  }

  /**
   * @param dotted {@code receiver.name} entries (a bare {@code name} has receiver "")
   * @return each entry as {receiver as written, name lower-cased}
   */
  static String[][] receiverNamePairs(List<String> dotted) {
    String[][] out = new String[dotted.size()][];
    for (int i = 0; i < out.length; i++) {
      String d = dotted.get(i);
      int dot = d.lastIndexOf('.');
      out[i] = new String[] {dot < 0 ? "" : d.substring(0, dot), d.substring(dot + 1).toLowerCase(Locale.ROOT)};
    }
    return out;
  }

  private static Set<String> lower(java.util.Collection<String> words) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : words) out.add(w.toLowerCase(Locale.ROOT));
    return Set.copyOf(out);
  }
}
