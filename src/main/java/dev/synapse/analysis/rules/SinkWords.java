package dev.synapse.analysis.rules;

import java.util.List;

/**
 * The word conditions of a sink row ({@code call_has}, {@code call_lacks}, {@code scope_lacks}):
 * globs over the words of the code around a call, for sinks whose danger depends on how the API
 * is configured rather than on the tainted value (an unsafe loader argument, a parser option, a
 * secure feature set earlier). A word is an identifier, keyword or keyword-argument name, or the
 * text of a string literal, lower-cased, without quotes and without a leading {@code :} (Ruby and
 * Elixir atoms). A setting written {@code name = value}, {@code name: value} or
 * {@code name => value} (a keyword argument, an option, a property assignment) is also the word
 * {@code name=value}, the value being the words of at most three tokens concatenated
 * ({@code resolve_entities=true}, {@code dtdprocessing=dtdprocessing.parse}). Immutable.
 *
 * @param callHas some word inside the call's argument list matches one of these (null: no condition)
 * @param callLacks no word inside the call's argument list matches one of these (null: no condition)
 * @param scopeHas some word of the enclosing function (the analysed unit) matches one of these
 *     (null: no condition)
 * @param scopeLacks no word of the enclosing function (the analysed unit) matches one of these
 *     (null: no condition)
 */
public record SinkWords(List<Glob> callHas, List<Glob> callLacks, List<Glob> scopeHas,
    List<Glob> scopeLacks) {

  /**
   * @param callWords the words of the call's arguments
   * @param scopeWords the words of the enclosing unit (computed lazily by the caller when needed)
   * @return true when every written condition holds
   */
  public boolean holds(List<String> callWords, java.util.function.Supplier<List<String>> scopeWords) {
    if (callHas != null && !any(callHas, callWords)) return false;
    if (callLacks != null && any(callLacks, callWords)) return false;
    if (scopeHas != null && !any(scopeHas, scopeWords.get())) return false;
    return scopeLacks == null || !any(scopeLacks, scopeWords.get());
  }

  /** @return true when one of {@code words} matches one of {@code globs} */
  private static boolean any(List<Glob> globs, List<String> words) {
    for (String w : words) {
      for (Glob g : globs) if (g.matches(w)) return true;
    }
    return false;
  }

  /**
   * @param text a token's text as written
   * @return its word: lower-cased, quotes and a leading atom colon removed
   */
  public static String word(String text) {
    String s = text.toLowerCase(java.util.Locale.ROOT);
    int a = 0;
    int b = s.length();
    while (a < b && "\"'`:".indexOf(s.charAt(a)) >= 0) a++;
    while (b > a && "\"'`".indexOf(s.charAt(b - 1)) >= 0) b--;
    return s.substring(a, b);
  }
}
