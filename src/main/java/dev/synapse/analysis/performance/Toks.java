package dev.synapse.analysis.performance;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The tokens of one masked line (see {@link FileView}: the shared {@code SourceView} masks them): identifiers, numbers, operators and
 * single punctuation characters, each with its column and whether whitespace surrounds it.
 *
 * <p>Stored as one packed {@code int} per token over the line's characters (column, length and
 * flags), so tokenising a line makes one array and no strings. The accessors taking a token
 * index ({@link #is(int, String)}, {@link #ident(int)}, {@link #single(int)}, …) read the
 * characters in place; {@link #text(int)} makes a token's string on first use and caches it.
 * {@link #get(int)} gives a {@link Tok} view for code that prefers objects. Immutable apart
 * from that text cache, which two threads may at worst both fill with equal strings; safe to
 * share between the checks of one review.
 */
final class Toks implements Iterable<Tok> {
  /** Bits of a packed token: column (14), length (14), then the flags. */
  private static final int COL_BITS = 14;
  private static final int MASK = (1 << COL_BITS) - 1;
  private static final int IDENT = 1 << 28;
  private static final int SPACE_BEFORE = 1 << 29;
  private static final int SPACE_AFTER = 1 << 30;

  /**
   * Single ASCII characters as strings, indexed by the character: one-character tokens share
   * these instances.
   */
  private static final String[] ASCII = new String[128];
  /** Entry {@code c} true when ASCII {@code c} is whitespace by {@link Character#isWhitespace(char)}. */
  private static final boolean[] ASCII_SPACE = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII[c] = String.valueOf(c).intern();
      ASCII_SPACE[c] = Character.isWhitespace(c);
    }
  }

  /** A line without tokens. */
  static final Toks EMPTY = new Toks("", new int[0], 0);

  /** The masked line. */
  private final String line;
  private final int[] packed;
  private final int size;
  /** Token texts made so far, or null before the first {@link #text(int)}. */
  private String[] texts;

  private Toks(String line, int[] packed, int size) {
    this.line = line;
    this.packed = packed;
    this.size = size;
  }

  /** @return the number of tokens */
  int size() {
    return size;
  }

  /** @return true for a line without tokens (blank after masking) */
  boolean isEmpty() {
    return size == 0;
  }

  /**
   * @param k token index, {@code 0 <= k < size()}
   * @return a view of token {@code k}
   * @throws IndexOutOfBoundsException for an index out of range
   */
  Tok get(int k) {
    return new Tok(this, Objects.checkIndex(k, size));
  }

  @Override
  public Iterator<Tok> iterator() {
    return new Iterator<>() {
      private int k;

      @Override
      public boolean hasNext() {
        return k < size;
      }

      @Override
      public Tok next() {
        if (k >= size) throw new NoSuchElementException();
        return new Tok(Toks.this, k++);
      }
    };
  }

  /** @return the packed token {@code k}; throws IndexOutOfBoundsException unless {@code 0 <= k < size()} */
  private int at(int k) {
    return packed[Objects.checkIndex(k, size)];
  }

  /** @return 0-based column of the first character of token {@code k} */
  int col(int k) {
    return at(k) & MASK;
  }

  /** @return the number of characters of token {@code k} (at least 1) */
  int length(int k) {
    return (at(k) >>> COL_BITS) & MASK;
  }

  /** @return character {@code j} of token {@code k}, {@code 0 <= j < length(k)} */
  char charAt(int k, int j) {
    return line.charAt((at(k) & MASK) + j);
  }

  /** @return true when token {@code k} starts with a letter, underscore or {@code $} */
  boolean ident(int k) {
    return (at(k) & IDENT) != 0;
  }

  /** @return true when whitespace (or the line start) precedes token {@code k} */
  boolean spaceBefore(int k) {
    return (at(k) & SPACE_BEFORE) != 0;
  }

  /** @return true when whitespace (or the line end) follows token {@code k} */
  boolean spaceAfter(int k) {
    return (at(k) & SPACE_AFTER) != 0;
  }

  /** @return true when the text of token {@code k} equals {@code s}, compared in place */
  boolean is(int k, String s) {
    int p = at(k);
    int n = (p >>> COL_BITS) & MASK;
    if (s.length() != n) return false;
    int from = p & MASK;
    return line.startsWith(s, from);
  }

  /** @return the character of a one-character token (punctuation, or a one-letter name), else 0 */
  char single(int k) {
    int p = at(k);
    return ((p >>> COL_BITS) & MASK) == 1 ? line.charAt(p & MASK) : 0;
  }

  /** @return +1 for an opening {@code ( [ {}, -1 for a closing {@code ) ] }}, else 0 */
  int depthDelta(int k) {
    return switch (single(k)) {
      case '(', '[', '{' -> 1;
      case ')', ']', '}' -> -1;
      default -> 0;
    };
  }

  /** @return the sum of {@link #depthDelta} over the tokens: brackets opened minus closed */
  int depthSum() {
    int d = 0;
    for (int k = 0; k < size; k++) d += depthDelta(k);
    return d;
  }

  /** @return the text of token {@code k} (made on first use, then cached) */
  String text(int k) {
    String[] t = texts;
    if (t == null) {
      t = new String[size];
      texts = t;
    }
    String s = t[k];
    if (s == null) {
      int p = at(k);
      int from = p & MASK;
      int n = (p >>> COL_BITS) & MASK;
      char c = line.charAt(from);
      s = n == 1 && c < 128 ? ASCII[c] : line.substring(from, from + n);
      t[k] = s;
    }
    return s;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < size; k++) sb.append(k == 0 ? "" : ", ").append(text(k));
    return sb.append(']').toString();
  }

  /**
   * Splits one masked line into tokens. Only the first {@link Tok#MAX_CHARS} characters are
   * tokenised. Linear in the line length.
   *
   * @param code a masked line
   * @param lang the language (Ruby and Elixir identifiers may end in {@code ?} or {@code !})
   * @return the tokens in order; empty for a blank line
   */
  static Toks of(String code, SourceLanguage lang) {
    int n = Math.min(code.length(), Tok.MAX_CHARS);
    int i = 0;
    while (i < n && space(code.charAt(i))) i++;
    if (i == n) return EMPTY;
    int[] out = new int[Math.min(n / 3 + 4, 1024)];
    int count = 0;
    boolean suffixes = lang == SourceLanguage.RUBY || lang == SourceLanguage.ELIXIR;
    while (i < n) {
      char c = code.charAt(i);
      if (space(c)) {
        i++;
        continue;
      }
      int start = i;
      int flags = 0;
      if (identStart(c)) {
        flags = IDENT;
        i++;
        while (i < n && identPart(code.charAt(i))) i++;
        if (suffixes && i < n && (code.charAt(i) == '?' || code.charAt(i) == '!')
            && (i + 1 >= n || (code.charAt(i + 1) != '=' && code.charAt(i + 1) != ':'))) {
          i++;
        }
      } else if (Character.isDigit(c)) {
        i++;
        while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_'
            || (code.charAt(i) == '.' && i + 1 < n && Character.isDigit(code.charAt(i + 1))))) i++;
      } else {
        i += operatorLength(code, i, c);
      }
      if (start == 0 || space(code.charAt(start - 1))) flags |= SPACE_BEFORE;
      if (i >= n || space(code.charAt(i))) flags |= SPACE_AFTER;
      if (count == out.length) out = Arrays.copyOf(out, count * 2);
      out[count++] = start | (i - start) << COL_BITS | flags;
    }
    return new Toks(code, out, count);
  }

  /**
   * Length of the operator starting at {@code i} (first character {@code c}), longest first:
   * {@code ?-> <<< === !== ...} (3), {@code && || ?? ?. ?: -> => :: <- |> == != <= >= ++ -- +=
   * -= *= /= << >> **} (2); 1 when none starts there (the character is a token of its own).
   */
  private static int operatorLength(String code, int i, char c) {
    char d = i + 1 < code.length() ? code.charAt(i + 1) : 0;
    char e = i + 2 < code.length() ? code.charAt(i + 2) : 0;
    switch (c) {
      case '?':
        if (d == '-' && e == '>') return 3;
        return d == '?' || d == '.' || d == ':' ? 2 : 1;
      case '<':
        if (d == '<' && e == '<') return 3;
        return d == '-' || d == '=' || d == '<' ? 2 : 1;
      case '=':
        if (d == '=' && e == '=') return 3;
        return d == '>' || d == '=' ? 2 : 1;
      case '!':
        if (d == '=' && e == '=') return 3;
        return d == '=' ? 2 : 1;
      case '.':
        return d == '.' && e == '.' ? 3 : 1;
      case '&':
        return d == '&' ? 2 : 1;
      case '|':
        return d == '|' || d == '>' ? 2 : 1;
      case ':':
        return d == ':' ? 2 : 1;
      case '-':
        return d == '>' || d == '-' || d == '=' ? 2 : 1;
      case '>':
        return d == '=' || d == '>' ? 2 : 1;
      case '+':
        return d == '+' || d == '=' ? 2 : 1;
      case '*':
        return d == '=' || d == '*' ? 2 : 1;
      case '/':
        return d == '=' ? 2 : 1;
      default:
        return 1;
    }
  }

  /** {@link Character#isWhitespace(char)} with an ASCII table first. */
  static boolean space(char c) {
    return c < 128 ? ASCII_SPACE[c] : Character.isWhitespace(c);
  }

  /** A letter, underscore or {@code $} ({@link Character#isLetter(char)} beyond ASCII). */
  private static boolean identStart(char c) {
    if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    return Character.isLetter(c);
  }

  /** A letter, digit, underscore or {@code $} ({@link Character#isLetterOrDigit(char)} beyond ASCII). */
  private static boolean identPart(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    }
    return Character.isLetterOrDigit(c);
  }
}
