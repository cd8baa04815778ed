package dev.synapse.analysis.security;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of lower-case ASCII words, each with a tag bit, to look for inside text ignoring
 * ASCII case, in one pass over the text and without building a lower-cased copy. A loose table
 * also ignores the separators {@code _ - .} (in the words and in the text: "current_user",
 * "currentUser" and "se_cure" hold the words "currentuser" and "secure"); whatever contains a
 * word plainly also contains it loosely, so a loose answer is a superset of plain containment,
 * as the pre-tests need (two checks normalise names by dropping separators). A bitmap of
 * hashed first three characters (1 KB; two for two-letter words) rejects almost every position
 * with one look-up; the few positions that pass compare the words starting with the same two
 * characters (found through a 32 KB table of pairs). Used for the cheap, sound
 * pre-tests of the pattern checks: a rule that needs a word can be skipped on text that lacks it.
 * Immutable and thread-safe; time linear in the text length for the short words used here.
 */
final class WordTable {
  /** Tag reported by {@link #scan} when the text has a character outside ASCII. */
  static final int NON_ASCII = 1 << 31;

  /** Bit {@link #tri} set when some word of three or more characters starts with a, b, c. */
  private final long[] starts = new long[TRI_BITS / 64];
  /** Bit {@code (a << 7) | b} set when some two-character word is a, b. */
  private final long[] shortWords = new long[128 * 128 / 64];
  /** Whether any word has two characters (else {@link #shortWords} is empty). */
  private final boolean hasShort;
  private static final int TRI_BITS = 8192;
  /** Whether separators are ignored. */
  private final boolean loose;
  /** Per first-two-character pair {@code (a << 7) | b}: 1 + its index in {@link #words}, or 0. */
  private final short[] slots = new short[128 * 128];
  /** Per entry of {@link #pairKeys}: the words starting with that pair. */
  private final String[][] words;
  /** Tags parallel to {@link #words}. */
  private final int[][] tags;

  /**
   * @param loose whether to ignore the separators {@code _ - .}
   * @param entries pairs of (word, tag): the word lower-case ASCII of at least two characters
   *     (separators aside), the tag an {@code Integer} with bits other than {@link #NON_ASCII}
   * @throws IllegalArgumentException for a malformed entry
   */
  WordTable(boolean loose, Object... entries) {
    this.loose = loose;
    if (entries.length % 2 != 0) throw new IllegalArgumentException("odd entries");
    java.util.TreeMap<Integer, List<Object[]>> byPair = new java.util.TreeMap<>();
    for (int e = 0; e < entries.length; e += 2) {
      String w = loose ? strip((String) entries[e]) : (String) entries[e];
      int tag = (Integer) entries[e + 1];
      if (w.length() < 2 || tag == 0 || (tag & NON_ASCII) != 0) {
        throw new IllegalArgumentException("bad entry: " + w);
      }
      for (int k = 0; k < w.length(); k++) {
        char c = w.charAt(k);
        if (c >= 128 || lower(c) != c) throw new IllegalArgumentException("not lower-case ASCII: " + w);
      }
      int pair = (w.charAt(0) << 7) | w.charAt(1);
      if (w.length() == 2) {
        shortWords[pair >>> 6] |= 1L << pair;
      } else {
        int h = tri(w.charAt(0), w.charAt(1), w.charAt(2));
        starts[h >>> 6] |= 1L << h;
      }
      byPair.computeIfAbsent(pair, k -> new ArrayList<>()).add(new Object[] {w, tag});
    }
    boolean anyShort = false;
    for (int e = 0; e < entries.length; e += 2) anyShort |= (loose ? strip((String) entries[e]) : (String) entries[e]).length() == 2;
    hasShort = anyShort;
    words = new String[byPair.size()][];
    tags = new int[byPair.size()][];
    int at = 0;
    for (var e : byPair.entrySet()) {
      slots[e.getKey()] = (short) (at + 1);
      words[at] = e.getValue().stream().map(x -> (String) x[0]).toArray(String[]::new);
      tags[at] = e.getValue().stream().mapToInt(x -> (Integer) x[1]).toArray();
      at++;
    }
  }

