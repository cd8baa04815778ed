package dev.synapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synapse review} in-process: output formats and the CI exit-code gate. */
class ReviewCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private int run(String... args) {
    return Main.commandLine().execute(args);
  }

  @Test
  @DisplayName("a high-severity finding with --fail-on high exits 1 and prints JSON with the finding")
  void gateFails(@TempDir Path dir) throws Exception {
    Path diff = dir.resolve("change.diff");
    try (var in = ReviewCommandTest.class.getResourceAsStream(DemoCommand.SAMPLE)) {
      Files.write(diff, in.readAllBytes());
    }
    int code = run("review", diff.toString(), "--label", "security", "--format", "json", "--fail-on", "high");
    assertEquals(Main.EXIT_GATE, code, err.toString());
    JsonObject summary = new JsonObject(out.toString(StandardCharsets.UTF_8));
    assertEquals("high", summary.getString("severity"));
    assertEquals("sql_injection", summary.getJsonArray("findings").getJsonObject(0).getString("type"));
  }

  @Test
  @DisplayName("a small unlabelled change takes the fast path and still gates on a medium-severity XSS (was: exit 0, 'No findings')")
  void fastPathGatesOnMedium(@TempDir Path dir) throws Exception {
    Path diff = dir.resolve("xss.diff");
    Files.writeString(diff, String.join("\n",
        "diff --git a/web/greet.js b/web/greet.js",
        "--- a/web/greet.js",
        "+++ b/web/greet.js",
        "@@ -1,3 +1,4 @@",
        " app.get('/greet', (req, res) => {",
        "+  res.send('<h1>Hello ' + req.query.name + '</h1>');",
        " });",
        " module.exports = app;",
        ""));
    int code = run("review", diff.toString(), "--format", "json", "--fail-on", "medium");
    assertEquals(Main.EXIT_GATE, code, err.toString() + out);
    JsonObject summary = new JsonObject(out.toString(StandardCharsets.UTF_8));
    assertEquals("fast_path", summary.getJsonObject("metadata").getString("decision_path"));
    assertEquals("xss", summary.getJsonArray("findings").getJsonObject(0).getString("type"));
  }

  @Test
  @DisplayName("usage errors exit 2, not 3: an unknown option, an unknown command, a missing file, a bad start option")
  void usageErrorsExitTwo() {
    assertEquals(Main.EXIT_USAGE, run("review", "--frobnicate"));
    assertEquals(Main.EXIT_USAGE, run("frobnicate"));
    assertEquals(Main.EXIT_USAGE, run("eval"));
    assertEquals(Main.EXIT_USAGE, run("start", "--bogus"));
  }

  @Test
  @DisplayName("--config .synapse.yml: disabled rules are dropped, its fail_on gates, its deep-review labels apply, a bad file names the line")
  void repositoryConfig(@TempDir Path dir) throws Exception {
    Path diff = dir.resolve("change.diff");
    try (var in = ReviewCommandTest.class.getResourceAsStream("/github/scenario/pr-v1.diff")) {
      Files.write(diff, in.readAllBytes());
    }
    Path yml = dir.resolve(".synapse.yml");
    Files.writeString(yml, "disable: [sql_injection]\ndeep_review_labels: [bug]\nfail_on: medium\n");
    int code = run("review", diff.toString(), "--label", "bug", "--format", "json", "--config", yml.toString());
    assertEquals(Main.EXIT_GATE, code, err.toString());
    JsonObject summary = new JsonObject(out.toString(StandardCharsets.UTF_8));
    assertEquals("medium", summary.getString("severity"), "the high SQL injection is disabled");
    assertEquals(java.util.Set.of("weak_crypto", "insecure_cookie"), summary.getJsonArray("findings").stream()
        .map(o -> ((JsonObject) o).getString("type")).collect(java.util.stream.Collectors.toSet()), "deep review ran");
    Files.writeString(yml, "fail_on: high\nmin_confidence: 2\n");
    assertEquals(Main.EXIT_USAGE, run("review", diff.toString(), "--config", yml.toString()));
    assertTrue(err.toString().contains(".synapse.yml line 2"), err.toString());
  }

  @Test
  @DisplayName("an empty diff passes the gate and prints a text report")
  void gatePasses(@TempDir Path dir) throws Exception {
    Path diff = dir.resolve("empty.diff");
    Files.writeString(diff, "");
    assertEquals(0, run("review", diff.toString(), "--fail-on", "low"), err.toString());
    assertTrue(out.toString().contains("No findings."), out.toString());
    assertTrue(err.toString().contains("the diff is empty, nothing was reviewed"), err.toString());
  }

  @Test
  @DisplayName("an empty diff (git diff outside a repository: empty stdin) is marked metadata.empty=true; a real diff false")
  void emptyDiffSaysSo(@TempDir Path dir) throws Exception {
    Path diff = dir.resolve("empty.diff");
    Files.writeString(diff, "");
    assertEquals(0, run("review", diff.toString(), "--format", "json"), err.toString());
    assertTrue(new JsonObject(out.toString(StandardCharsets.UTF_8)).getJsonObject("metadata").getBoolean("empty"));
    out.reset();
    err.reset();
    Path real = dir.resolve("change.diff");
    try (var in = ReviewCommandTest.class.getResourceAsStream(DemoCommand.SAMPLE)) {
      Files.write(real, in.readAllBytes());
    }
    run("review", real.toString(), "--format", "json");
    assertFalse(new JsonObject(out.toString(StandardCharsets.UTF_8)).getJsonObject("metadata").getBoolean("empty"));
    assertFalse(err.toString().contains("empty"), err.toString());
  }

  @Test
  @DisplayName("input that is not a diff exits 2 with the invalid_diff code, and so does a bad option value")
  void badInput(@TempDir Path dir) throws Exception {
    Path diff = dir.resolve("notes.txt");
    Files.writeString(diff, "just some words\n");
    assertEquals(Main.EXIT_USAGE, run("review", diff.toString()));
    assertTrue(err.toString().contains("invalid_diff"), err.toString());
    assertEquals(Main.EXIT_USAGE, run("review", diff.toString(), "--fail-on", "critical"));
    assertEquals(Main.EXIT_USAGE, run("review", dir.resolve("missing.diff").toString()));
  }

  @Test
  @DisplayName("--url to a node that is not running exits 3 and says it cannot connect (was: 'synapse review: null')")
  void unreachableNode(@TempDir Path dir) throws Exception {
    Path diff = dir.resolve("empty.diff");
    Files.writeString(diff, "");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertEquals(Main.EXIT_FAILURE, run("review", diff.toString(), "--url", "http://127.0.0.1:" + port));
    assertTrue(err.toString().contains("cannot connect to http://127.0.0.1:" + port), err.toString());
    assertTrue(!err.toString().contains("null"), err.toString());
  }
}
