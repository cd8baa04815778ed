package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.diff.Diff;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Growth of the security checks' cost with input size (issue 14 item 11): each input shape is
 * analysed at sizes n, 2n and 4n, and the thread CPU time (best of three, so that other
 * processes and a stray GC do not count) may grow at most 2.5 times per doubling, i.e. 6.25
 * times from n to 4n; a quadratic path grows 16 times. No absolute time is asserted.
 */
class AnalysisScalingTest {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  /** Allowed growth per doubling of the input. */
  private static final double PER_DOUBLING = 2.5;

  private static long cpu() {
    return CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
  }

  private static long best(Diff diff) {
    long best = Long.MAX_VALUE;
    for (int r = 0; r < 3; r++) {
      long t0 = cpu();
      AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
      int n = 0;
      for (Check c : Checks.security()) n += c.run(ctx).size();
      assertTrue(n >= 0);
      best = Math.min(best, cpu() - t0);
    }
    return Math.max(best, 1);
  }

  /**
   * Measures n, 2n, 4n (after a warm-up at 4n) and asserts the growth; measured twice more
   * before failing, since a loaded machine can stretch one series.
   */
  private static void assertLinear(String name, String path, int n, IntFunction<String> source) {
    Diff[] diffs = new Diff[3];
    for (int i = 0; i < 3; i++) diffs[i] = SecurityTestDiffs.newFile(path, source.apply(n << i));
    best(diffs[2]); // warm-up
    double growth = Double.MAX_VALUE;
    String figures = "";
    for (int attempt = 0; attempt < 3 && growth > PER_DOUBLING * PER_DOUBLING; attempt++) {
      long[] t = new long[3];
      for (int i = 0; i < 3; i++) t[i] = best(diffs[i]);
      growth = (double) t[2] / t[0];
      figures = String.format("%s: n=%d %.1f ms, 2n %.1f ms, 4n %.1f ms (x%.2f)", name, n,
          t[0] / 1e6, t[1] / 1e6, t[2] / 1e6, growth);
      System.out.println(figures);
    }
    assertTrue(growth <= PER_DOUBLING * PER_DOUBLING, "super-linear: " + figures);
  }

  /** f0 builds SQL text from its parameter; each f(i) calls f(i-1) and runs the query. */
  static String javaChain(int n) {
    StringBuilder sb = new StringBuilder("class Chain {\n");
    sb.append("  String f0(String a) { return \"SELECT * FROM t WHERE a = '\" + a + \"'\"; }\n");
    for (int i = 1; i < n; i++) {
      sb.append("  String f").append(i).append("(String a) { String s = f").append(i - 1)
          .append("(a); stmt.executeQuery(s); return s; }\n");
    }
    return sb.append("}\n").toString();
  }

  static String pythonChain(int n) {
    StringBuilder sb = new StringBuilder("def f0(a):\n    return \"SELECT * FROM t WHERE a = '\" + a + \"'\"\n");
    for (int i = 1; i < n; i++) {
      sb.append("def f").append(i).append("(a):\n    s = f").append(i - 1)
          .append("(a)\n    cursor.execute(s)\n    return s\n");
    }
    return sb.toString();
  }

  /** The chain with each function calling the next one, defined later. */
  static String pythonChainForward(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n - 1; i++) {
      sb.append("def f").append(i).append("(a):\n    s = f").append(i + 1)
          .append("(a)\n    cursor.execute(s)\n    return s\n");
    }
    sb.append("def f").append(n - 1).append("(a):\n    return \"SELECT * FROM t WHERE a = '\" + a + \"'\"\n");
    return sb.toString();
  }

  /** One statement concatenating n request values into SQL text. */
  static String longLine(int n) {
    StringBuilder sb = new StringBuilder("def view(request):\n    q = request.GET['q']\n    sql = \"SELECT * FROM t WHERE a = '\"");
    for (int i = 0; i < n; i++) sb.append(" + q + \"x\"");
    return sb.append("\n    cursor.execute(sql)\n").toString();
  }

  /** n nested blocks around a query built from request input. */
  static String deepNesting(int n) {
    StringBuilder sb = new StringBuilder("function h(req, res) {\n  let q = req.query.q;\n");
    for (int i = 0; i < n; i++) sb.append("  if (q.length > ").append(i).append(") {\n");
    sb.append("  db.query(\"SELECT * FROM t WHERE a = '\" + q + \"'\");\n");
    for (int i = 0; i < n; i++) sb.append("  }\n");
    return sb.append("}\n").toString();
  }

  /** n nested JavaScript functions (closures), each defining the next. */
  static String nestedFunctions(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("function g").append(i).append("(a").append(i).append(") {\n");
      sb.append("db.query(\"SELECT \" + a").append(i).append(");\n");
    }
    for (int i = 0; i < n; i++) sb.append("}\n");
    return sb.toString();
  }

  @Test
  @DisplayName("a chain of functions each calling the previous one is analysed in linear time (Java)")
  void javaCallChain() {
    assertLinear("java chain", "src/Chain.java", 8000, AnalysisScalingTest::javaChain);
  }

  @Test
  @DisplayName("a chain of functions each calling the previous one is analysed in linear time (Python)")
  void pythonCallChain() {
    assertLinear("python chain", "chain.py", 8000, AnalysisScalingTest::pythonChain);
    assertLinear("python forward chain", "chain.py", 8000, AnalysisScalingTest::pythonChainForward);
  }

  @Test
  @DisplayName("many independent functions are analysed in linear time")
  void manyFunctions() {
    assertLinear("many functions", "src/Big.java", 2000, SecuritySpeedTest::javaSource);
  }

  @Test
  @DisplayName("one long statement is analysed in linear time")
  void longStatement() {
    assertLinear("long line", "long.py", 2000, AnalysisScalingTest::longLine);
  }

  @Test
  @DisplayName("deeply nested blocks and nested functions are analysed in linear time")
  void deepNestingIsLinear() {
    assertLinear("nested blocks", "deep.js", 1000, AnalysisScalingTest::deepNesting);
    assertLinear("nested functions", "deep.js", 800, AnalysisScalingTest::nestedFunctions);
  }
}
