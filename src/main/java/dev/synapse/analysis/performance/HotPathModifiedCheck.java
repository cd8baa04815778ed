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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code hot_path_modified}: the diff adds or removes lines inside a function named in
 * {@code metadata.hot_functions}, so a latency-critical path changed and deserves a benchmark.
 * No CWE applies (it is a review signal, not a weakness).
 *
 * <p>Hot-function entries may be plain ({@code checkout}), qualified ({@code
 * OrderService.checkout}, {@code OrderService#checkout}, {@code Orders::checkout},
 * {@code MyApp.Orders.checkout/2}) or path-qualified ({@code lib/orders.ex:checkout}); the
 * simple name must equal the function's name, and a qualifier must match the file path or a
 * visible line of the file (ignoring case and punctuation). Parentheses and Elixir arities are
 * ignored.
 *
 * <p>Reported once per hot function and file: on the declaration line when the diff shows it
 * (new side; old side for a deleted function), otherwise on the first changed line of the
 * function. Severity: medium when lines were added, low when only removed. Stateless and
 * thread-safe.
 */
public final class HotPathModifiedCheck implements Check {
  /** Rule id. */
  public static final String RULE_ID = "SYN-PERF-HOT-001";
  static final String CATEGORY = "hot_path_modified";

  /** A parsed hot-function entry. */
  record HotName(String name, String qualifier) {
    static HotName parse(String entry) {
      String s = entry.strip();
      int paren = s.indexOf('(');
      if (paren >= 0) s = s.substring(0, paren);
      int slash = s.lastIndexOf('/');
      if (slash >= 0 && slash + 1 < s.length() && s.substring(slash + 1).chars().allMatch(Character::isDigit)) {
        s = s.substring(0, slash);
      }
      int cut = -1;
      for (int i = s.length() - 1; i >= 0 && cut < 0; i--) {
        char c = s.charAt(i);
        if (c == '.' || c == '#' || c == ':' || c == '/' || c == '\\' || c == '>') cut = i;
      }
      String name = cut < 0 ? s : s.substring(cut + 1);
      String qualifier = cut < 0 ? "" : s.substring(0, cut).replaceAll("[:\\-]+$", "");
      return new HotName(name, qualifier);
    }
  }

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
    if (context.hotFunctions().isEmpty()) return out;
    List<HotName> hot = new ArrayList<>();
    for (String h : context.hotFunctions()) {
      if (h != null && !h.isBlank()) hot.add(HotName.parse(h));
    }
    List<String> hotNames = new ArrayList<>();
    for (HotName h : hot) hotNames.add(h.name());
    for (FileView v : FileViews.of(context)) {
      Set<String> reported = new HashSet<>();
      for (Function f : v.newFunctions) {
        if (!f.changed(v) || reported.contains(f.name()) || !isHot(v, f.name(), hot)) continue;
        reported.add(f.name());
        out.add(finding(fingerprints, v, f));
      }
      if (!v.mayNameOldFunction(hotNames)) continue;
      for (Function f : v.oldFunctions()) {
        if (!f.changed(v) || reported.contains(f.name()) || !isHot(v, f.name(), hot)) continue;
        boolean survives = false;
        for (Function n : v.newFunctions) if (n.name().equals(f.name())) survives = true;
        if (survives) continue;
        reported.add(f.name());
        out.add(finding(fingerprints, v, f));
      }
    }
    return out;
  }

  private static boolean isHot(FileView v, String name, List<HotName> hot) {
    for (HotName h : hot) {
      if (!h.name().equals(name)) continue;
      if (h.qualifier().isEmpty() || qualifierMatches(v, h.qualifier())) return true;
    }
    return false;
  }

  private static boolean qualifierMatches(FileView v, String qualifier) {
    String q = qualifier;
    int cut = Math.max(Math.max(q.lastIndexOf('.'), q.lastIndexOf('/')), q.lastIndexOf(':'));
    String last = normal(cut >= 0 && cut + 1 < q.length() ? q.substring(cut + 1) : q);
    if (last.isEmpty()) return true;
    if (qualifier.contains("/") && v.path.endsWith(qualifier)) return true;
    if (normal(v.path).contains(last)) return true;
    for (Row r : v.rows) if (normal(r.head()).contains(last)) return true;
    return false;
  }

  private static String normal(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) if (Character.isLetterOrDigit(c)) sb.append(c);
    return sb.toString();
  }

  private static Finding finding(PerfFingerprint fingerprints, FileView v, Function f) {
    int row = f.declRow();
    if (row < 0) {
      for (int i = f.startRow(); i <= f.endRow() && row < 0; i++) {
        if (v.rows.get(i).kind() != LineKind.CONTEXT) row = i;
      }
    }
    Row r = v.rows.get(row);
    boolean old = r.kind() == LineKind.REMOVED || (!f.newSide() && r.kind() != LineKind.ADDED);
    int line = old ? r.oldLine() : r.newLine();
    boolean added = f.hasAdded(v);
    String summary = "Hot function '" + f.name() + "' (metadata.hot_functions) is "
        + (f.newSide() ? "modified" : "removed") + " by this change.";
    String recommendation = "Benchmark '" + f.name() + "' before and after the change (latency "
        + "percentiles, allocations) and keep new I/O, locking and logging off this path.";
    return new Finding(CATEGORY, added ? Severity.MEDIUM : Severity.LOW, v.path, line,
        old ? Side.OLD : Side.NEW, null, RULE_ID, null, summary, recommendation,
        f.declRow() >= 0 ? 0.9 : 0.7, fingerprints.of(RULE_ID, v.path, f.name(), ""), null);
  }
}
