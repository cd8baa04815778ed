package dev.synapse.bench;

import dev.synapse.analysis.Check;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The same operations as {@link AnalysisBench}, timed in thread CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}) instead of wall-clock time: on a machine
 * shared with other work, JMH's wall-clock scores include the time the thread waited for a core,
 * while CPU time does not (it still includes cache and hyper-thread interference). One thread,
 * after a warm-up of the same length as the measurement.
 */
final class CpuTime {
  private CpuTime() {}

  /** @return the markdown table */
  static String table(List<String> inputs, boolean quick) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<String> rows = new ArrayList<>();
    List<Check> checks = Engine.checkList();
    long budgetNs = (quick ? 1 : 3) * 1_000_000_000L;
    for (String input : inputs) {
      String[] texts = Inputs.texts(input);
      Diff[] parsed = new Diff[texts.length];
      for (int i = 0; i < texts.length; i++) parsed[i] = DiffParser.parse(texts[i]);
      long bytes = Inputs.bytes(texts);
      rows.add(row("review", input, bytes, measure(mx, budgetNs, i -> Engine.review(texts[i % texts.length], checks))));
      rows.add(row("parse", input, bytes, measure(mx, budgetNs, i -> DiffParser.parse(texts[i % texts.length]))));
      if (input.equals("typical")) {
        for (Map.Entry<String, Check> e : Engine.allChecks().entrySet()) {
          Check c = e.getValue();
          rows.add(row("check " + e.getKey(), input, bytes,
              measure(mx, budgetNs / 3, i -> c.run(Engine.context(parsed[i % parsed.length])))));
        }
      }
    }
    StringBuilder sb = new StringBuilder("Analysis engine, one thread, thread CPU time (robust to other load on the machine)\n");
    sb.append("| benchmark | input | diff bytes | CPU µs/op | ops/s per core | MB/s per core | CPU µs/KB |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (String r : rows) sb.append(r).append('\n');
    return sb.toString();
  }

  /** @return mean CPU ns per operation: warm-up, then as many operations as fit the budget */
  private static double measure(ThreadMXBean mx, long budgetNs, IntConsumer op) {
    long start = mx.getCurrentThreadCpuTime();
    int i = 0;
    while (mx.getCurrentThreadCpuTime() - start < budgetNs || i < 2) op.accept(i++);
    long t0 = mx.getCurrentThreadCpuTime();
    int n = 0;
    while (mx.getCurrentThreadCpuTime() - t0 < budgetNs || n < 3) op.accept(n++);
    return (mx.getCurrentThreadCpuTime() - t0) / (double) n;
  }

  private static String row(String name, String input, long bytes, double nsPerOp) {
    double us = nsPerOp / 1e3;
    return String.format(Locale.ROOT, "| %s | %s | %d | %,.1f | %,.1f | %.2f | %,.2f |", name, input, bytes, us,
        1e6 / us, bytes / us, us / (bytes / 1024.0));
  }
}
