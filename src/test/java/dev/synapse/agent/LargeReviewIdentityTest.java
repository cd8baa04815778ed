package dev.synapse.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.analysis.Suppressions;
import dev.synapse.analysis.TestCodePolicy;
import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffChunks;
import dev.synapse.diff.DiffParser;
import dev.synapse.diff.FileDiff;
import dev.synapse.eval.CorpusCase;
import dev.synapse.eval.CorpusReader;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.signal.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A large review analysed chunk by chunk, chunks in any order ({@link LargeReviewRunner}), gives
 * exactly the findings of the sequential run over the whole diff, in the same order, with the same
 * suppressed counts: on every corpus case, and on all corpus diffs joined into one multi-file diff
 * cut at several chunk sizes.
 */
class LargeReviewIdentityTest {
  private static final List<Path> CORPORA = List.of(
      Path.of("src/test/resources/corpus/review-cases.jsonl"),
      Path.of("src/test/resources/corpus/heldout-cases.jsonl"),
      Path.of("src/test/resources/corpus/framework-cases.jsonl"));
  private static final TestCodePolicy POLICY = new TestCodePolicy(TestCodePolicy.DEFAULT_MAX);

  private static List<Check> checks() {
    List<Check> checks = new ArrayList<>(Checks.security());
    checks.addAll(Checks.performance());
    return checks;
  }

  /** The sequential run, as {@link ActionRunner} does it: each check over the whole diff, in order. */
  private static List<String> sequential(String text, List<String> hot, List<Check> checks) {
    AnalysisContext ctx = new AnalysisContext(DiffParser.parse(text), hot, "acme/shop", POLICY);
    List<String> out = new ArrayList<>();
    for (Check c : checks) {
      Suppressions.Filtered f = Suppressions.apply(c.run(ctx), ctx);
      out.add(c.id() + " suppressed=" + f.suppressed());
      for (Finding x : f.kept()) out.add(describe(x));
    }
    return out;
  }

  /** The chunked run, chunks executed last to first to show the order of execution does not matter. */
  private static List<String> chunked(String text, List<String> hot, List<Check> checks, int chunkChars) {
    return chunked(text, hot, checks, chunkChars, false);
  }

  private static List<String> chunked(String text, List<String> hot, List<Check> checks, int chunkChars,
      boolean distinctPaths) {
    LargeReviewRunner runner = new LargeReviewRunner("security_specialist", new AgentState("security_specialist"),
        SynapseMetrics.inMemory(), 600_000, 0, null, chunkChars);
    LargeReviewRunner.Run run = new LargeReviewRunner.Run("r1", text, chunkChars, checks, hot, "acme/shop", POLICY);
    for (int c = run.chunks() - 1; c >= 0; c--) runner.runChunk(run, c);
    if (distinctPaths) assertTrue(!run.pathInTwoChunks, "no path in two chunks: the chunked path was taken");
    runner.finish(run);
    List<String> out = new ArrayList<>();
    for (LargeReviewRunner.CheckOutcome o : runner.outcomes(run)) {
      assertEquals(null, o.error(), o.action());
      out.add(o.action() + " suppressed=" + o.suppressed());
      for (Finding x : o.kept()) out.add(describe(x));
    }
    return out;
  }

