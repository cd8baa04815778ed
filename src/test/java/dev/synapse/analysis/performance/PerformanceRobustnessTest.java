package dev.synapse.analysis.performance;

import static dev.synapse.analysis.performance.PerfTestSupport.newFile;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.diff.DiffParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/**
 * Pathological inputs: every performance check must stay linear. The timeout only guards
 * against a hang (quadratic behaviour on a 1 MB line takes minutes); it is not a speed target.
 */
class PerformanceRobustnessTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"a.java", "a.py", "a.rb", "a.ex", "a.js", "a.go", "a.php", "a.kt", "a.cs"})
  @DisplayName("1 MB adversarial lines finish in every language")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void adversarialLines(String file) {
    String[] shapes = {
      "f(".repeat(200_000),
      "x.map(y => ".repeat(100_000),
      "a.b().".repeat(150_000) + "c()",
      "(/[".repeat(300_000),
      "for x in ".repeat(100_000),
      "\"".repeat(500_000) + "'".repeat(500_000),
      "Repo.all(File.read!(".repeat(50_000),
      "? : -> ".repeat(150_000),
      "~r/".repeat(300_000),
      "foreach ($a as ".repeat(60_000)
    };
    for (String s : shapes) {
      String diff = newFile(file, "def f(x)", s, "end");
      AnalysisContext ctx = new AnalysisContext(DiffParser.parse(diff), List.of("f"), null);
      for (Check c : Checks.performance()) assertNotNull(c.run(ctx));
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName("every registered performance check loads and returns no finding on an empty diff")
  void emptyDiff() {
    AnalysisContext ctx = new AnalysisContext(DiffParser.parse(""), List.of("f"), null);
    for (Check c : Checks.performance()) org.junit.jupiter.api.Assertions.assertTrue(c.run(ctx).isEmpty(), c.id());
  }
}
