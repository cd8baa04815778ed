package dev.synapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SuppressionsAndFingerprintsTest {

  private static Diff added(String path, int start, String... lines) {
    StringBuilder sb = new StringBuilder("--- a/" + path + "\n+++ b/" + path + "\n@@ -" + start
        + ",0 +" + start + "," + lines.length + " @@\n");
    for (String l : lines) sb.append('+').append(l).append('\n');
    return DiffParser.parse(sb.toString());
  }

  private static Suppressions.Filtered run(Diff diff) {
    AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
    List<Finding> all = new ArrayList<>();
    for (Check c : Checks.security()) all.addAll(c.run(ctx));
    return Suppressions.apply(all, ctx);
  }

  private static final String VULN = "os.system(\"ping \" + request.args[\"h\"])";

  @Test
  @DisplayName("an unsuppressed finding is kept")
  void baseline() {
    Suppressions.Filtered f = run(added("v.py", 1, VULN));
    assertEquals(1, f.kept().size());
    assertEquals(0, f.suppressed());
  }

  @Test
  @DisplayName("synapse:ignore in a comment on the same line suppresses and is counted")
  void sameLine() {
    Suppressions.Filtered f = run(added("v.py", 1, VULN + "  # synapse:ignore"));
    assertEquals(0, f.kept().size());
    assertEquals(1, f.suppressed());
  }

  @Test
  @DisplayName("synapse:ignore <category> on the line above suppresses only that category")
  void lineAboveCategory() {
    assertEquals(1, run(added("v.py", 1, "# synapse:ignore command_injection", VULN)).suppressed());
    Suppressions.Filtered other = run(added("v.py", 1, "# synapse:ignore sql_injection", VULN));
    assertEquals(0, other.suppressed());
    assertEquals(1, other.kept().size());
  }

  @Test
  @DisplayName("the marker inside a string literal does not suppress")
  void notInString() {
    Suppressions.Filtered f = run(added("v.py", 1, VULN + "; x = \"synapse:ignore\""));
    assertEquals(1, f.kept().size());
  }

  @Test
  @DisplayName("the marker parser accepts lists and ignores look-alike words")
  void markerParsing() {
    assertTrue(Suppressions.matches("// synapse:ignore xss,sql_injection", "sql_injection"));
    assertTrue(Suppressions.matches("# synapse:ignore: reviewed by security team", "xss"));
    assertFalse(Suppressions.matches("# synapse:ignore xss", "sql_injection"));
    assertFalse(Suppressions.matches("# synapse:ignored", "xss"));
  }

  @Test
  @DisplayName("fingerprints do not change when unrelated lines move the finding")
  void fingerprintStableUnderShift() {
    Finding a = run(added("v.py", 1, VULN)).kept().get(0);
    Finding b = run(added("v.py", 41, "x = 1", "y = 2", VULN)).kept().get(0);
    assertNotEquals(a.line(), b.line());
    assertEquals(a.fingerprint(), b.fingerprint());
  }

  @Test
  @DisplayName("identical sink lines in one file get distinct fingerprints; other files differ too")
  void fingerprintOccurrences() {
    List<Finding> two = run(added("v.py", 1, VULN, VULN)).kept();
    assertEquals(2, two.size());
    assertNotEquals(two.get(0).fingerprint(), two.get(1).fingerprint());
    Finding other = run(added("w.py", 1, VULN)).kept().get(0);
    assertNotEquals(two.get(0).fingerprint(), other.fingerprint());
    assertEquals(Fingerprints.of("R", "f", "  a   b ", 0), Fingerprints.of("R", "f", "a b", 0));
  }
}
