package dev.synapse.analysis.security;

import java.util.List;
import java.util.Set;

/**
 * The word lists of the pattern checks ({@code pattern_lists} in {@code rules/patterns.yml}),
 * read once per JVM from the bundled packs. A missing list is a packaging error and fails class
 * initialisation of the check that needs it. Stateless.
 */
final class PatternLists {
  private PatternLists() {}

  /**
   * @param name list name, e.g. {@code weak_crypto.weak_symbols}
   * @return its words in pack order
   * @throws IllegalStateException when no bundled pack defines the list
   */
  static List<String> list(String name) {
    List<String> l = SecurityKnowledge.bundled().patternList(name);
    if (l == null) throw new IllegalStateException("rules: no bundled pattern list '" + name + "'");
    return l;
  }

  /** @return the list as an array (for word tables) */
  static String[] array(String name) {
    return list(name).toArray(new String[0]);
  }

  /** @return the list as an immutable set */
  static Set<String> set(String name) {
    return Set.copyOf(list(name));
  }
}
