package dev.synapse.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Evaluates every check on the framework corpus ({@code framework-cases.jsonl}) and prints the
 * report (the faster way to rerun the figures in FRAMEWORKS.md than the CLI on a busy machine),
 * and keeps the XSS precision on that corpus from falling below what response-type awareness and
 * the template packs reached.
 */
class FrameworkCorpusXssReportTest {

  @Test
  @DisplayName("the framework corpus evaluates without errors and xss findings stay precise")
  void frameworkCorpusXssStaysPrecise() throws Exception {
    EvalReport report = Evaluator.evaluate(Path.of("src", "test", "resources", "corpus", "framework-cases.jsonl"));
    System.out.println(report.toText());
    assertTrue(report.errors().isEmpty(), () -> "errors: " + report.errors());
    Tally xss = report.byCategory().get("xss");
    assertTrue(xss != null && xss.precision() >= 0.80, () -> "xss precision " + xss);
  }
}
