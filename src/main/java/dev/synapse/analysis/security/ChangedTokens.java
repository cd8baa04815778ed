package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import java.util.List;

/**
 * Where the changed lines (added on the new side, removed on the old side) lie in the
 * significant (non-comment) tokens of each segment of one {@link SourceView}, and which trigger
 * words their text holds: the pattern checks look only at those tokens, and each of their rules
 * needs one of its words in the text of the tokens it reads, so the walk over every token and
 * one scan of the changed lines' text (for the words of all checks at once) are done once per
 * review and view, shared through {@link AnalysisContext#memo}. Immutable and thread-safe.
 */
final class ChangedTokens {
  /** Fact: a guard name ({@link AuthBypassCheck}). */
  static final int AUTH_KEY = 1;
  /** Fact: an access-opening control ({@link AuthBypassCheck}). */
  static final int AUTH_WEAK = 2;
  /** Fact: a {@code return true} ({@link AuthBypassCheck}). */
  static final int AUTH_TRUE = 4;
  /** Fact: a user-scoped lookup ({@link AuthBypassCheck}). */
  static final int AUTH_SCOPE = 8;
  /** Fact: weak cryptography ({@link WeakCryptoCheck}). */
  static final int CRYPTO = 16;
  /** Fact: a cookie flag or setter ({@link InsecureCookieCheck}). */
  static final int COOKIE = 32;
  /** Fact: a secret name or credential format ({@link HardcodedSecretCheck}). */
  static final int SECRET = 64;
  /** Fact: the text has a character outside ASCII, where the word tests do not apply. */
  static final int NON_ASCII = WordTable.NON_ASCII;
  /** How many significant tokens before a group its wide facts cover (receivers, names). */
  static final int BEFORE = 4;

