package dev.synapse.analysis.performance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of words for lookups of token text on hot paths. Unlike {@code Set.of}, a
 * lookup does not hash the whole probe string (token texts are fresh substrings, so their
 * {@link String#hashCode} is not cached yet): the bucket is chosen from the length and the
 * first, second and last characters, then the few words there are compared with
 * {@link String#equals}. Most probes end at an empty bucket. Thread-safe (no mutable state).
 */
final class WordSet {
  private static final int BUCKETS = 1024;

  private final String[][] buckets = new String[BUCKETS][];
  /** Bit {@code n} set when a member has length {@code n} (lengths of 63 and more are not recorded). */
  private final long lengths;

  private WordSet(String... words) {
    List<List<String>> lists = new ArrayList<>();
    for (int i = 0; i < BUCKETS; i++) lists.add(new ArrayList<>());
    for (String w : words) {
      if (w.isEmpty()) throw new IllegalArgumentException("empty word");
      List<String> b = lists.get(bucket(w));
      if (!b.contains(w)) b.add(w);
    }
    for (int i = 0; i < BUCKETS; i++) buckets[i] = lists.get(i).isEmpty() ? null : lists.get(i).toArray(new String[0]);
    long l = 0;
    for (String w : words) if (w.length() < 64) l |= 1L << w.length();
    this.lengths = l;
  }

  /**
   * @param words the members (non-empty; duplicates ignored)
   * @return the set
   * @throws IllegalArgumentException for an empty word
   */
  static WordSet of(String... words) {
    return new WordSet(words);
  }

  /** @return a set with the members of both */
  WordSet with(String... more) {
    List<String> all = new ArrayList<>();
    for (String[] b : buckets) if (b != null) all.addAll(Arrays.asList(b));
    all.addAll(Arrays.asList(more));
    return new WordSet(all.toArray(new String[0]));
  }

  private static int bucket(String s) {
    int n = s.length();
    int h = ((s.charAt(0) * 31 + s.charAt(n > 1 ? 1 : 0)) * 31 + s.charAt(n - 1)) * 31 + n;
    return (h ^ (h >>> 10)) & (BUCKETS - 1);
  }

  /**
   * @param t a token
   * @return true when the token's text is a member, compared in place (no string is made)
   */
  boolean contains(Tok t) {
    return contains(t.toks(), t.index());
  }

  /**
   * @param t the tokens of a line
   * @param k a token index
   * @return true when the text of token {@code k} is a member, compared in place
   */
  boolean contains(Toks t, int k) {
    int n = t.length(k);
    if (n < 64 && (lengths & (1L << n)) == 0) return false;
    int h = ((t.charAt(k, 0) * 31 + t.charAt(k, n > 1 ? 1 : 0)) * 31 + t.charAt(k, n - 1)) * 31 + n;
    String[] b = buckets[(h ^ (h >>> 10)) & (BUCKETS - 1)];
    if (b == null) return false;
    for (String w : b) if (t.is(k, w)) return true;
    return false;
  }

  /** @return true when {@code s} is a member; false for null or empty */
  boolean contains(String s) {
    if (s == null || s.isEmpty()) return false;
    String[] b = buckets[bucket(s)];
    if (b == null) return false;
    for (String w : b) if (w.equals(s)) return true;
    return false;
  }
}
