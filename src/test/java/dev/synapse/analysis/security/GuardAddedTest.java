package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.hunk;
import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 5: a sanitiser, encoder or canonicalise-then-check added by the change silences
 * the finding it protects. Each case is one hunk whose lines starting with {@code G} are the
 * added guard: with them the category is silent; the same hunk without them is reported on
 * {@code line}, so every case can fail.
 */
class GuardAddedTest {

  private static void silencedByGuard(String path, String category, int line, String... rows) {
    List<String> fix = new ArrayList<>();
    List<String> bare = new ArrayList<>();
    for (String r : rows) {
      if (r.startsWith("G")) {
        fix.add("+" + r.substring(1));
      } else {
        fix.add(r);
        bare.add(r);
      }
    }
    assertEquals(List.of(line), lines(hunk(path, 10, bare.toArray(String[]::new)), category),
        "without the guard");
    assertEquals(List.of(), lines(hunk(path, 10, fix.toArray(String[]::new)), category),
        "with the guard");
  }

  @Test
  @DisplayName("Python: realpath + startswith(base) + abort in front of send_file silences path_traversal")
  void pythonRealpathStartswith() {
    silencedByGuard("app/views.py", "path_traversal", 13,
        "@app.route('/files')",
        "def download():",
        "    name = request.args['name']",
        "+    path = os.path.realpath(os.path.join(BASE, name))",
        "G    if not path.startswith(BASE + os.sep):",
        "G        abort(403)",
        "+    return send_file(path, as_attachment=True)");
  }

  @Test
  @DisplayName("Java: normalize + startsWith(root) + throw in front of the read silences path_traversal")
  void javaNormalizeStartsWith() {
    silencedByGuard("src/main/java/a/FileController.java", "path_traversal", 12,
        "  @GetMapping(\"/files\")",
        "  public byte[] file(@RequestParam String name) throws IOException {",
        "+    Path p = root.resolve(name).normalize();",
        "G    if (!p.startsWith(root)) {",
        "G      throw new ResponseStatusException(HttpStatus.FORBIDDEN);",
        "G    }",
        "+    return Files.readAllBytes(p);",
        "  }");
  }

  @Test
  @DisplayName("Go: filepath.Clean + strings.HasPrefix + return in front of os.Open silences path_traversal")
  void goCleanHasPrefix() {
    silencedByGuard("srv/files.go", "path_traversal", 12,
        "func serve(w http.ResponseWriter, r *http.Request) {",
        "\tname := r.URL.Query().Get(\"name\")",
        "+\tp := filepath.Clean(filepath.Join(root, name))",
        "G\tif !strings.HasPrefix(p, root+string(os.PathSeparator)) {",
        "G\t\thttp.Error(w, \"forbidden\", 403)",
        "G\t\treturn",
        "G\t}",
        "+\tf, _ := os.Open(p)",
        "\tio.Copy(w, f)",
        "}");
  }

  @Test
  @DisplayName("Node: path.resolve + startsWith(root) + return in front of readFile silences path_traversal")
  void nodeResolveStartsWith() {
    silencedByGuard("routes/files.js", "path_traversal", 11,
        "app.get('/f', (req, res) => {",
        "+  const p = path.resolve(ROOT, req.query.name);",
        "G  if (!p.startsWith(ROOT + path.sep)) {",
        "G    return res.status(403).end();",
        "G  }",
        "+  fs.readFile(p, (err, data) => res.send(data));",
        "});");
  }

