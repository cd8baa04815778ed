package dev.synapse.analysis.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A literal pre-filter for a regular expression: texts of which every match must contain at least
 * one, read conservatively from the expression's source. Each top-level alternative contributes
 * its longest run of plain characters outside groups, classes and quantified atoms (a group,
 * class, {@code .}, {@code ^}, {@code $} or letter escape such as {@code \s} ends a run;
 * {@code \b} and {@code \B} do not, being zero-width). When any alternative has no run of at
 * least {@link #MIN} characters, or the expression uses flags, {@code \Q}, or anything this
 * reader does not know, there is no filter. Stateless; thread-safe.
 */
final class RequiredLiterals {
  /** Shortest run worth a {@code String.contains} before the regex. */
  static final int MIN = 3;

  private RequiredLiterals() {}

  /**
   * @param p a compiled expression
   * @return texts one of which every match of {@code p} contains; empty for no filter (every
   *     line must be tried with the regex)
   */
  static List<String> of(Pattern p) {
    if (p == null || p.flags() != 0) return List.of();
    String s = p.pattern();
    List<String> out = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    String best = "";
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      switch (c) {
        case '|' -> {
          best = longer(best, run);
          if (best.length() < MIN) return List.of();
          out.add(best);
          best = "";
          run.setLength(0);
          i++;
        }
        case '(' -> {
          if (i + 1 < s.length() && s.charAt(i + 1) == '?') {
            char n = i + 2 < s.length() ? s.charAt(i + 2) : 0;
            boolean known = n == ':' || n == '=' || n == '!' || n == '>'
                || (n == '<' && i + 3 < s.length() && (s.charAt(i + 3) == '=' || s.charAt(i + 3) == '!'
                    || Character.isLetter(s.charAt(i + 3))));
            if (!known) return List.of(); // inline flags such as (?i)
          }
          int end = groupEnd(s, i);
          if (end < 0) return List.of();
          best = longer(best, run);
          run.setLength(0);
          i = skipQuantifier(s, end + 1);
        }
        case '[' -> {
          int end = classEnd(s, i);
          if (end < 0) return List.of();
          best = longer(best, run);
          run.setLength(0);
          i = skipQuantifier(s, end + 1);
        }
        case '.', '^', '$' -> {
          best = longer(best, run);
          run.setLength(0);
          i = skipQuantifier(s, i + 1);
        }
        case '\\' -> {
          if (i + 1 >= s.length()) return List.of();
          char e = s.charAt(i + 1);
          if (e == 'b' || e == 'B') {
            i += 2; // zero-width: the run goes on
            if (quantifier(s, i)) return List.of();
          } else if (Character.isLetterOrDigit(e)) {
            if (e == 'Q' || e == 'p' || e == 'P' || e == 'x' || e == 'u' || e == 'c' || e == 'N'
                || e == 'k' || Character.isDigit(e)) {
              return List.of();
            }
            best = longer(best, run);
            run.setLength(0);
            i = skipQuantifier(s, i + 2);
          } else {
            i = literal(s, i + 2, e, run);
            best = longer(best, run);
          }
        }
        case '*', '+', '?', '{', ')', ']', '}' -> {
          return List.of(); // quantifier after nothing, or a stray closer: not read here
        }
        default -> {
          i = literal(s, i + 1, c, run);
          best = longer(best, run);
        }
      }
    }
    best = longer(best, run);
    if (best.length() < MIN) return List.of();
    out.add(best);
    return List.copyOf(out);
  }

  /** Appends a plain character unless a quantifier follows it (then ends the run before it). */
  private static int literal(String s, int next, char c, StringBuilder run) {
    if (quantifier(s, next)) {
      // the character may repeat or be absent: what is before it stays required, it does not
      run.setLength(0);
      return skipQuantifier(s, next);
    }
    run.append(c);
    return next;
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > best.length() ? run.toString() : best;
  }

  private static boolean quantifier(String s, int i) {
    if (i >= s.length()) return false;
    char c = s.charAt(i);
    return c == '*' || c == '+' || c == '?' || c == '{';
  }

  /** @return the index after a quantifier at {@code i} (with its lazy/possessive mark), or i */
  private static int skipQuantifier(String s, int i) {
    if (i >= s.length()) return i;
    char c = s.charAt(i);
    if (c == '*' || c == '+' || c == '?') {
      i++;
    } else if (c == '{') {
      int end = s.indexOf('}', i);
      if (end < 0) return s.length();
      i = end + 1;
    } else {
      return i;
    }
    if (i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+')) i++;
    return i;
  }

  /** @return the index of the parenthesis closing the group opened at {@code open}, or -1 */
  private static int groupEnd(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(s, i);
        if (i < 0) return -1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** @return the index of the bracket closing the class opened at {@code open}, or -1 */
  private static int classEnd(String s, int open) {
    int i = open + 1;
    if (i < s.length() && s.charAt(i) == '^') i++;
    if (i < s.length() && s.charAt(i) == ']') return -1; // a leading ]: not read here
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        return -1; // nested classes and intersections: not read here
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }
}
