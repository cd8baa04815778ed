package dev.synapse.analysis.performance;

import static dev.synapse.analysis.performance.PerfTestSupport.diff;
import static dev.synapse.analysis.performance.PerfTestSupport.lines;
import static dev.synapse.analysis.performance.PerfTestSupport.newFile;
import static dev.synapse.analysis.performance.PerfTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MemoryHotspotCheckTest {
  private final MemoryHotspotCheck check = new MemoryHotspotCheck();

  @Test
  @DisplayName("Java Files.readAllLines on a parameter path is a whole-file read")
  void javaReadAllLines() {
    List<Finding> f = run(check, newFile("src/Stats.java",
        "class Stats {",
        "  static long count(Path log) throws IOException {",
        "    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);",
        "    return lines.size();",
        "  }",
        "}"));
    assertEquals(List.of(3), lines(f));
    assertEquals(MemoryHotspotCheck.RULE_FILE, f.get(0).ruleId());
    assertEquals("CWE-770", f.get(0).cwe());
  }

  @Test
  @DisplayName("Java Files.lines streaming is not reported")
  void javaStreaming() {
    assertTrue(run(check, newFile("src/Stats.java",
        "class Stats {",
        "  static long count(Path log) throws IOException {",
        "    try (var lines = Files.lines(log)) { return lines.count(); }",
        "  }",
        "}")).isEmpty());
  }

  @Test
  @DisplayName("Go io.ReadAll of a request body without a limit is a high-severity body read")
  void goReadAllBody() {
    List<Finding> f = run(check, newFile("h.go",
        "package h",
        "func Upload(w http.ResponseWriter, r *http.Request) {",
        "\tdata, _ := io.ReadAll(r.Body)",
        "\t_ = data",
        "}"));
    assertEquals(List.of(3), lines(f));
    assertEquals(Severity.HIGH, f.get(0).severity());
  }

  @Test
  @DisplayName("Go io.ReadAll over http.MaxBytesReader is not reported")
  void goBounded() {
    assertTrue(run(check, newFile("h.go",
        "package h",
        "func Upload(w http.ResponseWriter, r *http.Request) {",
        "\tdata, _ := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))",
        "\t_ = data",
        "}")).isEmpty());
  }

  @Test
  @DisplayName("Elixir File.read! piped into String.split is reported; File.stream! is not")
  void elixirFileRead() {
    assertEquals(List.of(3), lines(run(check, newFile("lib/imp.ex",
        "defmodule Imp do",
        "  def run(path) do",
        "    path |> File.read!() |> String.split(\"\\n\")",
        "  end",
        "end"))));
    assertTrue(run(check, newFile("lib/imp.ex",
        "defmodule Imp do",
        "  def run(path) do",
        "    path |> File.stream!() |> Enum.count()",
        "  end",
        "end")).isEmpty());
  }

  @Test
  @DisplayName("a constant configuration path is not reported")
  void constantConfig() {
    assertTrue(run(check, newFile("app/boot.rb",
        "def settings",
        "  File.read(Rails.root.join(\"config\", \"settings.yml\")).split(\"\\n\")",
        "end")).isEmpty());
  }

  @Test
  @DisplayName("Ruby CSV.read and PHP file() on variable paths are reported")
  void rubyAndPhp() {
    assertEquals(List.of(2), lines(run(check, newFile("app/imp.rb",
        "def call",
        "  rows = CSV.read(@path, headers: true)",
        "end"))));
    assertEquals(List.of(3), lines(run(check, newFile("Feed.php",
        "<?php",
        "function handle($path) {",
        "    $lines = file($path, FILE_IGNORE_NEW_LINES);",
        "}"))));
  }

  @Test
  @DisplayName("Prisma findMany without take is reported; with take it is not")
  void prisma() {
    assertEquals(List.of(2), lines(run(check, newFile("src/x.ts",
        "export async function all(prisma: PrismaClient, id: string) {",
        "  return prisma.event.findMany({ where: { tenantId: id } });",
        "}"))));
    assertTrue(run(check, newFile("src/x.ts",
        "export async function all(prisma: PrismaClient, id: string) {",
        "  return prisma.event.findMany({ where: { tenantId: id }, take: 100 });",
        "}")).isEmpty());
  }

  @Test
  @DisplayName("Ecto Repo.all without a limit is reported; with limit or an id list it is not")
  void ecto() {
    assertEquals(List.of(3), lines(run(check, newFile("lib/q.ex",
        "defmodule Q do",
        "  def everything do",
        "    Repo.all(Event)",
        "  end",
        "end"))));
    assertTrue(run(check, newFile("lib/q.ex",
        "defmodule Q do",
        "  def some(ids) do",
        "    from(e in Event, where: e.id in ^ids)",
        "    |> Repo.all()",
        "    from(e in Event, limit: 20) |> Repo.all()",
        "  end",
        "end")).isEmpty());
  }

  @Test
  @DisplayName("Rails Model.all.each is reported; find_each is not")
  void railsAll() {
    assertEquals(List.of(2), lines(run(check, newFile("app/job.rb",
        "def perform",
        "  Invoice.all.each { |i| i.touch }",
        "end"))));
    assertTrue(run(check, newFile("app/job.rb",
        "def perform",
        "  Invoice.find_each(batch_size: 500) { |i| i.touch }",
        "end")).isEmpty());
  }

  @Test
  @DisplayName("Spring Data findAll() without paging is a whole-table load")
  void findAll() {
    assertEquals(List.of(3), lines(run(check, newFile("src/R.java",
        "class R {",
        "  List<Order> export() {",
        "    return orders.findAll();",
        "  }",
        "}"))));
  }

  @Test
  @DisplayName("a SELECT without WHERE or LIMIT split over several lines is judged on the whole statement")
  void selectStatement() {
    assertTrue(run(check, newFile("q.py",
        "def rows(cur):",
        "    cur.execute(",
        "        \"SELECT id FROM orders \"",
        "        \"WHERE account = %s\", (1,))")).isEmpty());
    assertEquals(List.of(2), lines(run(check, newFile("q.py",
        "def rows(cur):",
        "    cur.execute(\"SELECT id, total FROM orders\")"))));
  }

  @Test
  @DisplayName("only added lines are reported")
  void onlyAdded() {
    assertTrue(run(check, diff("src/Stats.java", 1,
        " class Stats {",
        "   static List<String> all(Path log) throws IOException {",
        "     return Files.readAllLines(log);",
        "   }",
        "-  // old",
        "+  // new",
        " }")).isEmpty());
  }

  @Test
  @DisplayName("reading a whole upload (Ruby params, Python request.files) is a body read")
  void uploads() {
    assertEquals(List.of(2), lines(run(check, newFile("a.rb",
        "def create",
        "  data = params[:file].read",
        "end"))));
    assertEquals(List.of(2), lines(run(check, newFile("a.py",
        "def up(request):",
        "    data = request.files['f'].read()",
        "    return len(data)"))));
  }

  @Test
  @DisplayName("a whole file read that is used whole (parsed as one document) is not reported")
  void wholeDocument() {
    assertTrue(run(check, newFile("A.java",
        "class A {",
        "  Cfg load(Path p) throws IOException {",
        "    return mapper.readValue(Files.readString(p), Cfg.class);",
        "  }",
        "}")).isEmpty());
  }

  @Test
  @DisplayName("Laravel DB::table()->get() without a filter is a whole-table load; with where/limit it is not")
  void laravelTable() {
    assertEquals(List.of(3), lines(run(check, newFile("a.php",
        "<?php", "function all() {", "    $rows = DB::table('orders')->get();", "}"))));
    assertTrue(run(check, newFile("a.php",
        "<?php", "function some($id) {",
        "    $rows = DB::table('orders')->where('user_id', $id)->limit(10)->get();", "}")).isEmpty());
  }

  @Test
  @DisplayName("pandas read_csv of a variable path without chunksize is reported; chunked reading is not")
  void pandas() {
    assertEquals(List.of(2), lines(run(check, newFile("a.py",
        "def load(path):", "    df = pd.read_csv(path)", "    return df"))));
    assertTrue(run(check, newFile("a.py",
        "def load(path):", "    for df in pd.read_csv(path, chunksize=10000):", "        handle(df)")).isEmpty());
  }

  @Test
  @DisplayName("collecting Files.lines into a list, readlines() and Mongo toArray() without limit are reported")
  void collectedStreams() {
    assertEquals(List.of(3), lines(run(check, newFile("A.java",
        "class A {", "  List<String> all(Path p) throws IOException {",
        "    return Files.lines(p).collect(Collectors.toList());", "  }", "}"))));
    assertEquals(List.of(3), lines(run(check, newFile("a.py",
        "def count(path):", "    with open(path) as f:", "        lines = f.readlines()", "    return len(lines)"))));
    assertEquals(List.of(2), lines(run(check, newFile("a.js",
        "async function all(db) {", "  return db.collection('events').find({}).toArray();", "}"))));
    assertTrue(run(check, newFile("a.js",
        "async function some(db) {", "  return db.collection('events').find({}).limit(50).toArray();", "}")).isEmpty());
  }

  @Test
  @DisplayName("readFileSync of a request handler's parameter that replaces a stream is a whole-file read")
  void readFileSyncServed() {
    List<Finding> f = run(check, diff("src/jobs/export.ts", 4,
        " export function sendLog(res: Response, path: string) {",
        "-  createReadStream(path).pipe(res);",
        "+  const data = readFileSync(path);",
        "+  res.end(data);",
        " }"));
    assertEquals(List.of(5), lines(f));
    assertEquals(MemoryHotspotCheck.RULE_FILE, f.get(0).ruleId());
  }

  @Test
  @DisplayName("a wrapped readFileSync of a request-chosen file is reported")
  void readFileSyncWrapped() {
    assertEquals(List.of(2), lines(run(check, newFile("r.js",
        "function show(req, res) {",
        "  const doc = JSON.parse(fs.readFileSync(req.query.file));",
        "  return doc.id;",
        "}"))));
  }

  @Test
  @DisplayName("an awaited fs.promises.readFile of a request handler's parameter is reported")
  void promisesReadFileHandlerParameter() {
    assertEquals(List.of(2), lines(run(check, newFile("r.ts",
        "export async function show(req: Request, file: string) {",
        "  const text = await fs.promises.readFile(file, 'utf8');",
        "  return text.length;",
        "}"))));
  }

  @Test
  @DisplayName("a whole read of a log file is reported as unbounded")
  void readFileSyncLog() {
    assertEquals(List.of(2), lines(run(check, newFile("tail.js",
        "function tail(auditLogPath) {",
        "  const all = fs.readFileSync(auditLogPath, 'utf8');",
        "  return all.slice(-100);",
        "}"))));
  }

  @Test
  @DisplayName("readFileSync of a constant template or a config file is not reported")
  void readFileSyncConstantOrConfig() {
    assertTrue(run(check, newFile("t.js",
        "function render(res, name) {",
        "  const tpl = fs.readFileSync(path.join(__dirname, 'email.html'), 'utf8');",
        "  const cfg = JSON.parse(fs.readFileSync(configPath));",
        "  res.send(tpl);",
        "}")).isEmpty());
  }

  @Test
  @DisplayName("readFileSync of a parameter outside a request handler, neither served nor split, is not reported")
  void readFileSyncPlainHelper() {
    assertTrue(run(check, newFile("h.js",
        "function digest(file) {",
        "  const buf = fs.readFileSync(file);",
        "  return hash(buf);",
        "}")).isEmpty());
  }

  @Test
  @DisplayName("the same rule applies to Java: Files.readAllBytes of a request parameter is reported")
  void javaReadAllBytesServed() {
    assertEquals(List.of(4), lines(run(check, newFile("D.java",
        "class D {",
        "  @GetMapping(\"/f\")",
        "  ResponseEntity<byte[]> get(@RequestParam String name) throws IOException {",
        "    byte[] b = Files.readAllBytes(Paths.get(base, name));",
        "    return ResponseEntity.ok(b);",
        "  }",
        "}"))));
  }

  @Test
  @DisplayName("Go os.ReadFile of a name taken from the request earlier in the handler is reported")
  void goReadFileRequestLocal() {
    assertEquals(List.of(4), lines(run(check, newFile("s.go",
        "package web",
        "func Static(w http.ResponseWriter, r *http.Request) {",
        "\tname := r.URL.Query().Get(\"file\")",
        "\tb, _ := os.ReadFile(filepath.Join(dir, name))",
        "\tw.Write(b)",
        "}"))));
  }

  @Test
  @DisplayName("a handler serving a file whose path is not request-controlled is not reported")
  void handlerServesFixedPath() {
    assertTrue(run(check, newFile("s.js",
        "function home(req, res) {",
        "  res.send(fs.readFileSync(indexPath));",
        "}")).isEmpty());
  }
}