  /**
   * @param tag the tag of every word
   * @param words lower-case ASCII words of at least two characters
   * @return a plain (not loose) table of the words, all with the one tag
   */
  static WordTable of(int tag, String... words) {
    Object[] entries = new Object[words.length * 2];
    for (int i = 0; i < words.length; i++) {
      entries[2 * i] = words[i];
      entries[2 * i + 1] = tag;
    }
    return new WordTable(false, entries);
  }

  /** @return {@code c} lower-cased when it is an ASCII capital letter, else {@code c} */
  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /**
   * @return true when {@code s} holds {@code word} (lower-case ASCII) at {@code at}, ignoring
   *     ASCII case
   */
  static boolean at(String s, int at, String word) {
    int len = word.length();
    if (at < 0 || at + len > s.length()) return false;
    for (int k = 0; k < len; k++) {
      if (lower(s.charAt(at + k)) != word.charAt(k)) return false;
    }
    return true;
  }

  /** @return true when {@code s} equals {@code word} (lower-case ASCII), ignoring ASCII case */
  static boolean equalsLower(String s, String word) {
    return s.length() == word.length() && at(s, 0, word);
  }

  /**
   * @param s any text
   * @return the OR of the tags of the words found in {@code s} ignoring ASCII case (for ASCII
   *     text and a plain table: the words {@code w} with
   *     {@code s.toLowerCase(Locale.ROOT).contains(w)}), plus
   *     {@link #NON_ASCII} when {@code s} has a character outside ASCII
   */
  int scan(String s) {
    int found = 0;
    int n = s.length();
    // i, j, k: the positions of the next three characters that are not separators
    int i = kept(s, 0);
    int j = kept(s, i + 1);
    int k = kept(s, j + 1);
    while (i < n) {
      char c = lower(s.charAt(i));
      if (c >= 128) {
        found |= NON_ASCII;
      } else if (j < n) {
        char d = lower(s.charAt(j));
        if (d < 128) {
          int h = tri(c, d, k < n ? lower(s.charAt(k)) : 0);
          int pair = (c << 7) | d;
          if ((starts[h >>> 6] & (1L << h)) != 0
              || hasShort && (shortWords[pair >>> 6] & (1L << pair)) != 0) {
            found |= match(s, j, pair, found);
          }
        }
      }
      i = j;
      j = k;
      k = kept(s, k + 1);
    }
    return found;
  }

  /** @return true for the separators the matching ignores */
  private static boolean separator(char c) {
    return c == '_' || c == '-' || c == '.';
  }

  /**
   * @return the first position at or after {@code from} that is not a separator of a loose
   *     table, at most the length
   */
  private int kept(String s, int from) {
    int n = s.length();
    int p = Math.min(from, n);
    while (loose && p < n && separator(s.charAt(p))) p++;
    return p;
  }

  /** @return {@code w} without separators */
  private static String strip(String w) {
    StringBuilder sb = new StringBuilder(w.length());
    for (int k = 0; k < w.length(); k++) if (!separator(w.charAt(k))) sb.append(w.charAt(k));
    return sb.toString();
  }

  /** @return the bitmap index of a word start (any characters; collisions only cost time) */
  private static int tri(char a, char b, char c) {
    return ((a * 31 + b) * 31 + c) & (TRI_BITS - 1);
  }

  /**
   * @return the tags (not yet in {@code found}) of the words whose first two characters
   *     (lower-cased) are {@code pair}, the second one at {@code j}, and whose rest follows
   */
  private int match(String s, int j, int pair, int found) {
    int slot = slots[pair] - 1;
    if (slot < 0) return 0; // a hash collision
    String[] ws = words[slot];
    int[] ts = tags[slot];
    int out = 0;
    for (int k = 0; k < ws.length; k++) {
      if ((found & ts[k]) != ts[k] && rest(s, j, ws[k])) out |= ts[k];
    }
    return out;
  }

  /**
   * @return true when the characters of {@code s} after {@code j}, separators skipped, continue
   *     {@code word} after its first two characters
   */
  private boolean rest(String s, int j, String word) {
    int p = j;
    for (int k = 2; k < word.length(); k++) {
      p = kept(s, p + 1);
      if (p >= s.length() || lower(s.charAt(p)) != word.charAt(k)) return false;
    }
    return true;
  }
}
