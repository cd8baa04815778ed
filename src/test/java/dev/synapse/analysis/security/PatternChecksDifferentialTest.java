package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * TEMPORARY (issue 12, names out of the pattern checks): the four pattern checks as they were
 * (Old* copies, old word lists) and as they are now must report the same findings on the
 * corpora, the bundled rule cases and any diffs under {@code -Ddiff.dirs=DIR,DIR}.
 */
class PatternChecksDifferentialTest {

  @Test
  @DisplayName("the pattern checks report the same findings before and after their names moved to packs")
  void sameFindings() throws IOException {
    List<String[]> inputs = new ArrayList<>();
    for (String c : List.of("review-cases", "heldout-cases", "framework-cases")) {
      for (CorpusCase cc : CorpusReader.read(Path.of("src/test/resources/corpus/" + c + ".jsonl"))) {
        inputs.add(new String[] {cc.id(), cc.diff()});
      }
    }
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of("src/main/resources/rules/tests"));
    for (String d : System.getProperty("diff.dirs", "").split(",")) if (!d.isBlank()) dirs.add(Path.of(d));
    for (Path dir : dirs) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          String text = Files.readString(p, StandardCharsets.UTF_8);
          if (!p.toString().endsWith(".diff")) text = added(dir.relativize(p).toString(), text);
          inputs.add(new String[] {p.toString(), text});
        }
      }
    }
    List<Check> olds = List.of(new OldAuthBypassCheck(), new OldWeakCryptoCheck(), new OldHardcodedSecretCheck(),
        new OldInsecureCookieCheck());
    List<Check> news = new ArrayList<>();
    for (Check o : olds) {
      for (Check c : SecurityChecks.all()) if (c.category().equals(o.category())) news.add(c);
    }
    assertEquals(4, news.size());
    int n = 0;
    int findings = 0;
    StringBuilder diffs = new StringBuilder();
    for (String[] in : inputs) {
      Diff diff;
      try {
        diff = DiffParser.parse(in[1]);
      } catch (RuntimeException e) {
        continue;
      }
      n++;
      AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
      for (int k = 0; k < 4; k++) {
        String a = dump(olds.get(k).run(ctx));
        String b = dump(news.get(k).run(ctx));
        findings += a.lines().count();
        if (!a.equals(b)) diffs.append(in[0]).append(" ").append(olds.get(k).category()).append("\n--- old\n")
            .append(a).append("+++ new\n").append(b);
      }
    }
    System.out.println("differential: " + n + " diffs, " + findings + " findings of the old checks");
    assertEquals("", diffs.toString());
  }

  private static String added(String path, String text) {
    String[] lines = text.split("\n", -1);
    int n = text.endsWith("\n") ? lines.length - 1 : lines.length;
    StringBuilder sb = new StringBuilder("diff --git a/" + path + " b/" + path + "\nnew file mode 100644\n--- /dev/null\n+++ b/"
        + path + "\n@@ -0,0 +1," + n + " @@\n");
    for (int i = 0; i < n; i++) sb.append('+').append(lines[i]).append('\n');
    return sb.toString();
  }

  private static String dump(List<Finding> fs) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : fs) {
      sb.append(f.type()).append('\t').append(f.severity()).append('\t').append(f.file()).append('\t')
          .append(f.line()).append('\t').append(f.side()).append('\t').append(f.cwe()).append('\t')
          .append(f.confidence()).append('\t').append(f.fingerprint()).append('\t').append(f.summary())
          .append('\n');
    }
    return sb.toString();
  }
}