  @Test
  @DisplayName("a check rejecting '..' in the name in front of the sink silences path_traversal")
  void dotDotRejected() {
    silencedByGuard("app/views.py", "path_traversal", 13,
        "@app.route('/files')",
        "def download():",
        "    name = request.args['name']",
        "G    if '..' in name or name.startswith('/'):",
        "G        abort(400)",
        "+    return send_file(os.path.join(BASE, name), as_attachment=True)");
    silencedByGuard("srv/files.go", "path_traversal", 12,
        "func serve(w http.ResponseWriter, r *http.Request) {",
        "\tname := r.URL.Query().Get(\"name\")",
        "G\tif strings.Contains(name, \"..\") {",
        "G\t\thttp.Error(w, \"bad name\", 400)",
        "G\t\treturn",
        "G\t}",
        "+\tf, _ := os.Open(filepath.Join(root, name))",
        "\tio.Copy(w, f)",
        "}");
    silencedByGuard("routes/files.js", "path_traversal", 12,
        "app.get('/f', (req, res) => {",
        "  const name = req.query.name;",
        "G  if (name.includes('..')) {",
        "G    return res.status(400).end();",
        "G  }",
        "+  fs.readFile(path.join(ROOT, name), (err, data) => res.send(data));",
        "});");
    silencedByGuard("src/main/java/a/FileController.java", "path_traversal", 12,
        "  @GetMapping(\"/files\")",
        "  public byte[] file(@RequestParam String name) throws IOException {",
        "G    if (name.contains(\"..\")) {",
        "G      throw new IllegalArgumentException(\"bad name\");",
        "G    }",
        "+    return Files.readAllBytes(root.resolve(name));",
        "  }");
  }

  @Test
  @DisplayName("commonpath and filepath.Rel checks in front of the sink silence path_traversal")
  void commonpathAndRel() {
    silencedByGuard("app/views.py", "path_traversal", 13,
        "@app.route('/files')",
        "def download():",
        "    name = request.args['name']",
        "+    path = os.path.realpath(os.path.join(BASE, name))",
        "G    if os.path.commonpath([BASE, path]) != BASE:",
        "G        abort(403)",
        "+    return send_file(path, as_attachment=True)");
    silencedByGuard("srv/files.go", "path_traversal", 11,
        "func serve(w http.ResponseWriter, r *http.Request) {",
        "+\tp := filepath.Join(root, r.URL.Query().Get(\"name\"))",
        "G\trel, err := filepath.Rel(root, p)",
        "G\tif err != nil || strings.HasPrefix(rel, \"..\") {",
        "G\t\thttp.Error(w, \"forbidden\", 403)",
        "G\t\treturn",
        "G\t}",
        "+\tf, _ := os.Open(p)",
        "\tio.Copy(w, f)",
        "}");
  }

  @Test
  @DisplayName("an escaping call added around the value silences xss and command_injection")
  void encoderAdded() {
    assertEquals(List.of(), lines(hunk("routes/hi.js", 5,
        "app.get('/hi', (req, res) => {",
        "-  res.send('<p>Hello ' + req.query.name + '</p>');",
        "+  res.send('<p>Hello ' + escapeHtml(req.query.name) + '</p>');",
        "});"), "xss"));
    assertEquals(List.of(), lines(hunk("app/ping.py", 5,
        "@app.route('/ping')",
        "def ping():",
        "    host = request.args['host']",
        "-    os.system('ping -c 1 ' + host)",
        "+    os.system('ping -c 1 ' + shlex.quote(host))"), "command_injection"));
  }

  @Test
  @DisplayName("removing '../' with replace is no check: path_traversal stays")
  void replaceIsNoCheck() {
    assertEquals(List.of(14), lines(hunk("app/views.py", 10,
        "@app.route('/files')",
        "def download():",
        "    name = request.args['name']",
        "+    name = name.replace('../', '')",
        "+    return send_file(os.path.join(BASE, name), as_attachment=True)"), "path_traversal"));
  }

  @Test
  @DisplayName("a check on the canonicalised receiver (os.path.realpath(p).startswith(base), p.toRealPath().startsWith(root)) silences path_traversal")
  void checkOnCanonicalisedReceiver() {
    silencedByGuard("app/views.py", "path_traversal", 13,
        "@app.route('/files')",
        "def download():",
        "    name = request.args['name']",
        "+    path = os.path.join(BASE, name)",
        "G    if not os.path.realpath(path).startswith(BASE):",
        "G        abort(403)",
        "+    return send_file(path, as_attachment=True)");
    silencedByGuard("src/main/java/a/FileController.java", "path_traversal", 12,
        "  @GetMapping(\"/files\")",
        "  public byte[] file(@RequestParam String name) throws IOException {",
        "+    Path p = root.resolve(name);",
        "G    if (!p.toRealPath().startsWith(root.toRealPath())) {",
        "G      throw new ResponseStatusException(HttpStatus.FORBIDDEN);",
        "G    }",
        "+    return Files.readAllBytes(p);",
        "  }");
  }
}
