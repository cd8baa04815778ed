package dev.synapse.analysis.performance;

import java.util.ArrayList;
import java.util.List;

/**
 * A call (or, in Ruby, a parenthesis-less method reference) found in a tokenised line, with its
 * receiver chain: {@code pricing.get().uri(x).retrieve()} at {@code retrieve} has the chain
 * {@code [pricing, get, (), uri, (), retrieve]}.
 *
 * @param name the called name
 * @param chain receiver segments from the root to {@code name}; {@code "()"} marks a call
 *     result and {@code "[]"} an index
 * @param tokenIndex index of the name token in the line
 * @param openParen index of the opening parenthesis, or -1 for a call without parentheses
 * @param closeParen index of the matching closing parenthesis on the same line, or -1 when the
 *     arguments continue on later lines (or there are no parentheses)
 * @param start index of the first token of the receiver chain (the name's index when the call
 *     has no receiver)
 */
record Call(String name, List<String> chain, int tokenIndex, int openParen, int closeParen, int start) {
  private static final WordSet MEMBER = WordSet.of(
      ".", "::", "->", "?.", "?->");

  /** @return the first segment of the chain (the receiver root, or the name itself) */
  String root() {
    return chain.get(0);
  }

  /** @return true when {@code segment} appears in the chain before the name */
  boolean via(String segment) {
    for (int i = 0; i < chain.size() - 1; i++) if (chain.get(i).equals(segment)) return true;
    return false;
  }

  /** @return the segment right before the name (ignoring call markers), or "" */
  String receiver() {
    for (int i = chain.size() - 2; i >= 0; i--) {
      String s = chain.get(i);
      if (!s.equals("()") && !s.equals("[]")) return s;
    }
    return "";
  }

  /** @return true when the call has parentheses and they enclose nothing: {@code name()} */
  boolean emptyArgs() {
    return openParen >= 0 && closeParen == openParen + 1;
  }

  /** @return true when the token right before the receiver chain is {@code await} */
  boolean awaited(Toks t) {
    return start > 0 && start <= t.size() && t.is(start - 1, "await");
  }

  /** @return true when the argument list is present and empty: {@code name()} */
  boolean noArgs(Toks t) {
    return openParen >= 0 && closeParen == openParen + 1;
  }

  /**
   * Finds every identifier followed by {@code (} (and, when {@code bare} is set, every
   * member reference {@code a.b} without parentheses) in a line.
   *
   * @param t tokens of one masked line
   * @param bare also report {@code .name} references without parentheses (Ruby)
   */
  static List<Call> in(Toks t, boolean bare) {
    List<Call> out = new ArrayList<>();
    int[] match = null;
    for (int k = 0; k < t.size(); k++) {
      if (!t.ident(k)) continue;
      boolean paren = k + 1 < t.size() && t.is(k + 1, "(");
      boolean member = k > 0 && MEMBER.contains(t, k - 1);
      if (!paren && !(bare && member)) continue;
      if (match == null) match = matches(t);
      int close = paren ? match[k + 1] : -1;
      int[] start = new int[1];
      List<String> chain = chain(t, k, match, start);
      out.add(new Call(t.text(k), chain, k, paren ? k + 1 : -1, close, start[0]));
    }
    return out;
  }

  /** Pairs brackets in one pass: match[i] is the partner of bracket i, or -1. */
  private static int[] matches(Toks t) {
    int[] match = new int[t.size()];
    java.util.Arrays.fill(match, -1);
    int[] stack = new int[t.size()];
    int sp = 0;
    for (int i = 0; i < t.size(); i++) {
      char s = t.single(i);
      if (s == '(' || s == '[') {
        stack[sp++] = i;
      } else if (s == ')' || s == ']') {
        char open = s == ')' ? '(' : '[';
        if (sp > 0 && t.single(stack[sp - 1]) == open) {
          int o = stack[--sp];
          match[o] = i;
          match[i] = o;
        } else {
          sp = 0;
        }
      }
    }
    return match;
  }

  /** Longest receiver chain followed back from a call. */
  private static final int MAX_CHAIN = 16;

  private static List<String> chain(Toks t, int k, int[] match, int[] start) {
    // each step adds at most two segments, so the chain stays below MAX_CHAIN + 2
    String[] rev = new String[MAX_CHAIN + 2];
    int size = 0;
    rev[size++] = t.text(k);
    start[0] = k;
    int j = k - 1;
    while (j >= 1 && MEMBER.contains(t, j) && size < MAX_CHAIN) {
      j--;
      char close = t.single(j);
      if (close == ')' || close == ']') {
        if (match[j] < 0) break;
        rev[size++] = close == ')' ? "()" : "[]";
        j = match[j];
        start[0] = j;
        j--;
        if (j >= 0 && t.ident(j)) {
          rev[size++] = t.text(j);
          start[0] = j;
          j--;
        }
      } else if (t.ident(j)) {
        rev[size++] = t.text(j);
        start[0] = j;
        j--;
      } else {
        break;
      }
    }
    if (size == 1) return List.of(rev[0]);
    if (size == 2) return List.of(rev[1], rev[0]);
    String[] out = new String[size];
    for (int i = 0; i < size; i++) out[i] = rev[size - 1 - i];
    return List.of(out);
  }

}
