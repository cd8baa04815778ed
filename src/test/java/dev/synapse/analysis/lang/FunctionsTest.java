package dev.synapse.analysis.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.diff.DiffParser;
import dev.synapse.diff.FileDiff;
import dev.synapse.signal.Side;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FunctionsTest {

  static FileDiff file(String path, String... lines) {
    StringBuilder sb = new StringBuilder();
    sb.append("--- a/").append(path).append("\n+++ b/").append(path).append("\n");
    int oldN = 0;
    int newN = 0;
    for (String l : lines) {
      if (!l.startsWith("+")) oldN++;
      if (!l.startsWith("-")) newN++;
    }
    sb.append("@@ -10,").append(oldN).append(" +10,").append(newN).append(" @@\n");
    for (String l : lines) sb.append(l).append("\n");
    return DiffParser.parse(sb.toString()).files().get(0);
  }

  private static List<FunctionSpan> fns(FileDiff f) {
    return Functions.of(SourceView.of(f, Side.NEW));
  }

  @Test
  @DisplayName("the new-side view numbers lines from the hunk header and marks added lines")
  void viewNumbers() {
    SourceView v = SourceView.of(file("a.py", " a = 1", "-b = 2", "+c = 3", " d = 4"), Side.NEW);
    assertEquals("c = 3", v.line(11));
    assertTrue(v.isChanged(11));
    assertFalse(v.isChanged(12));
    SourceView old = SourceView.of(file("a.py", " a = 1", "-b = 2", "+c = 3", " d = 4"), Side.OLD);
    assertEquals("b = 2", old.line(11));
    assertTrue(old.isChanged(11));
  }

  @Test
  @DisplayName("Java methods are found with annotated parameters and types")
  void javaMethods() {
    List<FunctionSpan> f = fns(file("A.java",
        "+    @GetMapping",
        "+    public List<X> list(@PathVariable String id, @RequestParam(defaultValue = \"OPEN\") String status, long n) {",
        "+        if (x) { y(); }",
        "+        return invoices.find(id, status);",
        "+    }"));
    assertEquals(1, f.size());
    assertEquals("list", f.get(0).name());
    assertTrue(f.get(0).complete());
    assertEquals(List.of("id", "status", "n"), f.get(0).params().stream().map(FunctionSpan.Param::name).toList());
    assertEquals(List.of("PathVariable"), f.get(0).params().get(0).annotations());
    assertEquals("long", f.get(0).params().get(2).type());
  }

  @Test
  @DisplayName("a hunk that starts inside a method and opens another reports only the visible one")
  void partialJava() {
    List<FunctionSpan> f = fns(file("A.java",
        "         return x;",
        "     }",
        "+    public String find(String a) {",
        "+        return a;"));
    assertEquals(1, f.size());
    assertFalse(f.get(0).complete());
  }

  @Test
  @DisplayName("JavaScript arrow callbacks, TypeScript methods and Go funcs are functions")
  void cLikeFunctions() {
    assertEquals(List.of("req", "res"), fns(file("r.js",
        "+router.get('/', async (req, res) => {", "+  res.send(1);", "+});"))
        .get(0).params().stream().map(FunctionSpan.Param::name).toList());
    List<FunctionSpan> ts = fns(file("s.ts",
        "+  async findByEmail(email: string): Promise<User | null> {", "+    return 1;", "+  }"));
    assertEquals("findByEmail", ts.get(0).name());
    assertEquals("string", ts.get(0).params().get(0).type());
    List<FunctionSpan> go = fns(file("h.go",
        "+func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {", "+\tx := 1", "+}"));
    assertEquals("ServeHTTP", go.get(0).name());
    assertEquals(List.of("w", "r"), go.get(0).params().stream().map(FunctionSpan.Param::name).toList());
  }

  @Test
  @DisplayName("Python functions end where the indentation returns to the def's level")
  void python() {
    List<FunctionSpan> f = fns(file("v.py",
        "+def ping(request):",
        "+    host = request.GET.get('h')",
        "+",
        "+    return host",
        "+def other(x):",
        "+    pass"));
    assertEquals(2, f.size());
    assertEquals(13, f.get(0).endLine());
    assertTrue(f.get(0).complete());
  }

  @Test
  @DisplayName("Ruby and Elixir def ... end blocks, Elixir pattern parameters")
  void keywordEnd() {
    List<FunctionSpan> rb = fns(file("c.rb",
        "   def show",
        "+    x = params[:id] if y",
        "   end",
        "+  def self.search(term)",
        "+    1"));
    assertEquals(2, rb.size());
    assertTrue(rb.get(0).complete());
    assertFalse(rb.get(1).complete());
    assertEquals("search", rb.get(1).name());
    List<FunctionSpan> ex = fns(file("c.ex",
        "+  def download(conn, %{\"file\" => file} = params) do",
        "+    path = Path.join(@root, file)",
        "+  end"));
    assertEquals(List.of("conn", "file", "params"),
        ex.get(0).params().stream().map(FunctionSpan.Param::name).toList());
  }
}
