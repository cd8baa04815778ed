package dev.synapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synapse review} end to end: test_code_max_severity reaches the specialists. */
class ReviewCommandTestCodeTest {
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

  /** The demo's SQL injection diff, moved to {@code path}. */
  private static Path sample(Path dir, String path) throws Exception {
    String text;
    try (var in = ReviewCommandTestCodeTest.class.getResourceAsStream(DemoCommand.SAMPLE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path diff = dir.resolve("change.diff");
    Files.writeString(diff, text.replace("lib/user_repository.ex", path));
    return diff;
  }

  private JsonArray findings() {
    JsonObject summary = new JsonObject(out.toString(StandardCharsets.UTF_8));
    out.reset();
    return summary.getJsonArray("findings");
  }

  @Test
  @DisplayName("by default the SQL injection in a test file is reported at low and passes a --fail-on high gate")
  void defaultLowersInTestCode(@TempDir Path dir) throws Exception {
    Path diff = sample(dir, "test/user_repository_test.exs");
    int code = Main.commandLine().execute("review", diff.toString(), "--label", "security",
        "--format", "json", "--fail-on", "high");
    assertEquals(0, code, err.toString());
    JsonArray findings = findings();
    assertEquals("sql_injection", findings.getJsonObject(0).getString("type"));
    assertEquals("low", findings.getJsonObject(0).getString("severity"));
  }

  @Test
  @DisplayName("with test_code_max_severity none in --conf, findings in test code are dropped")
  void noneDrops(@TempDir Path dir) throws Exception {
    Path diff = sample(dir, "test/user_repository_test.exs");
    Path conf = dir.resolve("synapse.json");
    Files.writeString(conf, "{\"test_code_max_severity\": \"none\"}");
    int code = Main.commandLine().execute("review", diff.toString(), "--label", "security",
        "--format", "json", "--conf", conf.toString());
    assertEquals(0, code, err.toString());
    assertEquals(0, findings().size());
  }
}
