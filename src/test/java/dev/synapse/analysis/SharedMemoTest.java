package dev.synapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.eval.CorpusCase;
import dev.synapse.eval.CorpusReader;
import dev.synapse.signal.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The security and performance specialists of one node may build their contexts on one shared
 * memo (ParsedDiffCache.sharedMemo): the findings must be exactly those of one context per
 * specialist, whichever specialist runs first.
 */
class SharedMemoTest {
  private static final List<Path> CORPORA = List.of(
      Path.of("src/test/resources/corpus/review-cases.jsonl"),
      Path.of("src/test/resources/corpus/heldout-cases.jsonl"),
      Path.of("src/test/resources/corpus/framework-cases.jsonl"));

  @Test
  @DisplayName("specialists sharing one memo report exactly what they report with a memo each, in either order")
  void sharedMemoChangesNoFinding() throws IOException {
    int cases = 0;
    int findings = 0;
    for (Path corpus : CORPORA) {
      for (CorpusCase c : CorpusReader.read(corpus)) {
        Diff diff;
        try {
          diff = DiffParser.parse(c.diff());
        } catch (RuntimeException e) {
          continue;
        }
        cases++;
        List<String> alone = new ArrayList<>();
        alone.addAll(run(Checks.security(), new AnalysisContext(diff, c.hotFunctions(), null)));
        alone.addAll(run(Checks.performance(), new AnalysisContext(diff, c.hotFunctions(), null)));
        findings += alone.size();
        for (boolean performanceFirst : new boolean[] {true, false}) {
          ConcurrentMap<Object, Object> memo = new ConcurrentHashMap<>();
          AnalysisContext security = new AnalysisContext(diff, c.hotFunctions(), null, null, memo);
          AnalysisContext performance = new AnalysisContext(diff, c.hotFunctions(), null, null, memo);
          List<String> perf = performanceFirst ? run(Checks.performance(), performance) : null;
          List<String> shared = new ArrayList<>(run(Checks.security(), security));
          shared.addAll(perf != null ? perf : run(Checks.performance(), performance));
          assertEquals(alone, shared, c.id() + (performanceFirst ? " (performance first)" : " (security first)"));
        }
      }
    }
    assertTrue(cases > 100 && findings > 100, "corpus read: " + cases + " cases, " + findings + " findings");
  }

  private static List<String> run(List<Check> checks, AnalysisContext context) {
    List<String> out = new ArrayList<>();
    for (Check check : checks) {
      for (Finding f : Suppressions.apply(check.run(context), context).kept()) out.add(f.toString());
    }
    return out;
  }
}
