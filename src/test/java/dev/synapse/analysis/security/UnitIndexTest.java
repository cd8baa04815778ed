package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import dev.synapse.signal.Side;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnitIndexTest {
  private static UnitIndex index(String path, String code) {
    SourceView view = SourceView.of(SecurityTestDiffs.newFile(path, code).files().get(0), Side.NEW);
    List<Token> toks = view.segments().get(0).tokens();
    return new UnitIndex(toks, 0, view.language(), view, SecurityKnowledge.bundled());
  }

  private static int indexOf(String path, String code, String text, int nth) {
    SourceView view = SourceView.of(SecurityTestDiffs.newFile(path, code).files().get(0), Side.NEW);
    List<Token> toks = view.segments().get(0).tokens();
    for (int i = 0; i < toks.size(); i++) {
      if (toks.get(i).text().equals(text) && nth-- == 0) return i;
    }
    throw new AssertionError("no token " + text);
  }

  @Test
  @DisplayName("A range holding a token constant evaluation cannot consume is reported as never constant")
  void rangeWithCommaIsNotConstant() {
    String code = "int x = f(a, b);\n";
    UnitIndex ix = index("A.java", code);
    int open = indexOf("A.java", code, "(", 0);
    int close = indexOf("A.java", code, ")", 0);
    assertFalse(ix.mayBeConstant(open, close + 1));
    assertEquals(null, ConstEval.eval(
        SourceView.of(SecurityTestDiffs.newFile("A.java", code).files().get(0), Side.NEW)
            .segments().get(0).tokens(), open, close + 1, n -> 1L));
  }

  @Test
  @DisplayName("A range of literals and arithmetic may be constant")
  void arithmeticMayBeConstant() {
    String code = "int x = (1 + 2) * 3;\n";
    UnitIndex ix = index("A.java", code);
    int from = indexOf("A.java", code, "(", 0);
    int to = indexOf("A.java", code, ";", 0);
    assertTrue(ix.mayBeConstant(from, to));
  }

  @Test
  @DisplayName("The question-mark test sees a ternary inside the range and not outside it")
  void questionMarkRanges() {
    String code = "int y = a;\nint x = c ? 1 : 2;\n";
    UnitIndex ix = index("A.java", code);
    int q = indexOf("A.java", code, "?", 0);
    assertTrue(ix.hasQuestion(q, q + 1));
    assertFalse(ix.hasQuestion(0, q));
  }

  @Test
  @DisplayName("The guard jump table lands on the next call of an allow-list or path guard")
  void nextGuardFindsGuardCall() {
    String code = "String a = b.trim();\nif (name.matches(\"[a-z]+\")) { run(name); }\n";
    UnitIndex ix = index("A.java", code);
    int matches = indexOf("A.java", code, "matches", 0);
    assertEquals(matches, ix.nextGuard(0));
  }

  @Test
  @DisplayName("The loop-callback jump table skips names that are not callbacks and ends at the size")
  void nextLoopFindsForEach() {
    String code = "items.stream().forEach(x -> use(x));\n";
    UnitIndex ix = index("A.java", code);
    int forEach = indexOf("A.java", code, "forEach", 0);
    assertEquals(forEach, ix.nextLoop(0));
    int size = SourceView.of(SecurityTestDiffs.newFile("A.java", code).files().get(0), Side.NEW)
        .segments().get(0).tokens().size();
    assertEquals(size, ix.nextLoop(forEach + 1));
  }

  @Test
  @DisplayName("Lower-cased token text and literal classification match the uncached functions")
  void memosMatchDirectComputation() {
    String code = "String q = \"SELECT * FROM t WHERE id = \" + getParameter(id);\n";
    UnitIndex ix = index("A.java", code);
    int lit = indexOf("A.java", code, "SELECT * FROM t WHERE id = ", 0);
    int call = indexOf("A.java", code, "getParameter", 0);
    assertEquals(TextClass.classify("SELECT * FROM t WHERE id = "), ix.textOf(lit));
    assertEquals(TextClass.classify("SELECT * FROM t WHERE id = "), ix.textOf(lit));
    assertEquals("getparameter", ix.lower(call));
  }

  @Test
  @DisplayName("Brackets are matched across nesting and an unbalanced opener inside a pair is dropped")
  void bracketsMatch() {
    String code = "int x = f(a[1], (b));\n";
    UnitIndex ix = index("A.java", code);
    int open = indexOf("A.java", code, "(", 0);
    int close = indexOf("A.java", code, ")", 1);
    int sq = indexOf("A.java", code, "[", 0);
    assertEquals(close, ix.match[open]);
    assertEquals(open, ix.match[close]);
    assertEquals(sq + 2, ix.match[sq]);
    assertTrue(ix.opener(open));
    assertFalse(ix.opener(close));
  }

  @Test
  @DisplayName("A dot is a member operator in Java but not in PHP, where the arrow is")
  void memberOperatorsPerLanguage() {
    String java = "a.b();\n";
    assertTrue(index("A.java", java).member(indexOf("A.java", java, ".", 0)));
    String php = "<?php\n$x = $a . $b; $y = $o->m();\n";
    UnitIndex ix = index("a.php", php);
    assertFalse(ix.member(indexOf("a.php", php, ".", 0)));
    assertTrue(ix.member(indexOf("a.php", php, "->", 0)));
  }

  @Test
  @DisplayName("Request-like names may make a path a source and ordinary names may not")
  void sourceSegments() {
    String code = "x = request.getParameter(id) + data.get(name) + httpServletRequest.body;\n";
    UnitIndex ix = index("A.java", code);
    assertTrue(ix.maySourceSegment(indexOf("A.java", code, "request", 0)));
    assertTrue(ix.maySourceSegment(indexOf("A.java", code, "getParameter", 0)));
    assertTrue(ix.maySourceSegment(indexOf("A.java", code, "httpServletRequest", 0)));
    assertFalse(ix.maySourceSegment(indexOf("A.java", code, "data", 0)));
    assertFalse(ix.maySourceSegment(indexOf("A.java", code, "get", 0)));
    assertFalse(ix.maySourceSegment(indexOf("A.java", code, "name", 0)));
  }
}
