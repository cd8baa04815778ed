package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.lang.FunctionSpan;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.lang.TokenKind;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A diff that removes a validation, sanitiser or canonicalise-then-check in front of a sink
 * (issue 12 item 6): the flows of both sides are compared ({@link
 * TaintAnalyzer#analyzeAllLines}); a flow of the new side on an unchanged line that the old
 * side did not have, in a function from which the change removed a guard line, is reported on
 * the new side at that flow's line (the sink the guard used to protect), naming the removed
 * guard line nearest to it, in the sink's category. Runs once per file and review
 * ({@link AnalysisContext#memo}), and only when a removed line holds a guard or sanitiser call
 * or a {@code ".."} test. Stateless.
 */
final class RemovedGuards {
  private RemovedGuards() {}

  /**
   * An old-side candidate.
   *
   * @param rule the sink's rule
   * @param oldLine the removed guard line (old side)
   * @param newLine the new-side line of the flow the guard used to stop (the sink, or where the
   *     input is mixed into the sink's text)
   * @param confidence 0..1
   * @param how the sink (for the summary)
   */
  record Removed(Rule rule, int oldLine, int newLine, double confidence, String how) {}

  private record Key(FileDiff file, SecurityKnowledge knowledge) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.file == file && k.knowledge == knowledge;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(file) * 31 + System.identityHashCode(knowledge);
    }
  }

  /** @return the removed-guard candidates of the file (empty when it removes no guard line) */
  static List<Removed> of(AnalysisContext ctx, FileDiff file, SecurityKnowledge knowledge) {
    return ctx.memo(new Key(file, knowledge), k -> compute(ctx, file, knowledge));
  }

  private static List<Removed> compute(AnalysisContext ctx, FileDiff file, SecurityKnowledge knowledge) {
    SourceView ov = Functions.view(ctx, file, Side.OLD);
    List<Integer> guardLines = removedGuardLines(ov, knowledge);
    if (guardLines.isEmpty()) return List.of();
    SourceView nv = Functions.view(ctx, file, Side.NEW);
    // the old side's functions first, as always: taking them may spend the review's Java parse budget
    List<FunctionSpan> oldFns = Functions.of(ctx, file, Side.OLD);
    List<TaintAnalyzer.Candidate> newFlows =
        TaintAnalyzer.analyzeAllLines(nv, Functions.of(ctx, file, Side.NEW), knowledge);
    Map<String, Integer> oldUnchanged = unchangedLines(ov);
    // only a new flow on an unchanged line shown on both sides can be reported: without one, the
    // old side's flows (a second taint analysis) cannot change the answer
    boolean candidate = false;
    for (TaintAnalyzer.Candidate c : newFlows) {
      if (!nv.isChanged(c.line()) && sameLineOnOldSide(oldUnchanged, text(nv, c.line())) >= 0) {
        candidate = true;
        break;
      }
    }
    if (!candidate) return List.of();
    Set<String> oldFlows = new HashSet<>();
    for (TaintAnalyzer.Candidate c : TaintAnalyzer.analyzeAllLines(ov, oldFns, knowledge)) {
      oldFlows.add(c.rule().name() + "\u0000" + text(ov, c.line()));
    }
    List<Removed> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (TaintAnalyzer.Candidate c : newFlows) {
      if (nv.isChanged(c.line())) continue; // reported on the new side as usual
      String key = c.rule().name() + "\u0000" + text(nv, c.line());
      if (oldFlows.contains(key)) continue; // the old code had the same flow: nothing removed
      int oldLine = sameLineOnOldSide(oldUnchanged, text(nv, c.line()));
      if (oldLine < 0) continue;
      // the innermost old function holding the line, else its segment: the guard must be there
      int from = Integer.MIN_VALUE;
      int to = Integer.MAX_VALUE;
      for (FunctionSpan f : oldFns) {
        if (f.containsLine(oldLine) && f.startLine() > from) {
          from = f.startLine();
          to = f.endLine();
        }
      }
      if (from == Integer.MIN_VALUE) {
        SourceView.Segment seg = ov.segmentAt(oldLine);
        from = seg.firstLine();
        to = seg.lastLine();
      }
      // the flow's line is where input was mixed into the text or the sink: the guard may sit
      // between the two, so the nearest removed guard of the function counts
      int guard = -1;
      for (int g : guardLines) {
        if (g >= from && g <= to && (guard < 0 || Math.abs(g - oldLine) < Math.abs(guard - oldLine))) {
          guard = g;
        }
      }
      if (guard < 0 || !done.add(c.rule().name() + ":" + guard)) continue;
      out.add(new Removed(c.rule(), guard, c.line(), c.confidence() * 0.9, c.how()));
    }
    return out;
  }

  private static String text(SourceView v, int line) {
    String s = v.line(line);
    return s == null ? "" : s.trim();
  }

  /**
   * @return the unchanged old-side lines by their trimmed text, each text with its first line in
   *     segment order (one pass, so each look-up is constant time, not a scan of the side)
   */
  private static Map<String, Integer> unchangedLines(SourceView ov) {
    Map<String, Integer> out = new HashMap<>();
    for (SourceView.Segment seg : ov.segments()) {
      for (int i = 0; i < seg.lines().size(); i++) {
        if (!seg.changed().get(i)) out.putIfAbsent(seg.lines().get(i).trim(), seg.firstLine() + i);
      }
    }
    return out;
  }

  /** @return the first unchanged old-side line with this text, or -1 */
  private static int sameLineOnOldSide(Map<String, Integer> unchanged, String text) {
    if (text.isEmpty()) return -1;
    return unchanged.getOrDefault(text, -1);
  }

  /**
   * @return the removed lines, ascending, that hold a guard or sanitiser call (the names the
   *     taint analysis honours: path, containment and allow-list guards, sanitisers) or a
   *     {@code ".."} string (a traversal test)
   */
  static List<Integer> removedGuardLines(SourceView ov, SecurityKnowledge knowledge) {
    Set<Integer> lines = new java.util.TreeSet<>();
    for (SourceView.Segment seg : ov.segments()) {
      List<Token> ts = seg.tokens();
      for (int i = 0; i < ts.size(); i++) {
        Token x = ts.get(i);
        if (!ov.isChanged(seg, x.line())) continue;
        if (x.kind() == TokenKind.STRING && x.text().length() <= 3 && x.text().contains("..")) {
          lines.add(x.line());
        } else if (x.kind() == TokenKind.IDENTIFIER && i + 1 < ts.size() && ts.get(i + 1).op("(")) {
          String name = x.text().toLowerCase(Locale.ROOT);
          if (knowledge.pathGuard(name) || knowledge.allowGuard(name)
              || FlowWords.CONTAINMENT_GUARDS.contains(name)
              || knowledge.sanitiser(name, name, ov.language()) != 0) {
            lines.add(x.line());
          }
        }
      }
    }
    return new ArrayList<>(lines);
  }
}
