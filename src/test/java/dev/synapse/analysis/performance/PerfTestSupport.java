package dev.synapse.analysis.performance;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import java.util.ArrayList;
import java.util.List;

/** Builds small unified diffs for the performance-check tests. */
final class PerfTestSupport {
  private PerfTestSupport() {}

  /**
   * A one-hunk diff of a modified file.
   *
   * @param path file path
   * @param oldStart first old line of the hunk (new start is the same)
   * @param lines hunk lines, each starting with ' ', '+' or '-'
   */
  static String diff(String path, int oldStart, String... lines) {
    int oldCount = 0;
    int newCount = 0;
    for (String l : lines) {
      if (!l.startsWith("+")) oldCount++;
      if (!l.startsWith("-")) newCount++;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
    sb.append("--- a/").append(path).append('\n');
    sb.append("+++ b/").append(path).append('\n');
    sb.append("@@ -").append(oldStart).append(',').append(oldCount).append(" +").append(oldStart)
        .append(',').append(newCount).append(" @@\n");
    for (String l : lines) sb.append(l).append('\n');
    return sb.toString();
  }

  /** A diff that adds a new file whose lines are all added (line i of the list is line i+1). */
  static String newFile(String path, String... lines) {
    StringBuilder sb = new StringBuilder();
    sb.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
    sb.append("new file mode 100644\n--- /dev/null\n+++ b/").append(path).append('\n');
    sb.append("@@ -0,0 +1,").append(lines.length).append(" @@\n");
    for (String l : lines) sb.append('+').append(l).append('\n');
    return sb.toString();
  }

  static List<Finding> run(Check check, String diff) {
    return run(check, diff, List.of());
  }

  static List<Finding> run(Check check, String diff, List<String> hot) {
    return check.run(new AnalysisContext(DiffParser.parse(diff), hot, null));
  }

  static List<Integer> lines(List<Finding> findings) {
    List<Integer> out = new ArrayList<>();
    for (Finding f : findings) out.add(f.line());
    return out;
  }

  /** @return the performance view of the first file of a diff, built as the checks build it */
  static FileView view(String diff) {
    var parsed = DiffParser.parse(diff);
    return FileView.of(new AnalysisContext(parsed, List.of(), null), parsed.files().get(0));
  }

  /** Cyclomatic complexity of a code fragment, masked and tokenised as the checks do. */
  static int complexity(SourceLanguage lang, String... code) {
    String ext = switch (lang) {
      case JAVA -> "java";
      case KOTLIN -> "kt";
      case PYTHON -> "py";
      case JAVASCRIPT -> "js";
      case TYPESCRIPT -> "ts";
      case GO -> "go";
      case RUBY -> "rb";
      case PHP -> "php";
      case ELIXIR -> "ex";
      case CSHARP -> "cs";
      case UNKNOWN -> "txt";
    };
    List<Toks> toks = new ArrayList<>();
    for (FileView.Row r : view(newFile("f." + ext, code)).rows) toks.add(r.toks());
    return Complexity.of(lang, toks);
  }
}
