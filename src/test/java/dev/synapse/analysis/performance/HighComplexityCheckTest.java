package dev.synapse.analysis.performance;

import static dev.synapse.analysis.performance.PerfTestSupport.diff;
import static dev.synapse.analysis.performance.PerfTestSupport.lines;
import static dev.synapse.analysis.performance.PerfTestSupport.newFile;
import static dev.synapse.analysis.performance.PerfTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HighComplexityCheckTest {
  private final HighComplexityCheck check = new HighComplexityCheck();

  /** A Java method with {@code branches} if-statements (complexity branches + 1). */
  private static String[] javaMethod(int branches) {
    List<String> l = new ArrayList<>();
    l.add("class A {");
    l.add("  int grade(int s) {");
    for (int i = 0; i < branches; i++) l.add("    if (s > " + i + ") { s++; }");
    l.add("    return s;");
    l.add("  }");
    l.add("}");
    return l.toArray(new String[0]);
  }

  @Test
  @DisplayName("a new Java method with complexity 12 is reported on its declaration line")
  void javaNewMethod() {
    List<Finding> f = run(check, newFile("src/A.java", javaMethod(11)));
    assertEquals(List.of(2), lines(f));
    assertEquals("CWE-1121", f.get(0).cwe());
    assertEquals(Severity.LOW, f.get(0).severity());
  }

  @Test
  @DisplayName("a new method at exactly the threshold is not reported")
  void atThreshold() {
    assertTrue(run(check, newFile("src/A.java", javaMethod(9))).isEmpty());
  }

  @Test
  @DisplayName("a Python function with many branches is reported on its def line")
  void python() {
    List<String> l = new ArrayList<>(List.of("import os", "", "def route(kind, flag):"));
    for (int i = 0; i < 6; i++) l.add("    if kind == " + i + " and flag:\n        return " + i);
    l.add("    return None");
    String[] lines = String.join("\n", l).split("\n");
    assertEquals(List.of(3), lines(run(check, newFile("app/route.py", lines))));
  }

  @Test
  @DisplayName("a Ruby method with a long case/when is reported on its def line")
  void ruby() {
    List<String> l = new ArrayList<>(List.of("class Label", "  def label(s)", "    case s"));
    for (int i = 0; i < 11; i++) l.add("    when " + i + " then \"x\"");
    l.addAll(List.of("    end", "  end", "end"));
    assertEquals(List.of(2), lines(run(check, newFile("app/label.rb", l.toArray(new String[0])))));
  }

  @Test
  @DisplayName("a Go function and an Elixir function above the limit are both found")
  void goAndElixir() {
    List<String> go = new ArrayList<>(List.of("package p", "", "func Pick(a int, b bool) int {"));
    for (int i = 0; i < 10; i++) go.add("\tif a == " + i + " || b {\n\t\treturn " + i + "\n\t}");
    go.addAll(List.of("\treturn 0", "}"));
    assertEquals(List.of(3), lines(run(check, newFile("p/pick.go", String.join("\n", go).split("\n")))));
    List<String> ex = new ArrayList<>(List.of("defmodule P do", "  def pick(a) do", "    cond do"));
    for (int i = 0; i < 11; i++) ex.add("      a == " + i + " -> " + i);
    ex.addAll(List.of("    end", "  end", "end"));
    assertEquals(List.of(2), lines(run(check, newFile("lib/p.ex", ex.toArray(new String[0])))));
  }

  @Test
  @DisplayName("an already complex function changed without new branches is not reported")
  void unchangedComplexity() {
    List<String> hunk = new ArrayList<>();
    hunk.add("   int grade(int s) {");
    for (int i = 0; i < 12; i++) hunk.add("     if (s > " + i + ") { s++; }");
    hunk.add("-    return s;");
    hunk.add("+    return s + 0;");
    hunk.add("   }");
    assertTrue(run(check, diff("src/A.java", 2, hunk.toArray(new String[0]))).isEmpty());
  }

  @Test
  @DisplayName("one more branch in a function already above the limit, same severity band, is not reported")
  void alreadyComplexSameBand() {
    List<String> hunk = new ArrayList<>();
    hunk.add("   int grade(int s) {");
    for (int i = 0; i < 14; i++) hunk.add("     if (s > " + i + ") { s++; }");
    hunk.add("+    if (s > 99) { s--; }");
    hunk.add("     return s;");
    hunk.add("   }");
    assertTrue(run(check, diff("src/A.java", 2, hunk.toArray(new String[0]))).isEmpty());
  }

  @Test
  @DisplayName("a change that moves an already complex function into a higher severity band is reported")
  void alreadyComplexHigherBand() {
    List<String> hunk = new ArrayList<>();
    hunk.add("   int grade(int s) {");
    for (int i = 0; i < 18; i++) hunk.add("     if (s > " + i + ") { s++; }");
    for (int i = 0; i < 4; i++) hunk.add("+    if (s > " + (90 + i) + ") { s--; }");
    hunk.add("     return s;");
    hunk.add("   }");
    List<dev.synapse.signal.Finding> found = run(check, diff("src/A.java", 2, hunk.toArray(new String[0])));
    assertEquals(1, found.size());
    assertEquals(dev.synapse.signal.Severity.MEDIUM, found.get(0).severity());
    assertTrue(found.get(0).summary().contains("23 (was 19)"), found.get(0).summary());
  }

  @Test
  @DisplayName("a complex function untouched by added lines is not reported")
  void untouched() {
    List<String> hunk = new ArrayList<>();
    hunk.add("+  void log() { }");
    hunk.add("   int grade(int s) {");
    for (int i = 0; i < 12; i++) hunk.add("     if (s > " + i + ") { s++; }");
    hunk.add("     return s;");
    hunk.add("   }");
    assertTrue(run(check, diff("src/A.java", 2, hunk.toArray(new String[0]))).isEmpty());
  }

  @Test
  @DisplayName("a long straight-line function is not reported")
  void straightLine() {
    List<String> l = new ArrayList<>(List.of("function config() {"));
    for (int i = 0; i < 40; i++) l.add("  set('k" + i + "', 'if && || ?');");
    l.add("}");
    assertTrue(run(check, newFile("config.js", l.toArray(new String[0]))).isEmpty());
  }

  @Test
  @DisplayName("the fingerprint does not change when the function moves down the file")
  void fingerprintStable() {
    String[] body = javaMethod(11);
    String[] shifted = new String[body.length + 3];
    shifted[0] = "// a";
    shifted[1] = "// b";
    shifted[2] = "// c";
    System.arraycopy(body, 0, shifted, 3, body.length);
    Finding a = run(check, newFile("src/A.java", body)).get(0);
    Finding b = run(check, newFile("src/A.java", shifted)).get(0);
    assertEquals(a.fingerprint(), b.fingerprint());
    assertEquals(a.line() + 3, b.line());
  }

  @Test
  @DisplayName("a complex anonymous route handler is reported on the line that passes it")
  void routeHandler() {
    List<String> l = new ArrayList<>(List.of("const app = express();", "app.post('/orders', async (req, res) => {"));
    for (int i = 0; i < 11; i++) l.add("  if (req.body.k === " + i + ") { res.status(400); }");
    l.addAll(List.of("  res.sendStatus(201);", "});"));
    List<Finding> f = run(check, newFile("routes.js", l.toArray(new String[0])));
    assertEquals(List.of(2), lines(f));
    assertTrue(f.get(0).summary().contains("app.post callback"), f.get(0).summary());
  }

  @Test
  @DisplayName("test suites made of simple callbacks are not complex")
  void testSuite() {
    List<String> l = new ArrayList<>(List.of("describe('cart', () => {"));
    for (int i = 0; i < 15; i++) l.add("  it('case " + i + "', () => { expect(total(" + i + ")).toBe(" + i + "); });");
    l.add("});");
    assertTrue(run(check, newFile("cart.test.js", l.toArray(new String[0]))).isEmpty());
  }
}
