package dev.synapse.analysis.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.signal.Side;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Function forms the shared front end learned when the performance checks stopped keeping their
 * own function finder (issue 12, one front end): each failed before on the input shown.
 */
class FunctionFormsTest {

  /** @return "name@startLine-endLine" of the outermost functions of an all-added file from line 10 */
  private static List<String> outer(String path, String... lines) {
    String[] added = new String[lines.length];
    for (int i = 0; i < lines.length; i++) added[i] = "+" + lines[i];
    return Functions.of(SourceView.of(FunctionsTest.file(path, added), Side.NEW)).stream()
        .filter(f -> f.depth() == 0).map(f -> f.name() + "@" + f.startLine() + "-" + f.endLine()).toList();
  }

  @Test
  @DisplayName("Go: a generic function and a function whose result is a function type")
  void goForms() {
    assertEquals(List.of("Map@10-12"), outer("a.go", "func Map[T any](xs []T) []T {", "\treturn xs", "}"));
    assertEquals(List.of("RequireToken@10-14"), outer("b.go",
        "func RequireToken(verify func(string) error) func(http.Handler) http.Handler {",
        "\treturn func(next http.Handler) http.Handler {", "\t\treturn next", "\t}", "}"));
  }

  @Test
  @DisplayName("Ruby: private def and an endless method")
  void rubyForms() {
    assertEquals(List.of("helper@10-12", "one_liner@14-14"), outer("a.rb",
        "  private def helper", "    1", "  end", "", "  def one_liner = 42"));
  }

  @Test
  @DisplayName("C#, Kotlin and JavaScript functions whose body is one expression")
  void expressionBodies() {
    assertEquals(List.of("Twice@10-10"), outer("A.cs", "    public int Twice(int x) => x * 2;"));
    assertEquals(List.of("twice@10-10", "second@11-11"), outer("a.kt",
        "    fun twice(x: Int) = x * 2", "    fun <T> List<T>.second(): T = this[1]"));
    assertEquals(List.of("byCategory@10-11"), outer("b.kt",
        "    fun byCategory(c: String): List<Map<String, Any>> =",
        "        jdbc.queryForList(\"SELECT 1\", c)"));
    assertEquals(List.of("tiny@10-10"), outer("a.js", "const tiny = (x) => x * 2;"));
  }

  @Test
  @DisplayName("TypeScript: a function type in a parameter is not an arrow function")
  void functionTypeParameter() {
    assertEquals(List.of("SignupForm@10-12"), outer("a.tsx",
        "export function SignupForm({ onSubmit }: { onSubmit: (email: string) => void }) {",
        "  return null;", "}"));
  }

  @Test
  @DisplayName("Java: a record header is not a method")
  void javaRecord() {
    assertEquals(List.of(), outer("Price.java", "public record Price(String sku, BigDecimal amount) {", "}"));
  }

  @Test
  @DisplayName("a lambda passed as an argument is not a named function")
  void lambdaArgument() {
    assertEquals(List.of(), outer("a.js", "xs.map((x) => x * 2);"));
    assertEquals(List.of(), outer("A.cs", "var ys = xs.Select(x => x * 2);"));
  }

  @Test
  @DisplayName("Kotlin: a block function after an expression-bodied one starts on its own line")
  void kotlinAfterExpression() {
    assertEquals(List.of("base@11-11", "quote@13-15"), outer("a.kt", "object Rates {",
        "    fun base(w: Double): Double = w * 1.2", "", "    fun quote(w: Double): Double {",
        "        return base(w)", "    }", "}"));
  }

  @Test
  @DisplayName("Java: a method whose body runs past the hunk keeps its record when the rest parses")
  void javaIncompleteMethod() {
    List<FunctionSpan> spans = Functions.of(SourceView.of(FunctionsTest.file("ArchiveService.java",
        "         this.backupRoot = props.root();", "     }", " ",
        "+    public Path archive(Path sourceDir, String archiveName) throws IOException {",
        "+        Path target = backupRoot.resolve(archiveName + \".tar.gz\");",
        "+        Process p = new ProcessBuilder(\"sh\", \"-c\", \"tar -czf \" + target).start();",
        "         if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {"), Side.NEW));
    assertEquals(List.of("archive"), spans.stream().map(FunctionSpan::name).toList());
    assertEquals(List.of("sourceDir", "archiveName"), spans.get(0).params().stream().map(FunctionSpan.Param::name).toList());
  }
}
