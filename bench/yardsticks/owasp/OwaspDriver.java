import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.analysis.Suppressions;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OWASP Benchmark yardstick driver: reviews one diff per test file in one JVM, the way a deep
 * review's security specialist runs it (parse once, every check of {@link Checks#security()} on
 * one shared {@link AnalysisContext}, inline suppressions applied), and writes one JSON line per
 * finding plus one status line per diff.
 *
 * <p>Usage: {@code java -cp target/synapse.jar bench/yardsticks/owasp/OwaspDriver.java LIST OUT}
 * where LIST is a TSV of {@code diff_id<TAB>path-of-diff-file}. A check that throws is reported on
 * stderr and the run goes on. Single-threaded on purpose (busy machine).
 */
public final class OwaspDriver {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: OwaspDriver LIST.tsv OUT.jsonl");
      System.exit(2);
    }
    Map<String, Check> checks = new LinkedHashMap<>();
    for (Check c : Checks.security()) checks.putIfAbsent(c.id(), c);
    long started = System.nanoTime();
    int done = 0;
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      for (String row : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
        if (row.isBlank() || row.startsWith("#")) continue;
        String[] cols = row.split("\t", -1);
        String id = cols[0];
        Diff diff = DiffParser.parse(Files.readString(Path.of(cols[1]), StandardCharsets.UTF_8));
        AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
        long t0 = System.nanoTime();
        int n = 0;
        for (Check check : checks.values()) {
          try {
            for (Finding f : Suppressions.apply(check.run(ctx), ctx).kept()) {
              out.write(f.toJson().put("diff_id", id).put("kind", "finding").encode());
              out.newLine();
              n++;
            }
          } catch (RuntimeException e) {
            System.err.println("owasp: " + id + ": check " + check.id() + " failed: " + e);
          }
        }
        out.write(new JsonObject().put("diff_id", id).put("kind", "diff").put("findings", n)
            .put("ms", (System.nanoTime() - t0) / 1_000_000).encode());
        out.newLine();
        done++;
      }
    }
    System.err.printf("owasp: reviewed %d diffs in %.1f s%n", done, (System.nanoTime() - started) / 1e9);
  }
}
