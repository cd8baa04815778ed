package dev.synapse.bench;

import dev.synapse.analysis.Check;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of the analysis engine on one thread (throughput mode, operations per second).
 * {@link BenchMain} converts them to MB/s of diff and reviews/s and prints the table.
 *
 * <ul>
 *   <li>{@code parse}: {@code DiffParser.parse} alone;
 *   <li>{@code check}: one check on an already parsed diff, fresh per-review memo each call (so
 *       shared per-file work such as lexing is counted in every check that uses it);
 *   <li>{@code review}: a whole deep review: parse + every check + suppressions.
 * </ul>
 *
 * Inputs ({@code input} parameter): {@code typical} (3 files, ~150 lines), {@code mix} (every
 * corpus case in turn, one review per case), or a size {@code 1KB}, {@code 10KB}, {@code 100KB},
 * {@code 1MB} (scaling).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AnalysisBench {

  /** The input diff(s). */
  @State(Scope.Thread)
  public static class Input {
    @Param({"typical"})
    public String input;

    String[] texts;
    Diff[] parsed;
    long bytes;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      texts = Inputs.texts(input);
      parsed = new Diff[texts.length];
      for (int i = 0; i < texts.length; i++) parsed[i] = DiffParser.parse(texts[i]);
      bytes = Inputs.bytes(texts);
    }

    String nextText() {
      String t = texts[next];
      next = next + 1 == texts.length ? 0 : next + 1;
      return t;
    }

    Diff nextDiff() {
      Diff d = parsed[next];
      next = next + 1 == parsed.length ? 0 : next + 1;
      return d;
    }
  }

  /** The check under test. */
  @State(Scope.Thread)
  public static class OneCheck {
    @Param({"none"})
    public String check;

    Check instance;

    @Setup(Level.Trial)
    public void setUp() {
      instance = Engine.allChecks().get(check);
      if (instance == null) throw new IllegalArgumentException("no check with id " + check + "; have " + Engine.allChecks().keySet());
    }
  }

  /** Every check. */
  @State(Scope.Thread)
  public static class AllChecks {
    List<Check> checks;

    @Setup(Level.Trial)
    public void setUp() {
      checks = Engine.checkList();
    }
  }

  @Benchmark
  public Diff parse(Input in) {
    return DiffParser.parse(in.nextText());
  }

  @Benchmark
  public List<Finding> check(Input in, OneCheck c) {
    return c.instance.run(Engine.context(in.nextDiff()));
  }

  @Benchmark
  public int review(Input in, AllChecks all) {
    return Engine.review(in.nextText(), all.checks);
  }
}
