package dev.synapse.analysis.performance;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.performance.FileView.Function;
import dev.synapse.analysis.performance.FileView.Row;
import dev.synapse.diff.LineKind;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code high_complexity} (CWE-1121, excessive McCabe cyclomatic complexity): a function whose
 * cyclomatic complexity after the change exceeds {@link #THRESHOLD}, when the change added lines
 * to it and made it more complex than it was (a brand-new function counts as 0 before). A
 * function already above the limit before the change is reported only when the change moves
 * it into a higher severity band: one more branch in a function that was already too complex
 * is not what the change introduced (an ordinary edit of a long switch would otherwise be
 * reported on every commit that touches it).
 * Reported on the declaration line (new side); when the hunk starts inside the function, on the
 * first added line, with lower confidence, since only a lower bound of its complexity is known.
 *
 * <p>Severity: complexity 11–20 low, 21–30 medium, above 30 high. Stateless and thread-safe.
 */
public final class HighComplexityCheck implements Check {
  /** Functions above this cyclomatic complexity are reported (McCabe's classic limit of 10). */
  public static final int THRESHOLD = 10;
  /** Rule id. */
  public static final String RULE_ID = "SYN-PERF-CPLX-001";
  static final String CATEGORY = "high_complexity";

  @Override
  public String id() {
    return CATEGORY;
  }

  @Override
  public String category() {
    return CATEGORY;
  }

  @Override
  public List<Finding> run(AnalysisContext context) {
    List<Finding> out = new ArrayList<>();
    PerfFingerprint fingerprints = new PerfFingerprint();
    for (FileView v : FileViews.of(context)) {
      for (Function f : v.newFunctions) {
        if (!f.hasAdded(v)) continue;
        int after = complexity(v, f);
        if (after <= THRESHOLD) continue;
        int before = 0;
        for (Function old : v.oldFunctions()) {
          if (old.name().equals(f.name()) && overlaps(old, f)) before = Math.max(before, complexity(v, old));
        }
        if (after <= before) continue;
        if (before > THRESHOLD && severity(after) == severity(before)) continue;
        out.add(finding(fingerprints, v, f, after, before));
      }
    }
    return out;
  }

  /** @return the severity band of a complexity above the threshold: 11–20 low, 21–30 medium, above high */
  private static Severity severity(int complexity) {
    return complexity > 30 ? Severity.HIGH : complexity > 20 ? Severity.MEDIUM : Severity.LOW;
  }

  private static boolean overlaps(Function a, Function b) {
    return a.startRow() <= b.endRow() && b.startRow() <= a.endRow();
  }

  /** @return the cyclomatic complexity of the function's visible code on its side */
  static int complexity(FileView v, Function f) {
    List<Toks> lines = new ArrayList<>();
    for (int i = f.startRow(); i <= f.endRow(); i++) if (f.covers(v, i)) lines.add(v.rows.get(i).toks());
    return Complexity.of(v.lang, lines);
  }

  private static Finding finding(PerfFingerprint fingerprints, FileView v, Function f, int after, int before) {
    int row = f.declRow();
    if (row < 0) {
      for (int i = f.startRow(); i <= f.endRow() && row < 0; i++) {
        if (v.rows.get(i).kind() == LineKind.ADDED) row = i;
      }
    }
    Row r = v.rows.get(row);
    Severity severity = severity(after);
    double confidence = f.complete() ? 0.9 : 0.6;
    String change = before == 0 ? "" : " (was " + before + ")";
    String summary = "Function '" + f.name() + "' has cyclomatic complexity " + after + change
        + ", above the limit of " + THRESHOLD + (f.complete() ? "" : " (counted on the part the diff shows)") + ".";
    String recommendation = "Split '" + f.name() + "' into smaller functions (extract validation, "
        + "lookup tables or polymorphism for long branch chains) so each stays at or below " + THRESHOLD + ".";
    return new Finding(CATEGORY, severity, v.path, r.newLine(), Side.NEW, null, RULE_ID, "CWE-1121",
        summary, recommendation, confidence, fingerprints.of(RULE_ID, v.path, f.name(), r.raw()), null);
  }
}
