package dev.synapse.analysis.security;

import java.util.Locale;
import java.util.Set;

/**
 * Classifies literal text (what kind of language a string literal is written in: SQL, HTML,
 * shell, path, LDAP filter, XPath) in one linear pass without regular expressions.
 */
final class TextClass {
  private TextClass() {}

  /** Text flag: any non-empty literal. */
  static final int T_ANY = 64;
  /** Text flag: blank or shell metacharacter (a command line). */
  static final int T_SPACE = 128;
  /** Text flag: a path separator or file extension. */
  static final int T_SLASH = 256;

  private static final Set<String> SQL_WORDS = Set.of("select", "insert", "update", "delete",
      "where", "from", "values", "join", "like", "ilike", "limit", "having", "union", "into",
      "order", "group", "truncate", "drop", "offset", "returning", "exists");

  /** Word bit: one of {@link #SQL_WORDS}. */
  private static final int W_SQL = 1;
  private static final int W_SELECT = 2;
  private static final int W_FROM = 4;
  private static final int W_INSERT = 8;
  private static final int W_INTO = 16;
  private static final int W_UPDATE = 32;
  private static final int W_SET = 64;
  private static final int W_DELETE = 128;
  private static final int W_WHERE = 256;
  private static final int W_BY = 512;
  /** Word bit: {@code order} or {@code group}. */
  private static final int W_ORDER_GROUP = 1024;
  /** Word bit: {@code and} or {@code or}. */
  private static final int W_AND_OR = 2048;
  /** Longest word the scan looks up; every word above is at most this long. */
  private static final int MAX_WORD = 9;

  /** The words the SQL scan acts on as {@link #wordCode} values, sorted; bits in WORD_BITS. */
  private static final long[] WORD_CODES;
  private static final int[] WORD_BITS;

  static {
    java.util.Map<String, Integer> bits = new java.util.TreeMap<>();
    for (String w : SQL_WORDS) bits.merge(w, W_SQL, (x, y) -> x | y);
    String[] named = {"select", "from", "insert", "into", "update", "set", "delete", "where", "by",
        "order", "group", "and", "or"};
    int[] flag = {W_SELECT, W_FROM, W_INSERT, W_INTO, W_UPDATE, W_SET, W_DELETE, W_WHERE, W_BY,
        W_ORDER_GROUP, W_ORDER_GROUP, W_AND_OR, W_AND_OR};
    for (int k = 0; k < named.length; k++) bits.merge(named[k], flag[k], (x, y) -> x | y);
    long[][] pairs = new long[bits.size()][];
    int k = 0;
    for (java.util.Map.Entry<String, Integer> e : bits.entrySet()) {
      pairs[k++] = new long[] {wordCode(e.getKey(), 0, e.getKey().length()), e.getValue()};
    }
    java.util.Arrays.sort(pairs, (x, y) -> Long.compare(x[0], y[0]));
    WORD_CODES = new long[pairs.length];
    WORD_BITS = new int[pairs.length];
    for (k = 0; k < pairs.length; k++) {
      WORD_CODES[k] = pairs[k][0];
      WORD_BITS[k] = (int) pairs[k][1];
    }
  }

