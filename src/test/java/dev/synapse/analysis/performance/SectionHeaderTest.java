package dev.synapse.analysis.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A hunk that starts inside a function takes the function's name from the hunk header's section
 * text, read by the shared lexer and function finder (no declaration recogniser of its own).
 */
class SectionHeaderTest {

  /** @return the new-side function names of a one-hunk diff whose header carries {@code section} */
  private static List<String> names(String path, String section, String... lines) {
    StringBuilder sb = new StringBuilder("diff --git a/" + path + " b/" + path + "\n--- a/" + path
        + "\n+++ b/" + path + "\n@@ -20," + lines.length + " +20," + lines.length + " @@ " + section + "\n");
    for (String l : lines) sb.append(' ').append(l).append('\n');
    FileView v = PerfTestSupport.view(sb.toString());
    return v.newFunctions.stream().map(f -> f.name() + (f.declRow() < 0 ? "(section)" : "")).toList();
  }

  @Test
  @DisplayName("Java and C#: one-line, Allman and multi-line signatures in the header")
  void javaAndCsharp() {
    assertEquals(List.of("archive(section)"), names("A.java",
        "public Path archive(Path dir) throws IOException {", "  run(dir);", "  return dir;", "}"));
    assertEquals(List.of("archive(section)"), names("A.java",
        "public Path archive(Path dir,", "  run(dir);", "}"));
    assertEquals(List.of("Index(section)"), names("C.cs",
        "public async Task<IActionResult> Index()", "    return View();", "}"));
  }

  @Test
  @DisplayName("Python, Ruby, Elixir, Go, PHP, Kotlin and JavaScript headers")
  void otherLanguages() {
    assertEquals(List.of("load(section)"), names("a.py", "def load(path):", "    x = 1", "    return x"));
    assertEquals(List.of("call(section)"), names("a.rb", "def call(env)", "    x = 1", "  end"));
    assertEquals(List.of("run(section)"), names("a.ex", "def run(x) do", "    x + 1", "  end"));
    assertEquals(List.of("Serve(section)"), names("a.go",
        "func (h *Handler) Serve(w http.ResponseWriter, r *http.Request) {", "\tx := 1", "}"));
    assertEquals(List.of("store(section)"), names("a.php", "public function store(Request $r)", "    $x = 1;", "}"));
    assertEquals(List.of("quote(section)"), names("a.kt", "fun quote(w: Double): Double {", "    return w", "}"));
    assertEquals(List.of("handle(section)"), names("a.js", "function handle(req, res) {", "  x();", "}"));
  }

  @Test
  @DisplayName("a class header or a call is not a function")
  void notFunctions() {
    assertEquals(List.of(), names("A.java", "public class ArchiveService {", "  int x;", "}"));
    assertEquals(List.of(), names("a.js", "app.get('/x', async (req, res) => {", "  x();", "});"));
  }
}
