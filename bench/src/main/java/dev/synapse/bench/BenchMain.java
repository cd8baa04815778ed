package dev.synapse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Entry point of the benchmark jar (run from the repository root, see bench/README.md):
 *
 * <pre>
 *   jmh [--quick] [--out FILE]   run the JMH benchmarks, print the table (and write it to FILE)
 *   lua FILE                     write the HTTP load bodies as a Lua table for wrk
 *   cpu [--quick]                the same operations timed in thread CPU time (no JMH)
 *   describe                     print the inputs (sizes, files, lines)
 *   load --url URL [...]         open-loop latency, saturation and echo ceiling over HTTP ({@link LoadClient})
 * </pre>
 */
public final class BenchMain {
  /** Sizes of the scaling benchmark. */
  static final List<String> SIZES = List.of("1KB", "10KB", "100KB", "1MB");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    String cmd = args.length == 0 ? "jmh" : args[0];
    switch (cmd) {
      case "jmh" -> jmh(args);
      case "lua" -> LuaExport.write(Path.of(args[1]));
      case "load" -> LoadClient.main(args);
      case "describe" -> describe();
      case "cpu" -> System.out.println(CpuTime.table(List.of("typical", "mix", "1KB", "10KB", "100KB", "1MB"),
          args.length > 1 && args[1].equals("--quick")));
      default -> {
        System.err.println("usage: BenchMain jmh [--quick] [--out FILE] | lua FILE | describe");
        System.exit(2);
      }
    }
  }

  private static void describe() {
    for (String name : List.of("typical", "mix", "1KB", "10KB", "100KB", "1MB")) {
      String[] t = Inputs.texts(name);
      long lines = 0;
      long files = 0;
      for (String s : t) {
        lines += s.split("\n", -1).length - 1;
        files += dev.synapse.diff.DiffParser.parse(s).files().size();
      }
      System.out.printf(Locale.ROOT, "%-8s variants=%d mean_bytes=%d mean_files=%.1f mean_lines=%.1f%n", name,
          t.length, Inputs.bytes(t), files / (double) t.length, lines / (double) t.length);
    }
    System.out.println("checks: " + Engine.allChecks().keySet());
  }

  private static void jmh(String[] args) throws RunnerException, IOException {
    boolean quick = false;
    Path out = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--quick")) quick = true;
      else if (args[i].equals("--out")) out = Path.of(args[++i]);
    }
    List<String> checks = new ArrayList<>(Engine.allChecks().keySet());
    List<Row> rows = new ArrayList<>();
    List<String> reviewInputs = new ArrayList<>(List.of("typical", "mix"));
    reviewInputs.addAll(SIZES);
    rows.addAll(run(quick, "review", reviewInputs, null));
    rows.addAll(run(quick, "parse", reviewInputs, null));
    if (!checks.isEmpty()) rows.addAll(run(quick, "check", List.of("typical"), checks));
    String table = table(rows, checks.size()) + "\n" + CpuTime.table(reviewInputs, quick);
    System.out.println();
    System.out.println(table);
    if (out != null) Files.writeString(out, table);
  }

  private static List<Row> run(boolean quick, String benchmark, List<String> inputs, List<String> checks)
      throws RunnerException {
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include(AnalysisBench.class.getName() + "\\." + benchmark + "$")
        .param("input", inputs.toArray(String[]::new))
        .forks(1)
        .threads(1)
        .jvmArgsAppend("-Xms1g", "-Xmx1g")
        .warmupIterations(quick ? 1 : 3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 2 : 5)
        .measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true);
    if (checks != null) b.param("check", checks.toArray(String[]::new));
    List<Row> rows = new ArrayList<>();
    for (RunResult r : new Runner(b.build()).run()) {
      String input = r.getParams().getParam("input");
      String check = checks == null ? "" : r.getParams().getParam("check");
      double ops = r.getPrimaryResult().getScore();
      double err = r.getPrimaryResult().getScoreError();
      long bytes = Inputs.bytes(Inputs.texts(input));
      rows.add(new Row(benchmark, check, input, bytes, ops, Double.isNaN(err) ? 0 : err));
    }
    return rows;
  }

  /**
   * One measured benchmark.
   *
   * @param bytes mean diff size in bytes
   * @param opsPerSec JMH score (operations per second, one thread)
   * @param error JMH 99.9% confidence half-interval
   */
  record Row(String benchmark, String check, String input, long bytes, double opsPerSec, double error) {
    double mbPerSec() {
      return opsPerSec * bytes / 1e6;
    }

    double usPerOp() {
      return 1e6 / opsPerSec;
    }

    double usPerKb() {
      return usPerOp() / (bytes / 1024.0);
    }
  }

  static String table(List<Row> rows, int checkCount) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Analysis engine, one thread (JMH, %d checks registered; %s)%n",
        checkCount, System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
    sb.append("| benchmark | input | diff bytes | ops/s (±99.9%) | MB/s | µs/op | µs/KB |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      String name = r.check().isEmpty() ? r.benchmark() : r.benchmark() + " " + r.check();
      String ops = r.opsPerSec() >= 100
          ? String.format(Locale.ROOT, "%,.0f (±%,.0f)", r.opsPerSec(), r.error())
          : String.format(Locale.ROOT, "%.2f (±%.2f)", r.opsPerSec(), r.error());
      sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.2f | %,.1f | %,.2f |%n", name,
          r.input(), r.bytes(), ops, r.mbPerSec(), r.usPerOp(), r.usPerKb()));
    }
    sb.append("review = parse + all checks + suppressions of a deep review: its ops/s are reviews/s on one thread.\n");
    return sb.toString();
  }
}
