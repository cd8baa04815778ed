package dev.synapse.eval;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.analysis.Suppressions;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs checks over a corpus and scores them (DESIGN.md section 4).
 *
 * <p>Scoring rules:
 *
 * <ul>
 *   <li>A finding matches an expected entry when category, file, side and line agree; each
 *       finding matches at most one entry and each entry at most one finding.
 *   <li>TP: matched expected entries. FN: unmatched expected entries.
 *   <li>FP: an unmatched finding whose category is <em>scored</em> for the case: the case's
 *       own category, a category of one of its expected entries, or a category in its
 *       {@code forbidden} list. In a negative case this means every finding of a forbidden
 *       category (plus, if present, of the case category). Findings of other categories are
 *       <em>unscored</em>: a case about SQL injection says nothing about whether a complexity
 *       finding in the same diff is right, so it is counted separately and not held against
 *       precision.
 *   <li>TP and FN count for the expected entry's category, FP for the finding's category; all
 *       three count for the case's language and overall.
 *   <li>A case whose diff cannot be parsed, or a check that throws, is recorded as an error;
 *       its expected entries then count as FN.
 * </ul>
 *
 * <p>Stateless apart from the check list; thread-safe when the checks are.
 */
public final class Evaluator {
  private final List<Check> checks;

  /** @param checks the checks to run on every case, in order */
  public Evaluator(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  /** @return an evaluator over every registered check: {@link Checks#security()} and {@link Checks#performance()} */
  public static Evaluator allChecks() {
    List<Check> all = new ArrayList<>(Checks.security());
    all.addAll(Checks.performance());
    return new Evaluator(all);
  }

  /**
   * Entry point for {@code synapse eval CORPUS.jsonl}: reads the corpus and scores all
   * registered checks on it.
   *
   * @param corpus path of a JSON-lines corpus
   * @return the report
   * @throws IOException when the corpus cannot be read
   * @throws IllegalArgumentException when a corpus line is malformed (message names the line)
   */
  public static EvalReport evaluate(Path corpus) throws IOException {
    return allChecks().evaluate(CorpusReader.read(corpus));
  }

  /**
   * @param cases the corpus cases
   * @return the scored report
   */
  public EvalReport evaluate(List<CorpusCase> cases) {
    EvalReport.Builder report = new EvalReport.Builder(cases.size());
    for (CorpusCase c : cases) evaluateCase(c, report);
    return report.build();
  }

  private void evaluateCase(CorpusCase c, EvalReport.Builder report) {
    report.register(c);
    List<Finding> findings = new ArrayList<>();
    Diff diff;
    try {
      diff = DiffParser.parse(c.diff());
    } catch (RuntimeException e) {
      report.error(c.id(), "diff not parsed: " + e.getMessage());
      diff = null;
    }
    if (diff != null) {
      AnalysisContext context = new AnalysisContext(diff, c.hotFunctions(), null);
      for (Check check : checks) {
        try {
          Suppressions.Filtered filtered = Suppressions.apply(check.run(context), context);
          findings.addAll(filtered.kept());
          report.suppressed(filtered.suppressed());
        } catch (RuntimeException e) {
          report.error(c.id(), "check " + check.id() + " failed: " + e);
        }
      }
    }
    score(c, findings, report);
  }

  private static void score(CorpusCase c, List<Finding> findings, EvalReport.Builder report) {
    boolean[] used = new boolean[findings.size()];
    for (CorpusCase.Expected e : c.expected()) {
      int match = -1;
      for (int i = 0; i < findings.size() && match < 0; i++) {
        if (!used[i] && matches(findings.get(i), e)) match = i;
      }
      if (match >= 0) {
        used[match] = true;
        report.truePositive(c, e.category());
      } else {
        report.falseNegative(c, e, nearest(findings, e));
      }
    }
    Set<String> scored = new HashSet<>(c.forbidden());
    if (c.kind() == CorpusCase.Kind.POSITIVE) scored.add(c.category());
    for (CorpusCase.Expected e : c.expected()) scored.add(e.category());
    for (int i = 0; i < findings.size(); i++) {
      if (used[i]) continue;
      Finding f = findings.get(i);
      if (scored.contains(f.type())) report.falsePositive(c, f);
      else report.unscored();
    }
  }

  private static boolean matches(Finding f, CorpusCase.Expected e) {
    return e.category().equals(f.type()) && e.file().equals(f.file()) && e.side() == f.side()
        && e.line() == f.line();
  }

  /** @return a hint for a miss: a finding of the same category and file on another line, or null */
  private static Finding nearest(List<Finding> findings, CorpusCase.Expected e) {
    Finding best = null;
    for (Finding f : findings) {
      if (!e.category().equals(f.type()) || !e.file().equals(f.file())) continue;
      if (best == null || Math.abs(f.line() - e.line()) < Math.abs(best.line() - e.line())) best = f;
    }
    return best;
  }
}
