package dev.synapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import dev.synapse.ops.SnapshotFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(120)
class BackupRestoreCommandTest {
  @TempDir Path dir;
  private SynapseNode node;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void close() throws Exception {
    if (node != null) node.close().await(30, TimeUnit.SECONDS);
  }

  private String startNode(Path backupDir, String secret) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1"));
    if (backupDir != null) env.put("SYNAPSE_BACKUP_DIR", backupDir.toString());
    if (secret != null) env.put("SYNAPSE_SECRET", secret);
    node = SynapseNode.start(ConfigLoader.load(null, env, null), true).await(60, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + node.httpPort();
  }

  private int backup(String... args) {
    BackupCommand cmd = new BackupCommand();
    cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    cmd.err = cmd.out;
    return new CommandLine(cmd).execute(args);
  }

  private int restore(String... args) {
    RestoreCommand cmd = new RestoreCommand();
    cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    cmd.err = cmd.out;
    return new CommandLine(cmd).execute(args);
  }

  @Test
  @DisplayName("backup makes a running node write a valid snapshot into its backup folder")
  void backupWritesSnapshot() throws Exception {
    String url = startNode(dir, "the-secret");
    assertEquals(0, backup("--url", url, "--token", "the-secret"), out.toString(StandardCharsets.UTF_8));
    Path file = new SnapshotFiles(dir, Clock.systemUTC()).list().get(0);
    assertTrue(SnapshotFiles.read(file).sections().containsKey("agents"));
  }

  @Test
  @DisplayName("backup with a wrong token is refused and writes nothing")
  void backupNeedsToken() throws Exception {
    String url = startNode(dir, "the-secret");
    assertEquals(Main.EXIT_FAILURE, backup("--url", url, "--token", "nope"));
    assertTrue(new SnapshotFiles(dir, Clock.systemUTC()).list().isEmpty());
  }

  @Test
  @DisplayName("backup against a node without SYNAPSE_BACKUP_DIR reports that snapshots are off")
  void backupDisabled() throws Exception {
    String url = startNode(null, null);
    assertEquals(Main.EXIT_FAILURE, backup("--url", url));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("backups_disabled"), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("restore refuses a corrupt file and queues nothing")
  void restoreRefusesCorrupt() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\":\"synapse-snapshot\",\"version\":1}\n{}");
    Path backups = dir.resolve("backups");
    assertEquals(Main.EXIT_USAGE, restore(bad.toString(), "--backup-dir", backups.toString()));
    assertFalse(Files.exists(backups.resolve(SnapshotFiles.PENDING)));
  }

  @Test
  @DisplayName("restore queues a valid snapshot for the next start")
  void restoreQueuesValid() throws Exception {
    Path good = new SnapshotFiles(dir, Clock.systemUTC()).write("n", "v", new io.vertx.core.json.JsonObject());
    Path backups = dir.resolve("backups");
    assertEquals(0, restore(good.toString(), "--backup-dir", backups.toString()));
    assertTrue(Files.exists(backups.resolve(SnapshotFiles.PENDING)));
  }
}
