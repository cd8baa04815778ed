package dev.synapse.analysis.performance;

import static dev.synapse.analysis.performance.PerfTestSupport.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SegmenterTest {

  /** @return "name@declLine-endLine" for each new-side function of a new file */
  private static List<String> functions(String file, String... lines) {
    FileView v = PerfTestSupport.view(newFile(file, lines));
    List<String> out = new ArrayList<>();
    for (FileView.Function f : v.newFunctions) {
      out.add(f.name() + "@" + v.rows.get(f.declRow()).newLine() + "-" + v.rows.get(f.endRow()).newLine());
    }
    return out;
  }

  @Test
  @DisplayName("JavaScript: function declarations and named arrow functions, not test callbacks")
  void javascript() {
    assertEquals(List.of("Cart@1-3", "Row@4-9", "tiny@10-10"), functions("a.jsx",
        "export default function Cart({ items }) {", "  return items.length;", "}",
        "const Row = ({", "  item,", "  qty", "}) => {", "  return qty;", "};",
        "const tiny = (x) => x * 2;", "describe('x', () => {", "  it('y', () => {", "  });", "});"));
  }

  @Test
  @DisplayName("TypeScript: decorated methods, constructors and getters, not fields")
  void typescript() {
    assertEquals(List.of("findOne@4-6", "constructor@8-8", "name@9-11"), functions("a.ts",
        "@Controller('u')", "export class U {", "  @Get(':id')",
        "  async findOne(@Param('id') id: string): Promise<User> {", "    return this.s.find(id);", "  }",
        "  private readonly x = 1;", "  constructor(private s: S) {}", "  get name(): string {",
        "    return 'a';", "  }", "}"));
  }

  @Test
  @DisplayName("Python: methods end where the indentation drops; nested functions belong to the outer one")
  void python() {
    assertEquals(List.of("x@3-4", "y@6-10", "top@11-12"), functions("a.py",
        "class A:", "    @property", "    def x(self):", "        return 1", "",
        "    async def y(self, a,", "                b):", "        def inner():", "            pass",
        "        return inner", "def top():", "    pass"));
  }

  @Test
  @DisplayName("Ruby: self methods, private def and endless methods")
  void ruby() {
    assertEquals(List.of("call@2-4", "helper@6-8", "one_liner@10-10"), functions("a.rb",
        "class A", "  def self.call(x)", "    new.call(x)", "  end", "", "  private def helper", "    1",
        "  end", "", "  def one_liner = 42", "end"));
  }

  @Test
  @DisplayName("Java: default methods and multi-line generic signatures, not abstract declarations")
  void java() {
    assertEquals(List.of("b@3-5", "map@9-12"), functions("A.java",
        "public interface I {", "  void a();", "  default int b() {", "    return 1;", "  }", "}",
        "class B {", "  @Override", "  public <T> List<T> map(Function<T, T> f,",
        "      List<T> xs) throws IOException {", "    return xs;", "  }", "}"));
  }

  @Test
  @DisplayName("C#: Allman braces and expression-bodied members, not properties")
  void csharp() {
    assertEquals(List.of("Index@3-6", "Twice@7-7"), functions("A.cs",
        "public class C", "{", "    public async Task<IActionResult> Index()", "    {",
        "        return View();", "    }", "    public int Twice(int x) => x * 2;",
        "    public string Name { get; set; }", "}"));
  }

  @Test
  @DisplayName("Go: methods with receivers and generic functions; closures stay inside")
  void go() {
    assertEquals(List.of("Serve@2-5", "Map@6-8"), functions("a.go",
        "package a", "func (h *Handler) Serve(w http.ResponseWriter, r *http.Request) {",
        "\tgo func() {", "\t}()", "}", "func Map[T any](xs []T) []T {", "\treturn xs", "}"));
  }

  @Test
  @DisplayName("Kotlin, PHP and Elixir declarations, including multi-clause and one-line forms")
  void kotlinPhpElixir() {
    assertEquals(List.of("onCreate@2-4", "twice@5-5", "second@6-6"), functions("a.kt",
        "class K {", "    override fun onCreate(b: Bundle?) {", "        super.onCreate(b)", "    }",
        "    fun twice(x: Int) = x * 2", "    fun <T> List<T>.second(): T = this[1]", "}"));
    assertEquals(List.of("make@3-6", "run@7-9"), functions("a.php",
        "<?php", "class P {", "    public static function make(array $a): self", "    {",
        "        return new self();", "    }", "    private function run() {",
        "        $f = function ($x) { return $x; };", "    }", "}"));
    assertEquals(List.of("a@2-2", "a@3-3", "b@4-6", "c@7-12"), functions("a.ex",
        "defmodule E do", "  def a(x) when x > 1, do: x", "  def a(_), do: 0", "  defp b(x) do",
        "    x", "  end", "  def c(", "        x,", "        y", "      ) do", "    x + y", "  end", "end"));
  }

  @Test
  @DisplayName("old-side names: only a name spelled by a removed or context line (or a hunk header) may name an old function")
  void oldSideNames() {
    String diff = PerfTestSupport.diff("a.py", 1, " def keep(x):", "-    old_call(x)", "+    new_call(x)", "     return x");
    FileView v = PerfTestSupport.view(diff);
    assertEquals(true, v.mayNameOldFunction(List.of("keep")));
    assertEquals(true, v.mayNameOldFunction(List.of("old_call")));
    assertEquals(false, v.mayNameOldFunction(List.of("new_call", "missing")));
    assertEquals(List.of("keep"), v.oldFunctions().stream().map(FileView.Function::name).toList());
  }

  @Test
  @DisplayName("a file of unknown language keeps its rows but is not lexed")
  void unknownLanguageNotLexed() {
    FileView v = PerfTestSupport.view(newFile("notes.txt", "def x(): pass"));
    assertEquals(1, v.rows.size());
    assertEquals(0, v.rows.get(0).toks().size());
    assertEquals(List.of(), v.newFunctions);
  }
}
