package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.hunk;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static dev.synapse.analysis.security.SecurityTestDiffs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 5: a value whose origin the diff does not show is not untrusted input. Request
 * handlers' parameters and documented sources are; other parameters and free variables give at
 * most partial confidence.
 */
class UnshownOriginTest {

  @Test
  @DisplayName("RSpec: File.read(File.join(dir, \"index.html\")) with dir defined outside the diff is no path_traversal")
  void rspecFileJoin() {
    List<Finding> fs = run(hunk("spec/features/site_spec.rb", 20,
        "  it 'renders the index' do",
        "+    html = File.read(File.join(dir, \"index.html\"))",
        "+    expect(html).to include('<title>')",
        "  end"), "path_traversal");
    assertEquals(List.of(), fs);
  }

  @Test
  @DisplayName("a directory parameter of an ordinary function joined with a constant file name is no path_traversal")
  void parameterBaseWithConstantName() {
    assertEquals(List.of(), run(newFile("lib/site.py", """
        def read_index(root):
            with open(os.path.join(root, "index.html")) as f:
                return f.read()
        """), "path_traversal"));
    assertEquals(List.of(), run(newFile("lib/site.js", """
        function readIndex(dir) {
          return fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
        }
        """), "path_traversal"));
  }

  @Test
  @DisplayName("a request value joined under a directory is still reported with high confidence")
  void requestValueStillReported() {
    List<Finding> fs = run(newFile("app/views.py", """
        @app.route("/page")
        def page():
            name = request.args["name"]
            return open(os.path.join(ROOT, name)).read()
        """), "path_traversal");
    assertEquals(1, fs.size());
    assertTrue(fs.get(0).confidence() >= 0.7, "confidence " + fs.get(0).confidence());
  }

  @Test
  @DisplayName("a parameter of an ordinary function is reported with partial confidence, a handler's parameter with more")
  void partialConfidenceForParameters() {
    List<Finding> plain = run(newFile("lib/q.py", """
        def find(cursor, name):
            cursor.execute("SELECT * FROM users WHERE name = '" + name + "'")
        """), "sql_injection");
    List<Finding> handler = run(newFile("app/q.py", """
        @app.route("/find/<name>")
        def find(name):
            cursor.execute("SELECT * FROM users WHERE name = '" + name + "'")
        """), "sql_injection");
    assertEquals(1, plain.size());
    assertEquals(1, handler.size());
    assertTrue(plain.get(0).confidence() < 0.7, "ordinary parameter " + plain.get(0).confidence());
    assertTrue(handler.get(0).confidence() >= 0.7, "handler parameter " + handler.get(0).confidence());
    assertTrue(plain.get(0).summary().contains("origin not shown"), plain.get(0).summary());
  }

  @Test
  @DisplayName("parameters of Spring, ASP.NET and Phoenix handlers are request input, used as-is too")
  void handlerParametersAreRequestInput() {
    List<Finding> spring = run(newFile("src/main/java/a/FileController.java", """
        class FileController {
          @GetMapping("/files")
          public byte[] file(String name) throws IOException {
            return Files.readAllBytes(Paths.get(name));
          }
        }
        """), "path_traversal");
    assertEquals(List.of(4), spring.stream().map(Finding::line).toList());
    assertTrue(spring.get(0).summary().contains("request/CLI input"), spring.get(0).summary());
    List<Finding> plain = run(newFile("src/main/java/a/Files2.java", """
        class Files2 {
          public byte[] file(String name) throws IOException {
            return Files.readAllBytes(Paths.get(name));
          }
        }
        """), "path_traversal");
    assertEquals(List.of(), plain, "an ordinary parameter used as-is is the caller's business");
    List<Finding> phoenix = run(newFile("lib/app_web/controllers/page_controller.ex", """
        defmodule AppWeb.PageController do
          def show(conn, %{"name" => name}) do
            send_file(conn, 200, name)
          end
        end
        """), "path_traversal");
    assertEquals(1, phoenix.size());
    assertTrue(phoenix.get(0).confidence() >= 0.7, "confidence " + phoenix.get(0).confidence());
  }
}
