package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.diff.Diff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Speed probes: prints the time of all security checks on generated 1,000 and 4,000-line diffs
 * (no timing assertions), and bounds adversarial 1 MB single lines with a generous timeout.
 */
class SecuritySpeedTest {

  static String javaSource(int lines) {
    StringBuilder sb = new StringBuilder("public class Big {\n");
    int n = 1;
    int m = 0;
    while (n < lines - 1) {
      sb.append("  public String handle").append(m++).append("(HttpServletRequest request, String p) {\n");
      sb.append("    String q = request.getParameter(\"q\");\n");
      sb.append("    java.util.Map<String, String> map = new java.util.HashMap<>();\n");
      sb.append("    map.put(\"a\", q);\n");
      sb.append("    String sql = \"SELECT * FROM t WHERE a = '\" + map.get(\"a\") + \"'\";\n");
      sb.append("    if ((7 * 42) - 86 > 200) { q = \"x\"; } else { q = p; }\n");
      sb.append("    statement.executeQuery(sql);\n");
      sb.append("    return String.format(\"%s-%s\", q, p);\n");
      sb.append("  }\n");
      n += 9;
    }
    sb.append("}\n");
    return sb.toString();
  }

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** @return CPU time of the current thread in ns (wall time would include other processes) */
  private static long cpu() {
    return CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
  }

  private static long runAll(Diff diff) {
    long t0 = cpu();
    AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
    int count = 0;
    for (Check c : Checks.security()) count += c.run(ctx).size();
    assertNotNull(Integer.valueOf(count));
    return cpu() - t0;
  }

  @Test
  @DisplayName("prints the time of all security checks on 1,000 and 4,000-line diffs")
  void thousandLines() {
    Diff small = SecurityTestDiffs.newFile("src/Big.java", javaSource(1000));
    Diff large = SecurityTestDiffs.newFile("src/Big.java", javaSource(4000));
    for (int i = 0; i < 30; i++) runAll(small); // warm-up
    long best = Long.MAX_VALUE;
    long total = 0;
    for (int i = 0; i < 50; i++) {
      long t = runAll(small);
      best = Math.min(best, t);
      total += t;
    }
    long bestLarge = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) bestLarge = Math.min(bestLarge, runAll(large));
    System.out.printf("security checks (thread CPU time), 1,000-line diff: best %.2f ms, mean %.2f ms; 4,000 lines: best %.2f ms%n",
        best / 1e6, total / 50 / 1e6, bestLarge / 1e6);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"java:a.", "java:(", "java:\"", "java:a+", "java:{", "java:x=",
      "javascript:${`", "javascript:/[", "ruby:<<~A ", "ruby:%w(", "ruby:#{\"", "python:f'{",
      "php:$a.", "elixir:~s(", "go:func(", "csharp:$\"{", "kotlin:${\"", "typescript:<?"})
  @DisplayName("a 1 MB adversarial single line is analysed by every security check within the bound")
  void adversarialLine(String spec) {
    String lang = spec.substring(0, spec.indexOf(':'));
    String unit = spec.substring(spec.indexOf(':') + 1);
    String ext = switch (lang) {
      case "java" -> "java"; case "javascript" -> "js"; case "ruby" -> "rb"; case "python" -> "py";
      case "php" -> "php"; case "elixir" -> "ex"; case "go" -> "go"; case "csharp" -> "cs";
      case "kotlin" -> "kt"; default -> "ts";
    };
    StringBuilder sb = new StringBuilder(1 << 20);
    while (sb.length() < (1 << 20)) sb.append(unit);
    Diff diff = SecurityTestDiffs.newFile("adv." + ext, sb.toString());
    long ms = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> runAll(diff) / 1_000_000);
    System.out.println("adversarial " + spec + ": " + ms + " ms");
  }

  @Test
  @DisplayName("many small adversarial lines are analysed within the bound")
  void manyLines() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < 20000; i++) parts.add("x" + i + " = y(\"" + i + "\" + req.query.a" + i + ")");
    Diff diff = SecurityTestDiffs.newFile("many.js", String.join("\n", parts));
    long ms = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> runAll(diff) / 1_000_000);
    System.out.println("20,000 statements: " + ms + " ms");
  }
}
