package dev.synapse.analysis.security;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Suppressions;
import dev.synapse.analysis.lang.Language;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs annotated example cases of rule packs, Semgrep-style: a comment ({@code #}, {@code //},
 * {@code /*}, {@code --}, {@code <!--}, {@code <%#}, Razor {@code @*}, Pug {@code //-}, Handlebars
 * {@code {{!}) {@code ruleid: <category>}
 * expects a finding of that category on the next line, {@code ok: <category>} expects none there
 * (several categories may be listed, comma-separated). The whole file is reviewed as a diff that
 * adds it, with the given knowledge's security checks. Stateless apart from the shared checks;
 * thread-safe.
 */
public final class RuleCases {
  /** Largest case file, in characters. */
  public static final int MAX_CHARS = 256 * 1024;

  /** A marker in a comment: {@code # ruleid: xss}, {@code // ok: sql_injection, xss}, {@code <!-- ruleid: xss}. */
  private static final Pattern MARKER = Pattern.compile(
      "(?:#|//-?|/\\*|--|<!--|<%#|@\\*|\\{\\{!(?:--)?)\\s*(ruleid|ok)\\s*:\\s*([a-z][a-z0-9_]*(?:\\s*,\\s*[a-z][a-z0-9_]*)*)");

  /**
   * The outcome of one case file.
   *
   * @param file the file name as given
   * @param expected number of {@code ruleid:} expectations
   * @param okMarks number of {@code ok:} expectations
   * @param problems one line each: missed findings, findings on {@code ok:} lines, findings of a
   *     marked category on unmarked lines, unknown categories; empty when the case passes
   */
  public record Result(String file, int expected, int okMarks, List<String> problems) {
    /** @return true when every expectation held */
    public boolean passed() {
      return problems.isEmpty();
    }
  }

  private final List<Check> checks;
  private final SecurityKnowledge knowledge;
  private final Set<String> categories = new HashSet<>();

  /** @param knowledge the rule packs the cases run against */
  public RuleCases(SecurityKnowledge knowledge) {
    this.checks = SecurityChecks.all(knowledge);
    this.knowledge = knowledge;
    for (Rule r : Rule.values()) categories.add(r.category());
  }

  /**
   * @param name a file name
   * @param knowledge the rule packs
   * @return true when the name's extension selects a language or a template rule of the packs
   *     applies to it (so it can be a case file)
   */
  public static boolean caseFile(String name, SecurityKnowledge knowledge) {
    return Language.detect(name) != Language.UNKNOWN || !TemplateSinks.rowsFor(name, knowledge).isEmpty();
  }

  /**
   * @param name the file name (its extension selects the language), e.g. {@code tests/python/flask.py}
   * @param content the file's text
   * @return the outcome; a file without markers fails ("no ruleid: or ok: markers")
   */
  public Result run(String name, String content) {
    List<String> problems = new ArrayList<>();
    if (content.length() > MAX_CHARS) {
      return new Result(name, 0, 0, List.of(name + ": larger than " + MAX_CHARS + " characters"));
    }
    if (!caseFile(name, knowledge)) {
      return new Result(name, 0, 0, List.of(name + ": unknown language (file extension)"));
    }
    String[] lines = content.split("\n", -1);
    int n = lines.length;
    if (n > 0 && lines[n - 1].isEmpty()) n--;
    Set<String> expect = new TreeSet<>();
    Set<String> ok = new TreeSet<>();
    Set<String> marked = new HashSet<>();
    Set<Integer> markerLines = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Matcher m = MARKER.matcher(lines[i]);
      if (!m.find()) continue;
      markerLines.add(i + 1);
      for (String c : m.group(2).split(",")) {
        String cat = c.strip();
        if (!categories.contains(cat)) {
          problems.add(name + ":" + (i + 1) + ": unknown category '" + cat + "'");
          continue;
        }
        marked.add(cat);
        (m.group(1).equals("ruleid") ? expect : ok).add(key(cat, i + 2));
      }
    }
    if (expect.isEmpty() && ok.isEmpty() && problems.isEmpty()) {
      return new Result(name, 0, 0, List.of(name + ": no ruleid: or ok: markers"));
    }
    Set<String> found = new TreeSet<>();
    for (Finding f : findings(name, lines, n)) {
      if (marked.contains(f.type())) found.add(key(f.type(), f.line()));
    }
    for (String e : expect) {
      if (!found.contains(e)) problems.add(name + ":" + line(e) + ": missed " + cat(e));
    }
    for (String o : ok) {
      if (found.contains(o)) problems.add(name + ":" + line(o) + ": unexpected " + cat(o) + " on an ok: line");
    }
    for (String f : found) {
      if (!expect.contains(f) && !ok.contains(f) && !markerLines.contains(line(f))) {
        problems.add(name + ":" + line(f) + ": unexpected " + cat(f) + " (unmarked line)");
      }
    }
    return new Result(name, expect.size(), ok.size(), List.copyOf(problems));
  }

  private List<Finding> findings(String name, String[] lines, int n) {
    String path = name.replace('\\', '/').replaceAll("^/+", "");
    // a case file is an example of application code: analysed under its file name alone, so
    // that the folder holding the cases (rules/tests/) does not make it test code
    path = path.substring(path.lastIndexOf('/') + 1);
    StringBuilder sb = new StringBuilder();
    sb.append("diff --git a/").append(path).append(" b/").append(path).append('\n')
        .append("new file mode 100644\n--- /dev/null\n+++ b/").append(path).append('\n')
        .append("@@ -0,0 +1,").append(n).append(" @@\n");
    for (int i = 0; i < n; i++) sb.append('+').append(lines[i]).append('\n');
    Diff diff = DiffParser.parse(sb.toString());
    AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
    List<Finding> out = new ArrayList<>();
    for (Check c : checks) out.addAll(Suppressions.apply(c.run(ctx), ctx).kept());
    return out;
  }

  private static String key(String cat, int line) {
    return String.format("%08d %s", line, cat);
  }

  private static int line(String key) {
    return Integer.parseInt(key.substring(0, 8));
  }

  private static String cat(String key) {
    return key.substring(9);
  }
}
