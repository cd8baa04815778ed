package dev.synapse.analysis;

import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inline suppression: a comment containing {@code synapse:ignore} (every category) or {@code
 * synapse:ignore <category>[,<category>...]} on the finding's line or on the line above
 * suppresses it. Only real comments count (the lexer tells comments from strings), on the side
 * the finding refers to. Category-generic: security and performance findings pass through it, so
 * it is also where the review's {@link TestCodePolicy} (findings in test code) is applied, before
 * the comments are read. Stateless and thread-safe.
 */
public final class Suppressions {
  private Suppressions() {}

  /** The marker looked for inside comments. */
  public static final String MARKER = "synapse:ignore";

  /**
   * @param all findings of one check (may be empty, never null)
   * @param context the review the findings come from
   * @return the findings that are not suppressed, in order (after the test-code policy), and
   *     how many were suppressed (by a comment, or dropped by the test-code policy)
   */
  public static Filtered apply(List<Finding> all, AnalysisContext context) {
    if (all.isEmpty()) return new Filtered(List.of(), 0);
    List<Finding> findings = context.testCode().apply(all);
    if (findings.isEmpty()) return new Filtered(List.of(), all.size());
    Map<String, FileDiff> byPath = new HashMap<>();
    for (FileDiff f : context.diff().files()) {
      byPath.putIfAbsent(f.path(), f);
      if (f.oldPath() != null) byPath.putIfAbsent(f.oldPath(), f);
    }
    List<Finding> kept = new ArrayList<>(findings.size());
    int suppressed = all.size() - findings.size();
    for (Finding f : findings) {
      FileDiff file = byPath.get(f.file());
      if (file != null && suppressedBy(Functions.view(context, file, f.side() == null ? Side.NEW : f.side()), f)) {
        suppressed++;
      } else {
        kept.add(f);
      }
    }
    return new Filtered(List.copyOf(kept), suppressed);
  }

  private static boolean suppressedBy(SourceView view, Finding f) {
    for (int line = f.line(); line >= f.line() - 1 && line >= 1; line--) {
      for (String comment : view.commentsOn(line)) {
        if (matches(comment, f.type())) return true;
      }
    }
    return false;
  }

  /**
   * @param comment a comment's text
   * @param category the finding's category id
   * @return true when the comment holds the marker, alone or naming {@code category}
   */
  static boolean matches(String comment, String category) {
    String c = comment.toLowerCase(Locale.ROOT);
    int at = c.indexOf(MARKER);
    while (at >= 0) {
      int i = at + MARKER.length();
      if (i < c.length() && (Character.isLetterOrDigit(c.charAt(i)) || c.charAt(i) == '_'
          || c.charAt(i) == '-')) {
        at = c.indexOf(MARKER, i); // e.g. "synapse:ignored" is not the marker
        continue;
      }
      while (i < c.length() && " \t:=[(".indexOf(c.charAt(i)) >= 0) i++;
      int start = i;
      while (i < c.length() && (Character.isLetterOrDigit(c.charAt(i)) || c.charAt(i) == '_'
          || c.charAt(i) == ',')) {
        i++;
      }
      List<String> named = new ArrayList<>();
      for (String n : c.substring(start, i).split(",")) {
        if (n.contains("_") || n.equals("xss")) named.add(n);
      }
      if (named.isEmpty() || named.contains(category)) return true;
      at = c.indexOf(MARKER, i);
    }
    return false;
  }

  /**
   * @param kept findings to report
   * @param suppressed number removed by inline suppression or by the test-code policy
   */
  public record Filtered(List<Finding> kept, int suppressed) {}
}
