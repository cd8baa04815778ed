package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  @TempDir Path dir;

  @AfterEach
  void resetLogback() throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    new ContextInitializer(ctx).autoConfig();
  }

  /** Keeps 70 MB of test output off the console. */
  private static void detachConsole() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("ROOT").detachAppender(LogSetup.CONSOLE);
  }

  private static SynapseConfig config(Map<String, String> env) {
    return ConfigLoader.load(null, env, null);
  }

  @Test
  @DisplayName("with SYNAPSE_LOG_FILE and SYNAPSE_LOG_JSON, events land in the file as JSON lines with their key-value fields")
  void jsonLinesInFile() throws Exception {
    Path file = dir.resolve("synapse.log");
    LogSetup.apply(config(Map.of("SYNAPSE_LOG_FILE", file.toString(), "SYNAPSE_LOG_JSON", "true", "LOG_LEVEL", "info")));
    LoggerFactory.getLogger("dev.synapse.test").atInfo().setMessage("review summary")
        .addKeyValue("review_id", "r-42").addKeyValue("duration_ms", 17).log();
    List<String> lines = Files.readAllLines(file);
    JsonObject event = new JsonObject(lines.get(lines.size() - 1));
    assertEquals("review summary", event.getString("formattedMessage"));
    assertTrue(event.encode().contains("\"review_id\":\"r-42\""), event.encode());
  }

  @Test
  @DisplayName("the log file rolls at 10 MB and keeps five rolled files besides the active one")
  void rollsAndKeepsFive() throws Exception {
    Path file = dir.resolve("roll.log");
    LogSetup.apply(config(Map.of("SYNAPSE_LOG_FILE", file.toString(), "LOG_LEVEL", "info",
        "SYNAPSE_LOG_JSON", "false")), 0);
    detachConsole();
    org.slf4j.Logger log = LoggerFactory.getLogger("dev.synapse.test");
    String chunk = "x".repeat(64 * 1024);
    for (int i = 0; i < 7 * 160 + 10; i++) log.info(chunk);
    assertTrue(Files.exists(file));
    for (int i = 1; i <= LogSetup.KEEP_FILES; i++) assertTrue(Files.exists(Path.of(file + "." + i)), "missing ." + i);
    assertTrue(!Files.exists(Path.of(file + "." + (LogSetup.KEEP_FILES + 1))));
    assertTrue(Files.size(Path.of(file + ".1")) <= 11L * 1024 * 1024);
  }

  @Test
  @DisplayName("LOG_LEVEL from the configuration sets the root level")
  void rootLevel() {
    LogSetup.apply(config(Map.of("LOG_LEVEL", "debug")));
    assertTrue(LoggerFactory.getLogger("any").isDebugEnabled());
  }
}
