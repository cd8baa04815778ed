package dev.synapse.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs every registered check on the public corpus and fails below the targets of issue 4, so
 * detection quality cannot regress silently. Reads {@code ../shared/corpus/review-cases.jsonl}
 * (relative to the project directory) and falls back to the copy under
 * {@code src/test/resources/corpus}.
 */
class CorpusQualityTest {

  static Path corpus() {
    Path shared = Path.of("..", "shared", "corpus", "review-cases.jsonl");
    return Files.isRegularFile(shared) ? shared : Path.of("src", "test", "resources", "corpus", "review-cases.jsonl");
  }

  @Test
  @DisplayName("the public corpus meets the precision and recall targets overall, per category and per language")
  void corpusMeetsTargets() throws Exception {
    EvalReport report = Evaluator.evaluate(corpus());
    System.out.println(report.toText());
    List<String> failures = report.failures(EvalReport.Targets.ISSUE_4);
    assertTrue(failures.isEmpty(), () -> "below targets:\n  " + String.join("\n  ", failures)
        + "\n\n" + report.toText());
  }

  @Test
  @DisplayName("every case of the public corpus is evaluated without a parse or check error")
  void corpusRunsWithoutErrors() throws Exception {
    EvalReport report = Evaluator.evaluate(corpus());
    assertTrue(report.errors().isEmpty(), () -> "errors: " + report.errors());
  }
}
