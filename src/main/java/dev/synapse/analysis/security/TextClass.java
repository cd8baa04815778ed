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
  private static final Set<String> SHELLS = Set.of("sh", "bash", "/bin/sh", "/bin/bash", "cmd",
      "cmd.exe", "powershell", "powershell.exe", "zsh", "/bin/zsh", "pwsh", "/usr/bin/env bash",
      "ksh", "dash");

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
      if (i - st > 9) continue; // longer than every word tested below
      String w = lower.substring(st, i);
      if (SQL_WORDS.contains(w)) sqlWords++;
      switch (w) {
        case "select": select = true; break;
        case "from": from = true; break;
        case "insert": insert = true; break;
        case "into": into = true; break;
        case "update": update = true; break;
        case "set": set = true; break;
        case "delete": delete = true; break;
        case "where": where = true; break;
        case "by": by = true; break;
        case "order": case "group": orderOrGroup = true; break;
        case "and": case "or": if (eq) sqlWords++; break;
        default:
      }
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
    if ((text & Value.T_SQL) != 0) r |= Knowledge.SQL;
    if ((text & Value.T_HTML) != 0) r |= Knowledge.XSS;
    if ((text & (T_SPACE | Value.T_SHELL)) != 0) r |= Knowledge.CMD;
    if ((text & T_SLASH) != 0) r |= Knowledge.PATH;
    if ((text & Value.T_LDAP) != 0) r |= Knowledge.LDAP;
    if ((text & Value.T_XPATH) != 0) r |= Knowledge.XPATH;
    if ((text & T_ANY) != 0) r |= Knowledge.CODE;
    return r;
  }

  /** @return the rule bits whose mix is strong evidence even without a visible sink */
  static int strong(int text) {
    int r = 0;
    if ((text & Value.T_SQL_STRONG) != 0) r |= Knowledge.SQL;
    if ((text & T_SLASH) != 0 && (text & (Value.T_XPATH | Value.T_HTML | T_SPACE | Value.T_SQL
        | Value.T_LDAP)) == 0) {
      r |= Knowledge.PATH;
    }
    return r;
  }
}