  /**
   * Memo key: one entry per view (by identity: a view is built once per review and side) and
   * trigger-word table (checks over the same packs share one).
   */
  private record Key(SourceView view, PatternWords words) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.view == view && k.words == words;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(view) * 31 + System.identityHashCode(words);
    }
  }

  /** Ints per group in {@link #groups(int)}. */
  static final int STRIDE = 6;
  /** Offset in a group: first token index (into {@link SourceView#significantTokens}). */
  static final int FROM = 0;
  /** Offset in a group: token index after the last one. */
  static final int TO = 1;
  /** Offset in a group: the changed line the tokens start on. */
  static final int LINE = 2;
  /** Offset in a group: the last line any of the tokens reaches. */
  static final int END_LINE = 3;
  /** Offset in a group: fact bits of the words in lines {@link #LINE}..{@link #END_LINE}. */
  static final int FACTS = 4;
  /** Offset in a group: fact bits over the lines of the tokens from {@code FROM - BEFORE}. */
  static final int WIDE_FACTS = 5;

  /** Per segment: see {@link #groups(int)}. */
  private final int[][] groups;

  private ChangedTokens(SourceView view, PatternWords words) {
    groups = new int[view.segments().size()][];
    for (int si = 0; si < groups.length; si++) {
      SourceView.Segment seg = view.segments().get(si);
      List<Token> sig = view.significantTokens(si);
      groups[si] = groupsOf(seg, sig);
      facts(seg, sig, groups[si], words);
    }
  }

  /**
   * @param context the review (its memo holds the result)
   * @param view a view of a file of that review
   * @param words the pattern checks' lists, whose {@link PatternWords#triggers} tag the facts
   * @return the changed-line token groups of the view, computed once per review and lists
   */
  static ChangedTokens of(AnalysisContext context, SourceView view, PatternWords words) {
    return context.memo(new Key(view, words), k -> new ChangedTokens(k.view(), k.words()));
  }

  /**
   * The changed-line groups of one segment: each group is a maximal run of consecutive
   * significant tokens that start on the same line, that line being a changed one; groups are in
   * token order (the order of lines for all but heredoc bodies, which the lexer emits before the
   * rest of their opening line).
   *
   * @param segment index into {@link SourceView#segments()}
   * @return {@link #STRIDE} ints per group, read at the offsets {@link #FROM}, {@link #TO} (a
   *     half-open index range into {@link SourceView#significantTokens(int)}), {@link #LINE}
   *     (where the tokens start), {@link #END_LINE} (the last line any of them reaches),
   *     {@link #FACTS} (the OR of the fact bits of the trigger words in the lines
   *     {@code LINE..END_LINE}, see {@link #facts}) and {@link #WIDE_FACTS} (the same over the
   *     lines the tokens {@code FROM - BEFORE .. TO - 1} span); do not mutate
   * @throws ArrayIndexOutOfBoundsException for a bad index
   */
  int[] groups(int segment) {
    return groups[segment];
  }

  /**
   * Fills the facts of each group: a sound pre-test on the group's source text. The lexer takes
   * every token's text from the source (bar the {@code echo} it makes up for PHP's {@code <?=}),
   * so a word (without line break) inside the text of one of the group's tokens lies inside one
   * of the lines those tokens span, and a word the scan of those lines misses is in none of the
   * tokens. Each line is scanned at most once.
   */
  private static void facts(SourceView.Segment seg, List<Token> sig, int[] g, PatternWords words) {
    if (g.length == 0) return;
    List<String> lines = seg.lines(); // the lines the tokens were lexed from
    int first = seg.firstLine();
    int[] perLine = new int[lines.size()];
    boolean[] known = new boolean[lines.size()];
    char[][] work = {new char[128]};
    for (int at = 0; at < g.length; at += STRIDE) {
      g[at + FACTS] = scan(lines, first, perLine, known, g[at + LINE], g[at + END_LINE], work, words);
      int lo = g[at + LINE];
      int hi = g[at + END_LINE];
      for (int k = Math.max(0, g[at + FROM] - BEFORE); k < g[at + FROM]; k++) {
        Token t = sig.get(k);
        lo = Math.min(lo, t.line());
        hi = Math.max(hi, t.endLine());
      }
      g[at + WIDE_FACTS] = scan(lines, first, perLine, known, lo, hi, work, words);
    }
  }

  /**
   * @param work {@code work[0]} is the scan buffer, replaced by a longer one when a line needs it
   * @return the OR of the facts of the lines {@code lo..hi}, each line scanned at most once
   */
  private static int scan(List<String> lines, int first, int[] perLine, boolean[] known, int lo,
      int hi, char[][] work, PatternWords words) {
    int found = 0;
    for (int l = lo; l <= hi; l++) {
      int r = l - first;
      if (!known[r]) {
        String text = lines.get(r);
        if (text.length() > work[0].length) work[0] = new char[Math.max(text.length(), 2 * work[0].length)];
        perLine[r] = words.triggers.scan(text, work[0]) | words.alwaysFacts;
        known[r] = true;
      }
      found |= perLine[r];
    }
    return found;
  }

  private static int[] groupsOf(SourceView.Segment seg, List<Token> sig) {
    int[] out = new int[4 * STRIDE];
    // a group open at out[n - STRIDE]
    int n = 0;
    int first = seg.firstLine();
    int line = Integer.MIN_VALUE;
    boolean changed = false;
    int size = sig.size();
    for (int i = 0; i < size; i++) {
      Token t = sig.get(i);
      int l = t.line();
      if (l != line) {
        if (changed) out[n - STRIDE + TO] = i;
        line = l;
        int rel = l - first;
        changed = rel >= 0 && seg.changed().get(rel);
        if (changed) {
          if (n + STRIDE > out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
          out[n + FROM] = i;
          out[n + LINE] = l;
          out[n + END_LINE] = l;
          n += STRIDE;
        }
      }
      if (changed && t.endLine() > out[n - STRIDE + END_LINE]) out[n - STRIDE + END_LINE] = t.endLine();
    }
    if (changed) out[n - STRIDE + TO] = size;
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }
}
