package dev.synapse.analysis.performance;

import static dev.synapse.analysis.performance.PerfTestSupport.complexity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ComplexityTest {

  @Test
  @DisplayName("Java counts if, else if, loops, case arms, catch, ternary and boolean operators")
  void java() {
    assertEquals(10, complexity(SourceLanguage.JAVA,
        "int f(int a, boolean b) {",
        "  if (a > 0 && b) { return 1; } else if (a < 0 || !b) { return 2; }",
        "  for (int i = 0; i < a; i++) { }",
        "  switch (a) { case 1: break; case 2: break; default: break; }",
        "  try { g(); } catch (Exception e) { }",
        "  return b ? 1 : 0;",
        "}"));
  }

  @Test
  @DisplayName("keywords and operators inside strings and comments do not count")
  void literalsIgnored() {
    assertEquals(1, complexity(SourceLanguage.JAVA,
        "void f() {",
        "  String s = \"if (a && b) for while ? :\"; // if && ||",
        "  /* if (x) { while (y) } */",
        "}"));
  }

  @Test
  @DisplayName("Java generics wildcards are not ternaries")
  void javaWildcard() {
    assertEquals(1, complexity(SourceLanguage.JAVA, "List<? extends Number> f(Map<String, ?> m) {", "}"));
  }

  @Test
  @DisplayName("TypeScript counts ?? but not optional parameters or optional chaining")
  void typescript() {
    assertEquals(4, complexity(SourceLanguage.TYPESCRIPT,
        "function f(a?: string, b?: number): number {",
        "  const x = a?.length ?? 0;",
        "  if (x > 1 && b) { return 1; }",
        "  return 0;",
        "}"));
  }

  @Test
  @DisplayName("JavaScript regex literals with ? and | do not count")
  void javascriptRegex() {
    assertEquals(2, complexity(SourceLanguage.JAVASCRIPT,
        "function f(s) {",
        "  const m = s.match(/(\\d+)?(a|b)?/);",
        "  return m || null;",
        "}"));
  }

  @Test
  @DisplayName("Python counts elif, loops, except, comprehension if and boolean keywords")
  void python() {
    assertEquals(8, complexity(SourceLanguage.PYTHON,
        "def f(a, b):",
        "    if a and b:",
        "        pass",
        "    elif a or b:",
        "        pass",
        "    try:",
        "        xs = [x for x in a if x]",
        "    except ValueError:",
        "        pass",
        "    return 1"));
  }

  @Test
  @DisplayName("Go counts if, for, case and boolean operators, and has no ternary")
  void go() {
    assertEquals(6, complexity(SourceLanguage.GO,
        "func F(a int, b bool) int {",
        "\tfor i := 0; i < a; i++ {",
        "\t\tif a > 1 && b {",
        "\t\t}",
        "\t}",
        "\tswitch a {",
        "\tcase 1:",
        "\tcase 2:",
        "\tdefault:",
        "\t}",
        "\treturn 0",
        "}"));
  }

  @Test
  @DisplayName("Ruby counts unless, elsif, when, rescue, modifiers and the ternary, not predicate methods")
  void ruby() {
    assertEquals(7, complexity(SourceLanguage.RUBY,
        "def f(a)",
        "  return 1 if a.nil?",
        "  x = a.empty? ? 1 : 2",
        "  case a",
        "  when 1 then 2",
        "  when 2 then 3",
        "  end",
        "  y = 1 unless a",
        "rescue StandardError",
        "  0",
        "end"));
  }

  @Test
  @DisplayName("PHP counts elseif, foreach, ?: and ?? but not the nullsafe operator")
  void php() {
    assertEquals(6, complexity(SourceLanguage.PHP,
        "public function f($a) {",
        "    if ($a) { } elseif ($a > 1) { }",
        "    foreach ($a as $x) { }",
        "    $y = $a?->b ?? 1;",
        "    $z = $a ?: 2;",
        "}"));
  }

  @Test
  @DisplayName("Elixir counts clause arrows, guards, if/unless and boolean operators")
  void elixir() {
    assertEquals(8, complexity(SourceLanguage.ELIXIR,
        "def f(a) when is_integer(a) do",
        "  case a do",
        "    1 -> :one",
        "    _ -> :other",
        "  end",
        "  if a > 1 and a < 5, do: :mid",
        "  unless a || false, do: :x",
        "end"));
  }

  @Test
  @DisplayName("Kotlin counts when arms, elvis and catch, not lambda arrows or nullable types")
  void kotlin() {
    assertEquals(5, complexity(SourceLanguage.KOTLIN,
        "fun f(a: Int?): Int {",
        "  val b = a ?: 0",
        "  val xs = listOf(1).map { x -> x * 2 }",
        "  return when (b) {",
        "    1 -> 10",
        "    2 -> 20",
        "    else -> 0",
        "  }.also { try { } catch (e: Exception) { } }",
        "}"));
  }

  @Test
  @DisplayName("C# counts foreach, case, catch, when filters, ?? and the ternary, not nullable types")
  void csharp() {
    assertEquals(7, complexity(SourceLanguage.CSHARP,
        "public int F(int? a) {",
        "  foreach (var x in xs) { }",
        "  switch (a) { case 1: break; }",
        "  try { } catch (IOException e) when (e.HResult == 1) { }",
        "  var b = a ?? 0;",
        "  return b > 0 ? 1 : 0;",
        "}"));
  }
}
