package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.agent.AgentRegistry;
import dev.synapse.agent.LearnedPatterns;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BackupServiceTest {
  private static final long HOUR_MS = 3_600_000;
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static LearnedPatterns.Pattern pattern() {
    return new LearnedPatterns.Pattern("r", "fp", "xss", LearnedPatterns.FALSE_POSITIVE, null, Instant.EPOCH);
  }

  private BackupService service(Map<String, SnapshotSource> sources, int keep) {
    return new BackupService(vertx, new SnapshotFiles(dir, Clock.systemUTC()), sources, "node-1", "test", HOUR_MS, keep);
  }

  @Test
  @DisplayName("taking more snapshots than backup_keep leaves only the newest ones")
  void keepsNewest() throws Exception {
    BackupService s = service(Map.of("agents", new AgentStateSnapshots(new AgentRegistry())), 2);
    Path last = null;
    for (int i = 0; i < 4; i++) last = s.snapshotNow().await(10, TimeUnit.SECONDS);
    var files = new SnapshotFiles(dir, Clock.systemUTC()).list();
    assertEquals(2, files.size());
    assertEquals(last, files.get(0));
  }

  @Test
  @DisplayName("the admin address answers with the file of a fresh snapshot")
  void adminAddress() throws Exception {
    BackupService s = service(Map.of("agents", new AgentStateSnapshots(new AgentRegistry())), 5);
    s.start().await(10, TimeUnit.SECONDS);
    JsonObject reply = vertx.eventBus().<JsonObject>request(BackupService.ADMIN_ADDRESS, null)
        .await(10, TimeUnit.SECONDS).body();
    assertTrue(Files.exists(Path.of(reply.getString("file"))));
  }

  @Test
  @DisplayName("a malformed section is skipped while the other sections are restored")
  void malformedSectionSkipped() throws Exception {
    AgentRegistry before = new AgentRegistry();
    before.state("security_specialist").learned().learn(pattern());
    JsonObject sections = new JsonObject()
        .put("agents", new AgentStateSnapshots(before).capture().await(5, TimeUnit.SECONDS))
        .put("reviews", new JsonObject().put("reviews", "not an array"));
    new SnapshotFiles(dir, Clock.systemUTC()).write("old", "test", sections);
    AgentRegistry after = new AgentRegistry();
    Map<String, SnapshotSource> sources = new LinkedHashMap<>();
    sources.put("agents", new AgentStateSnapshots(after));
    sources.put("reviews", new SnapshotSource() {
      @Override
      public Future<JsonObject> capture() {
        return Future.succeededFuture(new JsonObject());
      }

      @Override
      public Future<Integer> restore(JsonObject section) {
        return Future.failedFuture(new SnapshotException("section 'reviews' is malformed"));
      }
    });
    service(sources, 5).restoreAtStart().await(10, TimeUnit.SECONDS);
    assertTrue(after.state("security_specialist").learned().suppresses("r", "fp"));
  }

  @Test
  @DisplayName("a malformed agents section changes no agent state")
  void malformedAgentsUntouched() throws Exception {
    AgentRegistry registry = new AgentRegistry();
    registry.state("security_specialist").learned().learn(pattern());
    JsonObject bad = new JsonObject().put("security_specialist", new JsonObject()
        .put("learned_patterns", new io.vertx.core.json.JsonArray().add(new JsonObject().put("fingerprint", "x"))));
    Future<Integer> restored = new AgentStateSnapshots(registry).restore(bad);
    assertTrue(restored.failed() && restored.cause() instanceof SnapshotException);
    assertTrue(registry.state("security_specialist").learned().suppresses("r", "fp"));
  }
}
