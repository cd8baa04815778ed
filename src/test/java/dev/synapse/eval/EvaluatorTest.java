package dev.synapse.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final String DIFF = String.join("\n",
      "diff --git a/a.py b/a.py",
      "--- a/a.py",
      "+++ b/a.py",
      "@@ -1,1 +1,3 @@",
      " x = 1",
      "+y = 2",
      "+z = 3",
      "");

  /** A fake check that reports the given category on the given new-side lines of a.py. */
  private static Check reporting(String category, int... lines) {
    return new Check() {
      public String id() {
        return "fake_" + category;
      }

      public String category() {
        return category;
      }

      public List<Finding> run(AnalysisContext context) {
        return java.util.Arrays.stream(lines).mapToObj(l -> new Finding(category, Severity.LOW,
            "a.py", l, Side.NEW, null, "FAKE", null, "s", "r", 0.5, "fp" + l, null)).toList();
      }
    };
  }

  private static CorpusCase positive(String category, int line) {
    return new CorpusCase("c1", "python", category, CorpusCase.Kind.POSITIVE, DIFF,
        List.of(new CorpusCase.Expected(category, "a.py", line, Side.NEW)), List.of(), "", List.of());
  }

  private static CorpusCase negative(String category) {
    return new CorpusCase("n1", "go", category, CorpusCase.Kind.NEGATIVE, DIFF, List.of(),
        List.of(category), "", List.of());
  }

  @Test
  @DisplayName("a finding on the expected category, file, side and line is a true positive")
  void matchIsTruePositive() {
    EvalReport r = new Evaluator(List.of(reporting("xss", 2))).evaluate(List.of(positive("xss", 2)));
    assertEquals(new Tally(1, 0, 0), r.overall());
  }

  @Test
  @DisplayName("a finding on another line is both a miss and a false alarm in a positive case")
  void wrongLineIsMissAndFalseAlarm() {
    EvalReport r = new Evaluator(List.of(reporting("xss", 3))).evaluate(List.of(positive("xss", 2)));
    assertEquals(new Tally(0, 1, 1), r.byCategory().get("xss"));
    assertEquals(3, r.falseAlarms().get(0).line());
    assertEquals(2, r.misses().get(0).line());
  }

  @Test
  @DisplayName("a finding of a forbidden category in a negative case is a false positive")
  void forbiddenInNegativeIsFalsePositive() {
    EvalReport r = new Evaluator(List.of(reporting("n_plus_one", 2))).evaluate(List.of(negative("n_plus_one")));
    assertEquals(new Tally(0, 1, 0), r.byLanguage().get("go"));
  }

  @Test
  @DisplayName("a finding of a category the case does not judge is counted as unscored, not as a false positive")
  void otherCategoryIsUnscored() {
    EvalReport r = new Evaluator(List.of(reporting("xss", 2), reporting("high_complexity", 3)))
        .evaluate(List.of(positive("xss", 2), negative("n_plus_one")));
    assertEquals(new Tally(1, 0, 0), r.overall());
    assertEquals(3, r.unscoredFindings());
  }

  @Test
  @DisplayName("one finding matches at most one expected entry")
  void findingMatchesOnce() {
    CorpusCase twice = new CorpusCase("c2", "python", "xss", CorpusCase.Kind.POSITIVE, DIFF,
        List.of(new CorpusCase.Expected("xss", "a.py", 2, Side.NEW),
            new CorpusCase.Expected("xss", "a.py", 2, Side.NEW)), List.of(), "", List.of());
    EvalReport r = new Evaluator(List.of(reporting("xss", 2))).evaluate(List.of(twice));
    assertEquals(new Tally(1, 0, 1), r.overall());
  }

  @Test
  @DisplayName("a diff that does not parse is reported as an error and its expectations as misses")
  void unparsableDiffIsError() {
    CorpusCase bad = new CorpusCase("bad", "java", "xss", CorpusCase.Kind.POSITIVE, "no diff here",
        List.of(new CorpusCase.Expected("xss", "a.py", 2, Side.NEW)), List.of(), "", List.of());
    EvalReport r = new Evaluator(List.of(reporting("xss", 2))).evaluate(List.of(bad));
    assertEquals(1, r.errors().size());
    assertEquals(1, r.overall().falseNegatives());
  }

  @Test
  @DisplayName("recall is not judged for a group without expected findings")
  void recallSkippedWithoutPositives() {
    EvalReport r = new Evaluator(List.of()).evaluate(List.of(negative("xss")));
    assertTrue(r.failures(EvalReport.Targets.ISSUE_4).isEmpty());
  }

  @Test
  @DisplayName("a missed positive makes the targets fail and names the group")
  void missFailsTargets() {
    EvalReport r = new Evaluator(List.of()).evaluate(List.of(positive("xss", 2)));
    assertTrue(r.failures(EvalReport.Targets.ISSUE_4).contains("category xss recall 0.000 < 0.75"));
  }

  @Test
  @DisplayName("the JSON report carries per-category counts and a null recall where undefined")
  void jsonReport() {
    EvalReport r = new Evaluator(List.of(reporting("xss", 2))).evaluate(List.of(negative("xss")));
    assertEquals(1, r.toJson().getJsonObject("by_category").getJsonObject("xss").getInteger("fp"));
    assertTrue(r.toJson().getJsonObject("overall").containsKey("recall"));
    assertEquals(null, r.toJson().getJsonObject("overall").getValue("recall"));
  }

  @Test
  @DisplayName("the corpus reader names the line of a malformed case")
  void readerNamesLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CorpusReader.parse("\n{\"id\":\"x\",\"category\":\"xss\"}\n"));
    assertTrue(e.getMessage().startsWith("corpus line 2"), e.getMessage());
  }

  @Test
  @DisplayName("the corpus reader takes hot functions from metadata")
  void readerReadsHotFunctions() {
    List<CorpusCase> cs = CorpusReader.parse("{\"id\":\"x\",\"category\":\"hot_path_modified\","
        + "\"kind\":\"positive\",\"language\":\"Go\",\"diff\":\"\",\"expected\":[],\"forbidden\":[],"
        + "\"metadata\":{\"hot_functions\":[\"Checkout\"]}}");
    assertEquals(List.of("Checkout"), cs.get(0).hotFunctions());
    assertEquals("go", cs.get(0).language());
  }
}
