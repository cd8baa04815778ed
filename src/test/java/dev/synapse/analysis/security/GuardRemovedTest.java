package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.hunk;
import static dev.synapse.analysis.security.SecurityTestDiffs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.signal.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: a diff that removes a validation, sanitiser or canonicalise-then-check in
 * front of a sink is reported on the new side, where the unprotected code now runs (the first
 * line that replaced the check, or the sink), in the category of the sink it protected.
 */
class GuardRemovedTest {

  private static List<String> found(List<Finding> fs) {
    return fs.stream().map(f -> f.type() + "@" + f.side().wire() + ":" + f.line()).toList();
  }

  @Test
  @DisplayName("removing realpath + startswith in front of send_file is path_traversal on the send_file line")
  void canonicaliseThenCheckRemoved() {
    List<Finding> fs = run(hunk("app/views.py", 10,
        "@app.route('/files')",
        "def download():",
        "    name = request.args['name']",
        "    path = os.path.join(BASE, name)",
        "-    if not os.path.realpath(path).startswith(BASE):",
        "-        abort(403)",
        "    return send_file(path)"), "path_traversal");
    assertEquals(List.of("path_traversal@new:14"), found(fs));
  }

  @Test
  @DisplayName("removing an escaping call is xss on the line that lost it")
  void encoderRemoved() {
    List<Finding> fs = run(hunk("routes/hi.js", 5,
        "app.get('/hi', (req, res) => {",
        "-  const name = escapeHtml(req.query.name);",
        "+  const name = req.query.name;",
        "  res.send('<p>Hello ' + name + '</p>');",
        "});"), "xss");
    assertEquals(List.of("xss@new:6"), found(fs));
  }

  @Test
  @DisplayName("removing a '..' check in Go is path_traversal on the os.Open line")
  void dotDotCheckRemoved() {
    List<Finding> fs = run(hunk("srv/files.go", 30,
        "func serve(w http.ResponseWriter, r *http.Request) {",
        "\tname := r.URL.Query().Get(\"name\")",
        "-\tif strings.Contains(name, \"..\") {",
        "-\t\thttp.Error(w, \"bad name\", 400)",
        "-\t\treturn",
        "-\t}",
        "\tf, _ := os.Open(filepath.Join(root, name))",
        "\tio.Copy(w, f)",
        "}"), "path_traversal");
    assertEquals(List.of("path_traversal@new:32"), found(fs));
  }

  @Test
  @DisplayName("removing a guard that protected nothing, or one that still exists elsewhere, reports nothing")
  void unrelatedRemoval() {
    assertEquals(List.of(), found(run(hunk("app/views.py", 10,
        "@app.route('/files')",
        "def download():",
        "    name = request.args['name']",
        "-    if not name.startswith('tmp'):",
        "-        abort(403)",
        "    return send_file(os.path.join(BASE, 'static.txt'))"))));
    assertEquals(List.of(), found(run(hunk("app/views.py", 10,
        "@app.route('/files')",
        "def download():",
        "    name = request.args['name']",
        "-    if '..' in name:",
        "+    if '..' in name or name.startswith('/'):",
        "        abort(400)",
        "    return send_file(os.path.join(BASE, name))"))));
  }
}
