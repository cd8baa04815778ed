package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.analysis.lang.Functions;
import dev.synapse.diff.Diff;
import dev.synapse.signal.Side;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Developer aid: minimum per-stage CPU times over 200 runs of the spec in /tmp/synapse-speed. */
class SpeedProbeTest {
  @Test
  @DisplayName("prints per-check CPU timings for a probe input")
  void probe() throws Exception {
    Path f = Path.of("/tmp/synapse-speed");
    Assumptions.assumeTrue(Files.exists(f));
    String[] spec = Files.readString(f).trim().split(" ", 3);
    StringBuilder sb = new StringBuilder();
    int size = Integer.parseInt(spec[1]);
    if (spec[2].equals("JAVA1000")) sb.append(SecuritySpeedTest.javaSource(size));
    else while (sb.length() < size) sb.append(spec[2]);
    Diff diff = SecurityTestDiffs.newFile("adv." + spec[0], sb.toString());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> best = new LinkedHashMap<>();
    for (int rep = 0; rep < (spec[2].equals("JAVA1000") ? 200 : 2); rep++) {
      AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
      long a = mx.getCurrentThreadCpuTime();
      Functions.view(ctx, diff.files().get(0), Side.NEW);
      long b = mx.getCurrentThreadCpuTime();
      best.merge("view(lex)", b - a, Math::min);
      Functions.of(ctx, diff.files().get(0), Side.NEW);
      long c = mx.getCurrentThreadCpuTime();
      best.merge("functions", c - b, Math::min);
      for (Check ch : Checks.security()) {
        long x = mx.getCurrentThreadCpuTime();
        ch.run(ctx);
        best.merge(ch.id(), mx.getCurrentThreadCpuTime() - x, Math::min);
      }
    }
    StringBuilder out = new StringBuilder("SPEED");
    best.forEach((k, v) -> out.append(String.format(" %s=%.2f", k, v / 1e6)));
    System.out.println(out);
  }
}
