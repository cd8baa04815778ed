import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.analysis.Suppressions;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Yardstick driver: reviews many unified diffs in one JVM, the way a deep review runs them
 * (parse once, every check of both specialists on one shared {@link AnalysisContext}, inline
 * suppressions applied), and writes one JSON line per finding plus one status line per diff.
 *
 * <p>Usage: {@code java -cp target/synapse.jar bench/yardsticks/YardstickDriver.java LIST OUT [TIMEOUT_S]}
 * where LIST is a TSV of {@code diff_id<TAB>path-of-diff-file<TAB>repo}. Each diff gets at most
 * TIMEOUT_S seconds (default 60); a diff that overruns or fails is reported with
 * {@code "status":"error"} and the run goes on. Single-threaded on purpose (busy machine).
 */
public final class YardstickDriver {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: YardstickDriver LIST.tsv OUT.jsonl [TIMEOUT_S]");
      System.exit(2);
    }
    List<String> rows = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    long timeoutS = args.length > 2 ? Long.parseLong(args[2]) : 60;
    Map<String, Check> checks = new LinkedHashMap<>();
    Map<String, String> agents = new LinkedHashMap<>();
    for (Check c : Checks.security()) {
      checks.putIfAbsent(c.id(), c);
      agents.putIfAbsent(c.id(), "security");
    }
    for (Check c : Checks.performance()) {
      checks.putIfAbsent(c.id(), c);
      agents.putIfAbsent(c.id(), "performance");
    }
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "yardstick-review");
      t.setDaemon(true);
      return t;
    });
    long started = System.nanoTime();
    int done = 0;
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      for (String row : rows) {
        if (row.isBlank() || row.startsWith("#")) continue;
        String[] cols = row.split("\t", -1);
        String id = cols[0];
        String text = Files.readString(Path.of(cols[1]), StandardCharsets.UTF_8);
        String repo = cols.length > 2 ? cols[2] : null;
        long t0 = System.nanoTime();
        String status = "ok";
        String error = null;
        List<Finding> findings = List.of();
        Future<List<Finding>> job = pool.submit(() -> review(text, repo, checks.values(), agents, id));
        try {
          findings = job.get(timeoutS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          job.cancel(true);
          status = "error";
          error = "timed out after " + timeoutS + " s";
          pool.shutdownNow();
          pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "yardstick-review");
            t.setDaemon(true);
            return t;
          });
        } catch (Exception e) {
          status = "error";
          error = String.valueOf(e.getCause() != null ? e.getCause() : e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        for (Finding f : findings) {
          out.write(f.toJson().put("diff_id", id).put("kind", "finding").encode());
          out.newLine();
        }
        JsonObject line = new JsonObject().put("diff_id", id).put("kind", "diff").put("status", status)
            .put("findings", findings.size()).put("ms", ms).put("bytes", text.length());
        if (error != null) line.put("error", error);
        out.write(line.encode());
        out.newLine();
        done++;
      }
    }
    System.err.printf("yardsticks: reviewed %d diffs in %.1f s%n", done, (System.nanoTime() - started) / 1e9);
  }

  private static List<Finding> review(String text, String repo, Iterable<Check> checks,
      Map<String, String> agents, String id) {
    Diff diff = DiffParser.parse(text);
    AnalysisContext ctx = new AnalysisContext(diff, List.of(), repo);
    List<Finding> all = new ArrayList<>();
    for (Check check : checks) {
      try {
        for (Finding f : Suppressions.apply(check.run(ctx), ctx).kept()) {
          all.add(f.agent() == null ? f.withAgent(agents.get(check.id())) : f);
        }
      } catch (RuntimeException e) {
        System.err.println("yardsticks: " + id + ": check " + check.id() + " failed: " + e);
      }
    }
    return all;
  }
}
