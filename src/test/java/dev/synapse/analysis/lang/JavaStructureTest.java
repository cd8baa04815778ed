package dev.synapse.analysis.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.diff.DiffParser;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JavaStructureTest {

  /** One hunk starting at {@code start} on both sides; lines carry their diff prefix. */
  private static FileDiff hunk(int start, String... lines) {
    int oldN = 0;
    int newN = 0;
    for (String l : lines) {
      if (!l.startsWith("+")) oldN++;
      if (!l.startsWith("-")) newN++;
    }
    StringBuilder sb = new StringBuilder("--- a/A.java\n+++ b/A.java\n");
    sb.append("@@ -").append(oldN == 0 ? 0 : start).append(',').append(oldN)
        .append(" +").append(start).append(',').append(newN).append(" @@\n");
    for (String l : lines) sb.append(l).append('\n');
    return DiffParser.parse(sb.toString()).files().get(0);
  }

  private static String[] added(String... lines) {
    String[] out = new String[lines.length];
    for (int i = 0; i < lines.length; i++) out[i] = "+" + lines[i];
    return out;
  }

  private static SourceView.Segment seg(FileDiff f) {
    return SourceView.of(f, Side.NEW).segments().get(0);
  }

  private static List<FunctionSpan> fns(FileDiff f) {
    return Functions.of(SourceView.of(f, Side.NEW));
  }

  private static FunctionSpan named(List<FunctionSpan> fs, String name) {
    for (FunctionSpan f : fs) if (f.name().equals(name)) return f;
    throw new AssertionError("no function " + name + " in " + fs);
  }

  private static final String[] CONTROLLER = {
      "package demo;",                                                         // 1
      "",                                                                      // 2
      "import java.util.List;",                                                // 3
      "",                                                                      // 4
      "@RestController",                                                       // 5
      "public class InvoiceController {",                                      // 6
      "  @GetMapping(\"/invoices/{id}\")",                                     // 7
      "  public Invoice get(@PathVariable(\"id\") String id,",                 // 8
      "      @RequestParam(defaultValue = \"{x}\") long n) {",                 // 9
      "    String s = \"{ not a brace }\"; // }",                              // 10
      "    return repo.find(id, n);",                                          // 11
      "  }",                                                                   // 12
      "",                                                                      // 13
      "  InvoiceController(Repo repo) { this.repo = repo; }",                  // 14
      "}"};                                                                    // 15

  @Test
  @DisplayName("a whole new class parses as a compilation unit with exact lines")
  void fullClassLines() {
    FileDiff f = hunk(1, added(CONTROLLER));
    JavaStructure.Parsed p = JavaStructure.parse(seg(f), 0);
    assertNotNull(p);
    assertFalse(p.partial());
    FunctionSpan get = named(p.spans(), "get");
    assertEquals(7, get.startLine());
    assertEquals(12, get.endLine());
    assertTrue(get.complete());
    FunctionSpan ctor = named(p.spans(), "InvoiceController");
    assertEquals(14, ctor.startLine());
    assertEquals(14, ctor.endLine());
  }

  @Test
  @DisplayName("parsed token indices point at the declaration start and the body's own braces")
  void tokenIndicesExact() {
    FileDiff f = hunk(1, added(CONTROLLER));
    SourceView.Segment s = seg(f);
    FunctionSpan get = named(JavaStructure.parse(s, 0).spans(), "get");
    assertTrue(s.tokens().get(get.headerStart()).op("@"));
    assertEquals(7, s.tokens().get(get.headerStart()).line());
    Token open = s.tokens().get(get.bodyStart() - 1);
    assertTrue(open.op("{"));
    assertEquals(9, open.line());
    Token close = s.tokens().get(get.end() - 1);
    assertTrue(close.op("}"));
    assertEquals(12, close.line());
  }

  @Test
  @DisplayName("parameters keep their names, compact types and simple annotation names")
  void parameters() {
    FunctionSpan get = named(fns(hunk(1, added(CONTROLLER))), "get");
    assertEquals(List.of("id", "n"), get.params().stream().map(FunctionSpan.Param::name).toList());
    assertEquals(List.of("PathVariable"), get.params().get(0).annotations());
    assertEquals(List.of("RequestParam"), get.params().get(1).annotations());
    assertEquals("String", get.params().get(0).type());
    assertEquals("long", get.params().get(1).type());
  }

  @Test
  @DisplayName("a hunk of statements inside a method does not parse and keeps the lexer's view")
  void statementFragmentFallsBack() {
    FileDiff f = hunk(40,
        "     String q = \"select\";",
        "+    q += request.getParameter(\"id\");",
        "     return jdbc.query(q);");
    assertNull(JavaStructure.parse(seg(f), 0));
    assertTrue(fns(f).isEmpty());
  }

  @Test
  @DisplayName("a hunk with two whole methods between partial edges parses the middle with exact lines")
  void twoMethodsBetweenEdges() {
    FileDiff f = hunk(20,
        "         return x;",                                   // 20
        "     }",                                               // 21
        "+",                                                    // 22
        "+    public String a(@RequestBody Body b) {",          // 23
        "+        return b.name();",                            // 24
        "+    }",                                               // 25
        "+    List<String> b(Map<String, List<Integer>> m) {",  // 26
        "+        return List.of();",                           // 27
        "+    }",                                               // 28
        "     public void tail(int q) {",                       // 29
        "         run(q);");                                     // 30
    JavaStructure.Parsed p = JavaStructure.parse(seg(f), 0);
    assertNotNull(p);
    assertTrue(p.partial());
    List<FunctionSpan> fs = fns(f);
    assertEquals(List.of("a", "b", "tail"), fs.stream().map(FunctionSpan::name).toList());
    FunctionSpan a = named(fs, "a");
    assertEquals(23, a.startLine());
    assertEquals(25, a.endLine());
    assertTrue(a.complete());
    assertEquals(List.of("RequestBody"), a.params().get(0).annotations());
    assertEquals("Map<String,List<Integer>>", named(fs, "b").params().get(0).type());
    FunctionSpan tail = named(fs, "tail");
    assertFalse(tail.complete());
    assertEquals(29, tail.startLine());
  }

  @Test
  @DisplayName("a hunk that closes the class after a whole method parses that method")
  void hunkClosingTheClass() {
    FileDiff f = hunk(19,
        "     }",                                                          // 19
        " ",                                                               // 20
        "     @GetMapping",                                                // 21
        "+    public List<X> list(@PathVariable String customerId,",      // 22
        "+                        @RequestParam String status) {",        // 23
        "         return invoices.find(customerId, status);",             // 24
        "     }",                                                          // 25
        " }");                                                             // 26
    JavaStructure.Parsed p = JavaStructure.parse(seg(f), 0);
    assertNotNull(p);
    assertTrue(p.partial());
    FunctionSpan list = named(p.spans(), "list");
    assertEquals(21, list.startLine());
    assertEquals(25, list.endLine());
    assertEquals(List.of("RequestParam"), list.params().get(1).annotations());
  }

  @Test
  @DisplayName("records, generic methods, lambdas and anonymous classes are segmented by the parser")
  void modernJava() {
    FileDiff f = hunk(1, added(
        "import java.util.*;",                                            // 1
        "record Point(@NotNull Integer x, int y) {",                      // 2
        "  Point {",                                                      // 3
        "    if (x < 0) throw new IllegalArgumentException();",           // 4
        "  }",                                                            // 5
        "  <T extends Comparable<T>> T max(List<? extends T> xs) {",      // 6
        "    Runnable r = () -> { xs.forEach(v -> { use(v); }); };",     // 7
        "    Comparator<T> c = new Comparator<T>() {",                    // 8
        "      @Override public int compare(T p, T q) { return 0; }",     // 9
        "    };",                                                         // 10
        "    return null;",                                               // 11
        "  }",                                                            // 12
        "}"));                                                            // 13
    assertNotNull(JavaStructure.parse(seg(f), 0));
    List<FunctionSpan> fs = fns(f);
    assertEquals(List.of("Point", "max", "compare"), fs.stream().map(FunctionSpan::name).toList());
    FunctionSpan point = named(fs, "Point");
    assertEquals(3, point.startLine());
    assertEquals(5, point.endLine());
    assertEquals(List.of("NotNull"), point.params().get(0).annotations());
    FunctionSpan max = named(fs, "max");
    assertEquals(6, max.startLine());
    assertEquals(12, max.endLine());
    assertEquals(0, max.depth());
    FunctionSpan compare = named(fs, "compare");
    assertEquals(9, compare.startLine());
    assertEquals(1, compare.depth());
    assertEquals(List.of("p", "q"), compare.params().stream().map(FunctionSpan.Param::name).toList());
  }

  @Test
  @DisplayName("a file that does not parse falls back to the lexer's methods")
  void brokenFileFallsBack() {
    FileDiff f = hunk(1, added(
        "public class Broken {",
        "  public void ok(String s) {",
        "    int x = ;",
        "  }",
        "}"));
    assertNull(JavaStructure.parse(seg(f), 0));
    List<FunctionSpan> fs = fns(f);
    assertEquals(1, fs.size());
    assertEquals("ok", fs.get(0).name());
    assertEquals(2, fs.get(0).startLine());
  }

  @Test
  @DisplayName("a side larger than the parse bound is left to the lexer")
  void oversizedSkipped() {
    List<String> lines = new ArrayList<>();
    lines.add("class Big {");
    String filler = "  // " + "x".repeat(1000);
    for (int i = 0; i < 210; i++) lines.add(filler);
    lines.add("  void m() { }");
    lines.add("}");
    FileDiff f = hunk(1, added(lines.toArray(new String[0])));
    assertNull(JavaStructure.parse(seg(f), 0));
    assertEquals(List.of("m"), fns(f).stream().map(FunctionSpan::name).toList());
  }

  @Test
  @DisplayName("a side whose hunks together exceed the parse bound is left to the lexer")
  void oversizedSideSkipped() {
    StringBuilder sb = new StringBuilder("--- a/A.java\n+++ b/A.java\n");
    String filler = "+  // " + "y".repeat(1000) + "\n";
    for (int h = 0; h < 3; h++) {
      int start = 1 + h * 1000;
      sb.append("@@ -").append(start).append(",0 +").append(start).append(",80 @@\n");
      for (int i = 0; i < 80; i++) sb.append(filler);
    }
    SourceView v = SourceView.of(DiffParser.parse(sb.toString()).files().get(0), Side.NEW);
    assertTrue(JavaStructure.parseable(SourceView.of(hunk(1, added(CONTROLLER)), Side.NEW)));
    assertFalse(JavaStructure.parseable(v));
  }

  @Test
  @DisplayName("brackets nested deeper than the parser's recursion bound are left to the lexer")
  void deepNestingSkipped() {
    FileDiff f = hunk(1, "+class D { int f() { return " + "(".repeat(5000) + "1" + ")".repeat(5000) + "; } }");
    assertNull(JavaStructure.parse(seg(f), 0));
    assertEquals(List.of("f"), fns(f).stream().map(FunctionSpan::name).toList());
  }

  @Test
  @DisplayName("the old side of a modified method is parsed with old line numbers")
  void oldSide() {
    FileDiff f = hunk(5,
        "   void m(int a) {",
        "-    old(a);",
        "+    fresh(a);",
        "+    more(a);",
        "   }");
    List<FunctionSpan> old = Functions.of(SourceView.of(f, Side.OLD));
    assertEquals(1, old.size());
    assertEquals(5, old.get(0).startLine());
    assertEquals(7, old.get(0).endLine());
    List<FunctionSpan> now = fns(f);
    assertEquals(8, now.get(0).endLine());
  }

  @Test
  @DisplayName("a review's JavaParser budget is shared by its file sides: a side that no longer fits uses the lexer")
  void reviewBudget() {
    SourceView v = SourceView.of(hunk(1, added(CONTROLLER)), Side.NEW);
    long size = 0;
    for (SourceView.Segment seg : v.segments()) for (String l : seg.lines()) size += l.length() + 1;
    java.util.concurrent.atomic.AtomicLong budget = new java.util.concurrent.atomic.AtomicLong(size + size / 2);
    assertTrue(JavaStructure.take(budget, v), "the first side fits");
    assertEquals(size / 2, budget.get());
    org.junit.jupiter.api.Assertions.assertFalse(JavaStructure.take(budget, v), "the second does not");
    assertEquals(size / 2, budget.get(), "a refused side takes nothing");
  }

  @Test
  @DisplayName("a hunk of statements inside a method body is left to the lexer")
  void statementRunIsNotParsed() {
    FileDiff f = hunk(30, added(
        "        resp.setContentType(\"text/html\");",
        "        if (books.isEmpty()) {",
        "            out.println(\"none\");",
        "        }"));
    assertNull(JavaStructure.parse(seg(f), 0));
  }

  @Test
  @DisplayName("members that start with a constructor name and a parenthesis still parse")
  void constructorFirstStillParses() {
    FileDiff f = hunk(14, added(
        "  InvoiceController(Repo repo) { this.repo = repo; }",
        "  int size() { return 0; }"));
    JavaStructure.Parsed p = JavaStructure.parse(seg(f), 0);
    assertNotNull(p);
    assertEquals(14, named(p.spans(), "InvoiceController").startLine());
  }

  @Test
  @DisplayName("members that start with a qualified type still parse")
  void qualifiedTypeFirstStillParses() {
    FileDiff f = hunk(20, added(
        "  java.util.List<String> names() { return java.util.List.of(); }",
        "  int size() { return 0; }"));
    JavaStructure.Parsed p = JavaStructure.parse(seg(f), 0);
    assertNotNull(p);
    assertEquals(20, named(p.spans(), "names").startLine());
  }

  @Test
  @DisplayName("a hunk of imports only is not parsed when no function of the lexer overlaps it")
  void importsOnlyNotParsed() {
    FileDiff f = hunk(3, added("import java.util.List;", "import java.util.Map;"));
    SourceView.Segment s = seg(f);
    assertNotNull(JavaStructure.parse(s, 0));
    assertNull(JavaStructure.parse(s, 0, new JavaStructure.Parser(), List.of()));
  }

  @Test
  @DisplayName("a malformed import still makes the unit fail although well-formed import lines are skipped")
  void malformedImportStillFails() {
    FileDiff f = hunk(1, added("package demo;", "import java.util.List;", "import java.util.;",
        "class A {", "  void m() { }", "}"));
    assertNull(JavaStructure.parse(seg(f), 0));
  }

  @Test
  @DisplayName("a unit after package and import lines keeps exact lines for its methods")
  void unitAfterImportsExactLines() {
    FileDiff f = hunk(1, added("package demo;", "// imports", "import java.util.List;", "",
        "import static java.util.Map.of;", "class A {", "  void m() {", "  }", "}"));
    JavaStructure.Parsed p = JavaStructure.parse(seg(f), 0);
    assertNotNull(p);
    FunctionSpan m = named(p.spans(), "m");
    assertEquals(7, m.startLine());
    assertEquals(8, m.endLine());
    assertTrue(seg(f).tokens().get(m.headerStart()).word("void"));
  }

  @Test
  @DisplayName("an unterminated comment before the imports still makes the unit fail")
  void unterminatedCommentStillFails() {
    FileDiff f = hunk(1, added("/**", "import java.util.List;"));
    assertNull(JavaStructure.parse(seg(f), 0));
  }

  @Test
  @DisplayName("statements inside braces of field initializers do not stop a run of members from parsing")
  void statementsInsideInitializerBracesParse() {
    FileDiff f = hunk(10, added(
        "  int x = compute(() -> { if (a) { return 1; } return 2; });",
        "  Object o = new Object() { public String toString() { return \"x\"; } };",
        "  void m() { if (x > 0) { return; } }"));
    JavaStructure.Parsed p = JavaStructure.parse(seg(f), 0);
    assertNotNull(p);
    assertEquals(12, named(p.spans(), "m").startLine());
  }
}