  /** assertEquals on lists that names the first difference instead of printing both lists. */
  private static void assertSame(List<String> expected, List<String> actual, String what) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      assertEquals(expected.get(i), actual.get(i), what + ": first difference at entry " + i);
    }
    assertEquals(expected.size(), actual.size(), what + ": entries");
  }

  private static String describe(Finding f) {
    return f.type() + "|" + f.severity() + "|" + f.file() + "|" + f.line() + "|" + f.side() + "|" + f.endLine() + "|"
        + f.ruleId() + "|" + f.confidence() + "|" + f.fingerprint() + "|" + f.summary();
  }

  @Test
  @DisplayName("every corpus case gives the same findings, in the same order, file by file as in one piece")
  void everyCorpusCase() throws IOException {
    List<Check> checks = checks();
    int cases = 0;
    for (Path corpus : CORPORA) {
      for (CorpusCase c : CorpusReader.read(corpus)) {
        List<String> expected;
        try {
          expected = sequential(c.diff(), c.hotFunctions(), checks);
        } catch (RuntimeException e) {
          continue; // a case whose diff does not parse is refused at the edge; nothing to compare
        }
        assertSame(expected, chunked(c.diff(), c.hotFunctions(), checks, 1), c.id());
        cases++;
      }
    }
    assertTrue(cases > 200, "cases compared: " + cases);
  }

  @Test
  @DisplayName("all corpus diffs joined into one diff (paths made distinct) give the same findings, in the same order, at any chunk size")
  void allCorporaAsOneDiff() throws IOException {
    StringBuilder joined = new StringBuilder();
    Set<String> hot = new LinkedHashSet<>();
    int n = 0;
    for (Path corpus : CORPORA) {
      for (CorpusCase c : CorpusReader.read(corpus)) {
        if (!c.diff().startsWith("diff --git ")) continue;
        try {
          DiffParser.parse(c.diff());
        } catch (RuntimeException e) {
          continue;
        }
        joined.append(prefixPaths(c.diff(), "case" + (n++) + "/"));
        hot.addAll(c.hotFunctions());
      }
    }
    String text = joined.toString();
    List<String> hotList = List.copyOf(hot);
    List<Check> checks = checks();
    List<String> expected = sequential(text, hotList, checks);
    assertTrue(expected.size() > 300, "findings and check lines: " + expected.size());
    for (int size : new int[] {1, 3000, 20_000, 100_000}) {
      assertSame(expected, chunked(text, hotList, checks, size, true), "chunk size " + size);
    }
  }

  @Test
  @DisplayName("a diff naming one path in two chunks is analysed in one piece, with the sequential result")
  void samePathTwice() throws IOException {
    StringBuilder joined = new StringBuilder();
    for (CorpusCase c : CorpusReader.read(CORPORA.get(0))) {
      joined.append(c.diff());
      if (!c.diff().endsWith("\n")) joined.append('\n');
    }
    String text = joined.toString() + joined;
    List<Check> checks = checks();
    assertSame(sequential(text, List.of(), checks), chunked(text, List.of(), checks, 1), "same paths twice");
  }

  @Test
  @DisplayName("a guard removed in one chunk and added again in another is not reported, as in the one-piece run")
  void guardMovedAcrossChunks() {
    String removed = """
        diff --git a/src/main/java/com/acme/admin/AdminController.java b/src/main/java/com/acme/admin/AdminController.java
        index 365baa8..c9edc3b 100644
        --- a/src/main/java/com/acme/admin/AdminController.java
        +++ b/src/main/java/com/acme/admin/AdminController.java
        @@ -13,7 +12,6 @@
                 this.users = users;
             }
        \s
        -    @PreAuthorize("hasRole('ADMIN')")
             @DeleteMapping("/admin/users/{id}")
             public void delete(@PathVariable long id) {
                 users.delete(id);
        """;
    String added = """
        diff --git a/src/main/java/com/acme/admin/AdminRoutes.java b/src/main/java/com/acme/admin/AdminRoutes.java
        index 1111111..2222222 100644
        --- a/src/main/java/com/acme/admin/AdminRoutes.java
        +++ b/src/main/java/com/acme/admin/AdminRoutes.java
        @@ -5,6 +5,7 @@
             }
        \s
        +    @PreAuthorize("hasRole('ADMIN')")
             @DeleteMapping("/admin/users/{id}")
             public void delete(@PathVariable long id) {
                 users.delete(id);
        """;
    List<Check> checks = checks();
    // alone, the removal is reported; with the guard added in the other file, it is not
    assertTrue(sequential(removed, List.of(), checks).stream().anyMatch(l -> l.startsWith("auth_bypass|")));
    for (String text : List.of(removed + added, added + removed)) {
      List<String> expected = sequential(text, List.of(), checks);
      assertTrue(expected.stream().noneMatch(l -> l.startsWith("auth_bypass|") && l.contains("|OLD|")), expected.toString());
      assertSame(expected, chunked(text, List.of(), checks, 1, true), "guard moved across chunks");
    }
  }

  /** @return the diff with every path under {@code prefix}, so that joined cases never share a path */
  private static String prefixPaths(String diff, String prefix) {
    StringBuilder out = new StringBuilder();
    for (String line : diff.split("\n", -1)) {
      if (line.startsWith("diff --git ")) {
        line = line.replace(" a/", " a/" + prefix).replace(" b/", " b/" + prefix);
      } else if (line.startsWith("--- a/")) {
        line = "--- a/" + prefix + line.substring(6);
      } else if (line.startsWith("+++ b/")) {
        line = "+++ b/" + prefix + line.substring(6);
      } else if (line.startsWith("rename from ") || line.startsWith("copy from ")) {
        int sp = line.indexOf(" from ") + 6;
        line = line.substring(0, sp) + prefix + line.substring(sp);
      } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
        int sp = line.indexOf(" to ") + 4;
        line = line.substring(0, sp) + prefix + line.substring(sp);
      }
      out.append(line).append('\n');
    }
    // split(-1) leaves one empty piece after a final newline: drop the extra newline
    String s = out.toString();
    return diff.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  @Test
  @DisplayName("the chunks' parses, in order, are the parse of the whole diff")
  void chunksParseLikeTheWhole() throws IOException {
    StringBuilder joined = new StringBuilder("From 1234 Mon Sep 17 00:00:00 2001\nSubject: a preamble\n\n");
    for (CorpusCase c : CorpusReader.read(CORPORA.get(0))) {
      joined.append(c.diff());
      if (!c.diff().endsWith("\n")) joined.append('\n');
    }
    String text = joined.toString();
    List<FileDiff> whole = DiffParser.parse(text).files();
    for (int size : new int[] {1, 500, 10_000, Integer.MAX_VALUE}) {
      int[] b = DiffChunks.bounds(text, size);
      List<FileDiff> parts = new ArrayList<>();
      for (int i = 0; i + 1 < b.length; i++) {
        Diff d = DiffChunks.parse(text, b, i);
        parts.addAll(d.files());
      }
      assertEquals(whole, parts, "chunk size " + size);
      assertEquals(whole.size(), DiffChunks.fileCount(text, size));
    }
    assertEquals(whole.size() + 1, DiffChunks.bounds(text, 1).length, "one chunk per file at size 1");
  }
}
