package dev.synapse.analysis.rules;

import dev.synapse.analysis.lang.Language;
import java.util.List;
import java.util.Locale;

/**
 * Names of the pattern lists ({@code pattern_lists} in a pack): {@code check.list}, or
 * {@code check.list.language} for the words that apply in one language only (see
 * docs/rule-packs.md, "Pattern lists"). Stateless.
 */
public final class PatternListNames {
  private PatternListNames() {}

  /** Prefixes of the lists user packs may change: the pattern checks read them per review. */
  public static final List<String> USER_PREFIXES =
      List.of("auth_bypass.", "hardcoded_secret.", "insecure_cookie.", "weak_crypto.");

  /**
   * @param name a list name
   * @return the name without its language suffix ({@code weak_crypto.random_calls.ruby} gives
   *     {@code weak_crypto.random_calls})
   */
  public static String base(String name) {
    int dot = name.lastIndexOf('.');
    if (dot > 0 && name.indexOf('.') < dot && language(name.substring(dot + 1)) != null) {
      return name.substring(0, dot);
    }
    return name;
  }

  /**
   * @param base a list name without language suffix
   * @param lang a language
   * @return the name of the list's variant for that language
   */
  public static String of(String base, Language lang) {
    return base + "." + lang.id();
  }

  /** @return true when user packs may change the list with this base name */
  public static boolean userChangeable(String base) {
    for (String p : USER_PREFIXES) if (base.startsWith(p)) return true;
    return false;
  }

  private static Language language(String id) {
    for (Language l : Language.values()) {
      if (l != Language.UNKNOWN && l.id().equals(id.toLowerCase(Locale.ROOT))) return l;
    }
    return null;
  }
}
