package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import java.util.List;

/**
 * Where the changed lines (added on the new side, removed on the old side) lie in the
 * significant (non-comment) tokens of each segment of one {@link SourceView}: the pattern checks
 * look only at those tokens, so the walk over every token of a segment is done once per review
 * and view and shared through {@link AnalysisContext#memo}. Immutable and thread-safe.
 */
final class ChangedTokens {

  /** Memo key: one entry per view, by identity (a view is built once per review and side). */
  private record Key(SourceView view) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.view == view;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(view);
    }
  }

  /** Ints per group in {@link #groups(int)}. */
  static final int STRIDE = 4;

  private final SourceView view;
  /** Per segment: see {@link #groups(int)}. */
  private final int[][] groups;

  private ChangedTokens(SourceView view) {
    this.view = view;
    groups = new int[view.segments().size()][];
    for (int si = 0; si < groups.length; si++) {
      groups[si] = groupsOf(view.segments().get(si), view.significantTokens(si));
    }
  }

  /**
   * @param context the review (its memo holds the result)
   * @param view a view of a file of that review
   * @return the changed-line token groups of the view, computed once per review
   */
  static ChangedTokens of(AnalysisContext context, SourceView view) {
    return context.memo(new Key(view), k -> new ChangedTokens(k.view()));
  }

  /**
   * The changed-line groups of one segment: each group is a maximal run of consecutive
   * significant tokens that start on the same line, that line being a changed one; groups are in
   * token order (the order of lines for all but heredoc bodies, which the lexer emits before the
   * rest of their opening line).
   *
   * @param segment index into {@link SourceView#segments()}
   * @return {@link #STRIDE} ints per group: {@code from, to} (a half-open index range into
   *     {@link SourceView#significantTokens(int)}), {@code line} (where the tokens start) and
   *     {@code endLine} (the last line any of them reaches); do not mutate
   * @throws ArrayIndexOutOfBoundsException for a bad index
   */
  int[] groups(int segment) {
    return groups[segment];
  }

  /**
   * A sound pre-test on a group's source text: the lexer takes every token's text from the
   * source (bar the {@code echo} it makes up for PHP's {@code <?=}), so a word (without line
   * break) inside the text of one of the group's tokens lies inside one of the lines the group
   * spans, and a word missing from {@code table.scan} of those lines is in none of the tokens.
   *
   * @param segment index into {@link SourceView#segments()}
   * @param group offset of the group in {@link #groups(int)} (a multiple of {@link #STRIDE})
   * @param table the words
   * @param before how many significant tokens before the group to cover as well (for rules
   *     that read a receiver or a preceding name, which may sit on an earlier line)
   * @return the OR of {@link WordTable#scan} over the lines the tokens
   *     {@code from - before .. to - 1} span
   */
  int scan(int segment, int group, WordTable table, int before) {
    int[] g = groups[segment];
    int lo = g[group + 2];
    int hi = g[group + 3];
    if (before > 0) {
      List<Token> sig = view.significantTokens(segment);
      for (int k = Math.max(0, g[group] - before); k < g[group]; k++) {
        Token t = sig.get(k);
        lo = Math.min(lo, t.line());
        hi = Math.max(hi, t.endLine());
      }
    }
    // the lines the tokens were lexed from (view.line could answer from an overlapping segment)
    SourceView.Segment seg = view.segments().get(segment);
    List<String> lines = seg.lines();
    int first = seg.firstLine();
    int found = 0;
    for (int l = lo; l <= hi; l++) found |= table.scan(lines.get(l - first));
    return found;
  }

  private static int[] groupsOf(SourceView.Segment seg, List<Token> sig) {
    int[] out = new int[4 * STRIDE];
    int n = 0;
    int first = seg.firstLine();
    int line = Integer.MIN_VALUE;
    boolean changed = false;
    int size = sig.size();
    for (int i = 0; i < size; i++) {
      Token t = sig.get(i);
      int l = t.line();
      if (l != line) {
        if (changed) out[n - 3] = i;
        line = l;
        int rel = l - first;
        changed = rel >= 0 && seg.changed().get(rel);
        if (changed) {
          if (n + STRIDE > out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
          out[n] = i;
          out[n + 2] = l;
          out[n + 3] = l;
          n += STRIDE;
        }
      }
      if (changed && t.endLine() > out[n - 1]) out[n - 1] = t.endLine();
    }
    if (changed) out[n - 3] = size;
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }
}
