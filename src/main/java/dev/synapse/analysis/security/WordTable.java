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
 * the first four characters (8 KB, hashed; three or two for shorter words) rejects almost every position
 * with one look-up; the few positions that pass compare the words starting with the same two
 * characters (found through a 32 KB table of pairs). Used for the cheap, sound
 * pre-tests of the pattern checks: a rule that needs a word can be skipped on text that lacks it.
 * Immutable and thread-safe; time linear in the text length for the short words used here.
 */
final class WordTable {
  /** Tag reported by {@link #scan} when the text has a character outside ASCII. */
  static final int NON_ASCII = 1 << 31;

  /** Bit {@link #tri} set when some three-character word is a, b, c. */
  private final long[] starts = new long[TRI_BITS / 64];
  /** Bit {@link #quad} set when some word of four or more characters starts with a, b, c, d. */
  private final long[] longStarts = new long[QUAD_BITS / 64];
  private static final int QUAD_BITS = 1 << 16;
  /** Bit {@code (a << 7) | b} set when some two-character word is a, b. */
  private final long[] shortWords = new long[128 * 128 / 64];
  /** Whether any word has two characters (else {@link #shortWords} is empty). */
  private final boolean hasShort;
  private static final int TRI_BITS = 32 * 32 * 32;
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
      } else if (w.length() == 3) {
        int h = tri(w.charAt(0), w.charAt(1), w.charAt(2));
        starts[h >>> 6] |= 1L << h;
      } else {
        int h = quad(w.charAt(0), w.charAt(1), w.charAt(2), w.charAt(3));
        longStarts[h >>> 6] |= 1L << h;
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
   *     {@code s.toLowerCase(Locale.ROOT).contains(w)}), plus {@link #NON_ASCII} when {@code s}
   *     has a character outside ASCII
   */
  int scan(String s) {
    return scan(s, new char[s.length()]);
  }

  /**
   * {@link #scan(String)} with a caller's work buffer (no allocation).
   *
   * @param s any text
   * @param work at least {@code s.length()} characters, overwritten
   * @return as {@link #scan(String)}
   */
  int scan(String s, char[] work) {
    int n = s.length();
    s.getChars(0, n, work, 0);
    // in place: keep the characters that count (all, or all but separators), lower-cased
    int m = 0;
    boolean nonAscii = false;
    for (int i = 0; i < n; i++) {
      char c = work[i];
      if (c >= 128) {
        nonAscii = true;
      } else if (loose && separator(c)) {
        continue;
      } else if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      work[m++] = c;
    }
    int found = nonAscii ? NON_ASCII : 0;
    for (int i = 0; i + 1 < m; i++) {
      char c = work[i];
      char d = work[i + 1];
      char e = i + 2 < m ? work[i + 2] : 0;
      int h = tri(c, d, e);
      int q = quad(c, d, e, i + 3 < m ? work[i + 3] : 0);
      if ((longStarts[q >>> 6] & (1L << q)) != 0 || (starts[h >>> 6] & (1L << h)) != 0
          || hasShort && c < 128 && d < 128 && (shortWords[(c << 7 | d) >>> 6] & (1L << (c << 7 | d))) != 0) {
        if (c < 128 && d < 128) found |= match(work, i, m, c << 7 | d, found);
      }
    }
    return found;
  }

  /** @return true for the separators a loose table ignores */
  private static boolean separator(char c) {
    return c == '_' || c == '-' || c == '.';
  }

  /** @return {@code w} without separators */
  private static String strip(String w) {
    StringBuilder sb = new StringBuilder(w.length());
    for (int k = 0; k < w.length(); k++) if (!separator(w.charAt(k))) sb.append(w.charAt(k));
    return sb.toString();
  }

  /**
   * @return the bitmap index of a word start: the low five bits of each character, exact for
   *     lower-case letters (collisions with digits and punctuation only cost time)
   */
  private static int tri(char a, char b, char c) {
    return (a & 31) << 10 | (b & 31) << 5 | (c & 31);
  }

  /** @return the bitmap index of a long word start: four characters' low five bits, folded */
  private static int quad(char a, char b, char c, char d) {
    int x = (a & 31) << 15 | (b & 31) << 10 | (c & 31) << 5 | (d & 31);
    return (x ^ (x >>> 16) * 0x9E37) & (QUAD_BITS - 1);
  }

  /**
   * @return the tags (not yet in {@code found}) of the words starting at {@code i} of the kept,
   *     lower-cased characters {@code work[0, m)}, whose first two characters are {@code pair}
   */
  private int match(char[] work, int i, int m, int pair, int found) {
    int slot = slots[pair] - 1;
    if (slot < 0) return 0; // a hash collision
    String[] ws = words[slot];
    int[] ts = tags[slot];
    int out = 0;
    for (int k = 0; k < ws.length; k++) {
      if ((found & ts[k]) != ts[k] && rest(work, i, m, ws[k])) out |= ts[k];
    }
    return out;
  }

  /** @return true when {@code work[i, m)} continues {@code word} after its first two characters */
  private static boolean rest(char[] work, int i, int m, String word) {
    int len = word.length();
    if (i + len > m) return false;
    for (int k = 2; k < len; k++) {
      if (work[i + k] != word.charAt(k)) return false;
    }
    return true;
  }
}
