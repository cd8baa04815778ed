package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.analysis.Suppressions;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: diffs built from source text, and running the security checks on them. */
final class SecurityTestDiffs {
  private SecurityTestDiffs() {}

  /** @return a diff adding {@code path} with the given content (every line added) */
  static Diff newFile(String path, String content) {
    String[] lines = content.split("\n", -1);
    int n = lines.length;
    if (n > 0 && lines[n - 1].isEmpty()) n--;
    StringBuilder sb = new StringBuilder();
    sb.append("diff --git a/").append(path).append(" b/").append(path).append('\n')
        .append("new file mode 100644\n--- /dev/null\n+++ b/").append(path).append('\n')
        .append("@@ -0,0 +1,").append(n).append(" @@\n");
    for (int i = 0; i < n; i++) sb.append('+').append(lines[i]).append('\n');
    return DiffParser.parse(sb.toString());
  }

  /**
   * A diff of one hunk: lines starting with '+' are added, '-' removed, anything else context
   * (a leading space is optional).
   */
  static Diff hunk(String path, int firstLine, String... lines) {
    StringBuilder body = new StringBuilder();
    int oldN = 0;
    int newN = 0;
    for (String l : lines) {
      char c = l.isEmpty() ? ' ' : l.charAt(0);
      if (c == '+') {
        newN++;
        body.append(l).append('\n');
      } else if (c == '-') {
        oldN++;
        body.append(l).append('\n');
      } else {
        oldN++;
        newN++;
        body.append(c == ' ' ? l : " " + l).append('\n');
      }
    }
    String header = "diff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/" + path
        + "\n@@ -" + firstLine + "," + oldN + " +" + firstLine + "," + newN + " @@\n";
    return DiffParser.parse(header + body);
  }

  /** @return all security findings after suppression */
  static List<Finding> run(Diff diff) {
    AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
    List<Finding> out = new ArrayList<>();
    for (Check c : Checks.security()) out.addAll(Suppressions.apply(c.run(ctx), ctx).kept());
    return out;
  }

  /** @return findings of one category */
  static List<Finding> run(Diff diff, String category) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : run(diff)) if (f.type().equals(category)) out.add(f);
    return out;
  }

  /** @return the lines of findings of one category */
  static List<Integer> lines(Diff diff, String category) {
    return run(diff, category).stream().map(Finding::line).toList();
  }
}
