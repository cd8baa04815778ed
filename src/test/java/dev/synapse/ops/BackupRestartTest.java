package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.LearnedPatterns;
import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.ReviewService;
import dev.synapse.review.StoredReview;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class BackupRestartTest {
  private static final String DIFF = """
      diff --git a/src/App.java b/src/App.java
      --- a/src/App.java
      +++ b/src/App.java
      @@ -1,2 +1,3 @@
       class App {
      +  int x = 1;
       }
      """;

  @TempDir Path dir;
  private SynapseNode node;

  @AfterEach
  void close() throws Exception {
    if (node != null) node.close().await(30, TimeUnit.SECONDS);
  }

  private SynapseConfig config() {
    return ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0",
        "SYNAPSE_BACKUP_DIR", dir.toString(), "SYNAPSE_BACKUP_INTERVAL_MS", "3600000"), null);
  }

  private SynapseNode start() throws Exception {
    node = SynapseNode.start(config(), false).await(60, TimeUnit.SECONDS);
    return node;
  }

  private void stop() throws Exception {
    node.close().await(30, TimeUnit.SECONDS);
    node = null;
  }

  private static LearnedPatterns.Pattern pattern() {
    return new LearnedPatterns.Pattern("acme/app", "fp-123", "sql_injection", LearnedPatterns.FALSE_POSITIVE,
        "escaped upstream", Instant.parse("2026-11-29T10:00:00Z"));
  }

  private void reviewAndLearn(SynapseNode n) throws Exception {
    var request = ReviewService.validate(new JsonObject().put("review_id", "keep-me").put("diff", DIFF));
    n.reviews().submit(request).await(30, TimeUnit.SECONDS);
    assertNotNull(n.reviews().awaitSummary("keep-me", 30_000).await(40, TimeUnit.SECONDS));
    n.context().agents().state(AgentNames.SECURITY).learned().learn(pattern());
  }

  @Test
  @DisplayName("a finished review and a learned pattern survive a restart through the shutdown snapshot")
  void roundTripThroughRestart() throws Exception {
    reviewAndLearn(start());
    stop();
    SynapseNode second = start();
    StoredReview restored = second.reviews().store().get("keep-me").await(10, TimeUnit.SECONDS);
    assertNotNull(restored);
    assertNotNull(restored.summary());
    assertTrue(second.context().agents().state(AgentNames.SECURITY).learned().suppresses("acme/app", "fp-123"));
  }

  @Test
  @DisplayName("a corrupt newest snapshot is skipped and the previous valid one is restored")
  void corruptNewestIsSkipped() throws Exception {
    reviewAndLearn(start());
    stop();
    Path corrupt = dir.resolve(SnapshotFiles.PREFIX + "99991231T235959999Z" + SnapshotFiles.SUFFIX);
    Files.writeString(corrupt, "{\"format\":\"synapse-snapshot\",\"version\":1,\"payload_bytes\":2}\n{}");
    SynapseNode second = start();
    assertNotNull(second.reviews().store().get("keep-me").await(10, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("a node whose only snapshot is garbage starts empty instead of crashing")
  void garbageOnlyStartsEmpty() throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(SnapshotFiles.PREFIX + "20261129T000000000Z" + SnapshotFiles.SUFFIX), "\u0000garbage");
    SynapseNode n = start();
    assertEquals(0, n.reviews().store().list(0, 10).await(10, TimeUnit.SECONDS).total());
  }

  @Test
  @DisplayName("a snapshot queued by restore wins over newer periodic snapshots and is applied once")
  void pendingWins() throws Exception {
    reviewAndLearn(start());
    stop();
    Path queued = new SnapshotFiles(dir, Clock.systemUTC()).list().get(0);
    Path copy = Files.copy(queued, dir.resolve("copy.bak"));
    new SnapshotFiles(dir, Clock.systemUTC()).write("other", "v", new JsonObject());
    new SnapshotFiles(dir, Clock.systemUTC()).placePending(copy);
    SynapseNode second = start();
    assertNotNull(second.reviews().store().get("keep-me").await(10, TimeUnit.SECONDS));
    assertTrue(Files.exists(dir.resolve(SnapshotFiles.PENDING + ".applied")));
  }
}
