package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Diff contents and secrets never reach the logs, in text or JSON form, even at DEBUG. */
@Timeout(120)
class LogHygieneTest {
  private static final String SECRET = "hunter2-SUPER-secret-token-9f8e7d";
  private static final String DIFF_MARKER = "DIFF_CONTENT_MARKER_51377";
  private static final String DIFF = """
      diff --git a/src/Dao.java b/src/Dao.java
      --- a/src/Dao.java
      +++ b/src/Dao.java
      @@ -1,2 +1,3 @@
       class Dao {
      +  String q = "SELECT * FROM t WHERE id=" + id; // %s
       }
      """.formatted(DIFF_MARKER);

  @TempDir Path dir;
  private final List<String> rendered = new CopyOnWriteArrayList<>();
  private Capture capture;
  private Level previousRoot;
  private SynapseNode node;

  /** Renders every event with the text layout and the JSON encoder, as production would. */
  private final class Capture extends AppenderBase<ILoggingEvent> {
    private final PatternLayoutEncoder text = new PatternLayoutEncoder();
    private final JsonEncoder json = new JsonEncoder();

    Capture(LoggerContext ctx) {
      setContext(ctx);
      text.setContext(ctx);
      text.setPattern(LogSetup.PATTERN);
      text.start();
      json.setContext(ctx);
      json.start();
    }

    @Override
    protected void append(ILoggingEvent e) {
      rendered.add(new String(text.encode(e), StandardCharsets.UTF_8));
      rendered.add(new String(json.encode(e), StandardCharsets.UTF_8));
    }
  }

  @BeforeEach
  void captureLogs() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previousRoot = root.getLevel();
    root.setLevel(Level.DEBUG);
    capture = new Capture(ctx);
    capture.start();
    root.addAppender(capture);
  }

  @AfterEach
  void restore() throws Exception {
    if (node != null) node.close().await(30, TimeUnit.SECONDS);
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(capture);
    root.setLevel(previousRoot);
  }

  @Test
  @DisplayName("a review's diff text and the shared secret never show up in captured logs")
  void noDiffNoSecret() throws Exception {
    node = SynapseNode.start(ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1",
        "SYNAPSE_SECRET", SECRET, "SYNAPSE_BACKUP_DIR", dir.toString()), null), true).await(60, TimeUnit.SECONDS);
    String base = "http://127.0.0.1:" + node.httpPort();
    HttpClient http = HttpClient.newHttpClient();
    JsonObject body = new JsonObject().put("review_id", "hygiene-1").put("diff", DIFF)
        .put("labels", new JsonArray().add("security"));
    HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(base + "/api/reviews?wait=30"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + SECRET)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, resp.statusCode(), resp.body());
    http.send(HttpRequest.newBuilder(URI.create(base + "/api/reviews"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer wrong-" + SECRET)
        .POST(HttpRequest.BodyPublishers.ofString("{\"diff\": 42, \"note\": \"" + DIFF_MARKER + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/backup"))
        .header("Authorization", "Bearer " + SECRET).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    node.close().await(30, TimeUnit.SECONDS);
    node = null;

    assertTrue(rendered.stream().anyMatch(l -> l.contains("hygiene-1")), "the review left no log line at all");
    for (String line : rendered) {
      assertFalse(line.contains(DIFF_MARKER), line);
      assertFalse(line.contains("SELECT * FROM"), line);
      assertFalse(line.contains(SECRET), line);
    }
  }
}
