package dev.synapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.eval.CorpusCase;
import dev.synapse.eval.CorpusReader;
import dev.synapse.signal.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The golden dump: every finding of every check over every corpus case (public, held-out and framework),
 * one line each, compared with {@code src/test/resources/golden/findings.tsv}. A change that
 * alters a finding fails this test until the dump is rewritten with
 * {@code mvn test -Dtest=GoldenFindingsTest -Dgolden.update=true}; the commit message then says
 * why each changed line changed.
 */
class GoldenFindingsTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/findings.tsv");
  private static final List<Path> CORPORA = List.of(
      Path.of("src/test/resources/corpus/review-cases.jsonl"),
      Path.of("src/test/resources/corpus/heldout-cases.jsonl"),
      Path.of("src/test/resources/corpus/framework-cases.jsonl"));

  @Test
  void everyFindingOverTheCorporaMatchesTheGoldenDump() throws IOException {
    String actual = dump();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected = Files.readString(GOLDEN, StandardCharsets.UTF_8);
    assertEquals(expected, actual, "findings changed: rerun with -Dgolden.update=true and explain "
        + "each changed line in the commit message (git diff " + GOLDEN + ")");
  }

  /** @return one line per finding: corpus case, then the finding's fields, tab-separated */
  static String dump() throws IOException {
    List<Check> checks = new ArrayList<>(Checks.security());
    checks.addAll(Checks.performance());
    StringBuilder out = new StringBuilder();
    for (Path corpus : CORPORA) {
      for (CorpusCase c : CorpusReader.read(corpus)) {
        Diff diff;
        try {
          diff = DiffParser.parse(c.diff());
        } catch (RuntimeException e) {
          out.append(c.id()).append("\tPARSE-ERROR\n");
          continue;
        }
        AnalysisContext context = new AnalysisContext(diff, c.hotFunctions(), null);
        for (Check check : checks) {
          for (Finding f : Suppressions.apply(check.run(context), context).kept()) {
            out.append(c.id()).append('\t').append(f.type()).append('\t').append(f.severity())
                .append('\t').append(f.file()).append('\t').append(f.line()).append('\t')
                .append(f.side()).append('\t').append(f.endLine()).append('\t')
                .append(f.ruleId()).append('\t').append(f.cwe()).append('\t')
                .append(String.format(Locale.ROOT, "%.2f", f.confidence())).append('\t')
                .append(f.fingerprint()).append('\t').append(f.summary()).append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
