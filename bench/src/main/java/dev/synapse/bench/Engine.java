package dev.synapse.bench;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.analysis.Suppressions;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis engine as a specialist runs it, without the runtime around it: parse the diff
 * once, run every check of both specialists on one shared {@link AnalysisContext}, apply inline
 * suppressions. Single-threaded; stateless apart from the check list.
 */
public final class Engine {
  /** Hot functions given to every benchmark review (exercises {@code hot_path_modified}). */
  public static final List<String> HOT_FUNCTIONS = List.of("handle", "process", "render", "query");
  /** Repository given to every benchmark review. */
  public static final String REPO = "bench/repo";

  private Engine() {}

  /** @return every check of the security and performance specialists, by id, in registry order */
  public static Map<String, Check> allChecks() {
    Map<String, Check> out = new LinkedHashMap<>();
    for (Check c : Checks.security()) out.putIfAbsent(c.id(), c);
    for (Check c : Checks.performance()) out.putIfAbsent(c.id(), c);
    return out;
  }

  /** @return a fresh context over a parsed diff (per-review memo empty) */
  public static AnalysisContext context(Diff diff) {
    return new AnalysisContext(diff, HOT_FUNCTIONS, REPO);
  }

  /**
   * A whole deep review: parse + every check + suppressions.
   *
   * @return number of findings kept (consumed by the benchmark)
   */
  public static int review(String diffText, List<Check> checks) {
    AnalysisContext ctx = context(DiffParser.parse(diffText));
    int findings = 0;
    for (Check c : checks) findings += Suppressions.apply(c.run(ctx), ctx).kept().size();
    return findings;
  }

  /** @return the checks as a list */
  public static List<Check> checkList() {
    return new ArrayList<>(allChecks().values());
  }
}
