package dev.synapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TestCodePolicyTest {
  private static final String VULN = "os.system(\"ping \" + request.args[\"h\"])";

  private static Diff added(String path, String... lines) {
    StringBuilder sb = new StringBuilder("--- a/" + path + "\n+++ b/" + path + "\n@@ -1,0 +1,"
        + lines.length + " @@\n");
    for (String l : lines) sb.append('+').append(l).append('\n');
    return DiffParser.parse(sb.toString());
  }

  /** Runs every check, security and performance, as a specialist would, then the filter. */
  private static Suppressions.Filtered run(Diff diff, Severity max) {
    AnalysisContext ctx = max == null ? new AnalysisContext(diff, List.of(), null)
        : new AnalysisContext(diff, List.of(), null, new TestCodePolicy(max));
    List<Finding> all = new ArrayList<>();
    for (Check c : Checks.security()) all.addAll(c.run(ctx));
    for (Check c : Checks.performance()) all.addAll(c.run(ctx));
    return Suppressions.apply(all, ctx);
  }

  @Test
  @DisplayName("by default a high finding in test code is reported at low with half the confidence")
  void defaultLowersToLow() {
    Finding prod = run(added("app/v.py", VULN), null).kept().get(0);
    Finding test = run(added("tests/test_v.py", VULN), null).kept().get(0);
    assertEquals(Severity.HIGH, prod.severity());
    assertEquals(Severity.LOW, test.severity());
    assertEquals(Math.round(prod.confidence() * 50) / 100.0, test.confidence(), 1e-9);
    assertTrue(test.summary().endsWith("(in test code; lowered from high)."), test.summary());
    assertEquals(prod.type(), test.type());
    assertEquals(prod.ruleId(), test.ruleId());
  }

  @Test
  @DisplayName("with the ceiling none every finding in test code is dropped and counted as suppressed")
  void noneDrops() {
    Suppressions.Filtered f = run(added("tests/test_v.py", VULN), Severity.NONE);
    assertEquals(0, f.kept().size());
    assertEquals(1, f.suppressed());
    assertEquals(1, run(added("app/v.py", VULN), Severity.NONE).kept().size());
  }

  @Test
  @DisplayName("with the ceiling high findings in test code are unchanged")
  void highKeeps() {
    Finding f = run(added("tests/test_v.py", VULN), Severity.HIGH).kept().get(0);
    assertEquals(Severity.HIGH, f.severity());
  }

  @Test
  @DisplayName("with the ceiling medium a high finding in test code becomes medium")
  void mediumCeiling() {
    assertEquals(Severity.MEDIUM, run(added("tests/test_v.py", VULN), Severity.MEDIUM).kept().get(0).severity());
  }

  @Test
  @DisplayName("a performance finding in a Go test file is lowered like a security one")
  void performanceToo() {
    String[] lines = {"func TestLoad(t *testing.T) {", "  for _, id := range ids {",
        "    row := db.QueryRow(\"SELECT name FROM users WHERE id = ?\", id)", "    _ = row", "  }", "}"};
    List<Finding> prod = run(added("pkg/load.go", lines), Severity.HIGH).kept();
    List<Finding> test = run(added("pkg/load_test.go", lines), null).kept();
    assertTrue(prod.stream().anyMatch(f -> f.type().equals("n_plus_one") && f.severity().ordinal() > 1), prod.toString());
    assertEquals(prod.size(), test.size());
    assertTrue(test.stream().allMatch(f -> f.severity().ordinal() <= Severity.LOW.ordinal()), test.toString());
  }

  @Test
  @DisplayName("an inline synapse:ignore still suppresses a lowered finding in test code")
  void inlineStillWorks() {
    Suppressions.Filtered f = run(added("tests/test_v.py", VULN + "  # synapse:ignore"), null);
    assertEquals(0, f.kept().size());
    assertEquals(1, f.suppressed());
  }
}