  /**
   * @return {@code s[from, to)} (lower-case a-z and {@code _}, at most {@link #MAX_WORD} long) as
   *     5 bits per character, or -1 when it holds another character
   */
  private static long wordCode(String s, int from, int to) {
    long code = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') code = code << 5 | (c - 'a' + 1);
      else if (c == '_') code = code << 5 | 27;
      else return -1;
    }
    return code;
  }

  /** @return the W_* bits of the lower-cased word {@code s[from, to)} (0 for other words) */
  private static int wordBits(String s, int from, int to) {
    if (to - from > MAX_WORD) return 0;
    long code = wordCode(s, from, to);
    if (code < 0) return 0;
    int k = java.util.Arrays.binarySearch(WORD_CODES, code);
    return k >= 0 ? WORD_BITS[k] : 0;
  }
  private static final Set<String> SHELLS = Set.of("sh", "bash", "/bin/sh", "/bin/bash", "cmd",
      "cmd.exe", "powershell", "powershell.exe", "zsh", "/bin/zsh", "pwsh", "/usr/bin/env bash",
      "ksh", "dash");

  /**
   * @param program a program name or path as written ({@code sh}, {@code /usr/bin/bash},
   *     {@code cmd.exe})
   * @return whether it names a command shell
   */
  static boolean isShell(String program) {
    String p = program.trim().toLowerCase(java.util.Locale.ROOT);
    if (SHELLS.contains(p)) return true;
    int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    if (slash >= 0) p = p.substring(slash + 1);
    if (p.endsWith(".exe")) p = p.substring(0, p.length() - 4);
    return SHELLS.contains(p);
  }

  /** @return the text flags ({@link Value} T_* and the ones here) of a literal */
  static int classify(String s) {
    if (s == null || s.isEmpty()) return 0;
    int f = T_ANY;
    String lower = s.toLowerCase(Locale.ROOT);
    boolean eq = false;
    boolean quote = false;
    boolean paren = false;
    boolean bracketOrAt = false;
    boolean html = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ': case ';': case '|': case '&': case '$': case '>': case '`': case '\t':
          f |= T_SPACE;
          break;
        case '/': case '\\':
          f |= T_SLASH;
          break;
        case '=':
          eq = true;
          break;
        case '\'':
          quote = true;
          break;
        case '(': case ')':
          paren = true;
          break;
        case '[': case '@':
          bracketOrAt = true;
          break;
        case '<':
          if (i + 1 < s.length()) {
            char d = s.charAt(i + 1);
            if (Character.isLetter(d) || d == '/' || d == '!') html = true;
          }
          f |= T_SPACE;
          break;
        default:
      }
    }
    if (s.startsWith(".") && s.length() <= 8 && s.indexOf(' ') < 0) f |= T_SLASH;
    if (html) f |= Value.T_HTML;
    if (eq && paren) f |= Value.T_LDAP;
    if ((f & T_SLASH) != 0 && (bracketOrAt || eq) || lower.startsWith("//")) f |= Value.T_XPATH;
    if (SHELLS.contains(lower.trim()) || lower.startsWith("sh -c") || lower.startsWith("bash -c")
        || lower.equals("-c") || lower.equals("/c") || lower.equals("/k") || lower.equals("-command")) {
      f |= Value.T_SHELL;
    }
    // SQL: scan words
    boolean select = false;
    boolean from = false;
    boolean insert = false;
    boolean into = false;
    boolean update = false;
    boolean set = false;
    boolean delete = false;
    boolean where = false;
    boolean by = false;
    boolean orderOrGroup = false;
    int sqlWords = 0;
    int i = 0;
    int n = lower.length();
    while (i < n) {
      while (i < n && !Character.isLetter(lower.charAt(i))) i++;
      int st = i;
      while (i < n && (Character.isLetter(lower.charAt(i)) || lower.charAt(i) == '_')) i++;
      if (i == st) break;
      int w = wordBits(lower, st, i);
      if (w == 0) continue;
      if ((w & W_SQL) != 0) sqlWords++;
      select |= (w & W_SELECT) != 0;
      from |= (w & W_FROM) != 0;
      insert |= (w & W_INSERT) != 0;
      into |= (w & W_INTO) != 0;
      update |= (w & W_UPDATE) != 0;
      set |= (w & W_SET) != 0;
      delete |= (w & W_DELETE) != 0;
      where |= (w & W_WHERE) != 0;
      by |= (w & W_BY) != 0;
      orderOrGroup |= (w & W_ORDER_GROUP) != 0;
      if ((w & W_AND_OR) != 0 && eq) sqlWords++;
    }
    if (sqlWords > 0 || (eq || lower.contains(" like ") || lower.contains(" in (")) && quote) {
      f |= Value.T_SQL;
    }
    if (select && from || insert && into || update && set || delete && from
        || orderOrGroup && by || where && (eq || quote || lower.contains(" like "))) {
      f |= Value.T_SQL | Value.T_SQL_STRONG;
    }
    return f;
  }

  /** @return the rule bits for which text with these flags is a place where input becomes code */
  static int relevance(int text) {
    int r = 0;
    if ((text & Value.T_SQL) != 0) r |= Rule.SQL_INJECTION.bit();
    if ((text & Value.T_HTML) != 0) r |= Rule.XSS.bit();
    if ((text & (T_SPACE | Value.T_SHELL)) != 0) r |= Rule.COMMAND_INJECTION.bit();
    if ((text & T_SLASH) != 0) r |= Rule.PATH_TRAVERSAL.bit();
    if ((text & Value.T_LDAP) != 0) r |= Rule.LDAP_INJECTION.bit();
    if ((text & Value.T_XPATH) != 0) r |= Rule.XPATH_INJECTION.bit();
    if ((text & T_ANY) != 0) r |= Rule.CODE_INJECTION.bit();
    return r;
  }

  /** @return the rule bits whose mix is strong evidence even without a visible sink */
  static int strong(int text) {
    int r = 0;
    if ((text & Value.T_SQL_STRONG) != 0) r |= Rule.SQL_INJECTION.bit();
    if ((text & T_SLASH) != 0 && (text & (Value.T_XPATH | Value.T_HTML | T_SPACE | Value.T_SQL
        | Value.T_LDAP)) == 0) {
      r |= Rule.PATH_TRAVERSAL.bit();
    }
    return r;
  }
}
