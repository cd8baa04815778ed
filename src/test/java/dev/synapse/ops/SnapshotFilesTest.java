package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {
  @TempDir Path dir;

  private final Instant t0 = Instant.parse("2026-11-29T12:00:00Z");

  private SnapshotFiles files(Instant at) {
    return new SnapshotFiles(dir, Clock.fixed(at, ZoneOffset.UTC));
  }

  private static JsonObject sections() {
    return new JsonObject().put("reviews", new JsonObject().put("reviews", new JsonArray().add(
        new JsonObject().put("id", "r-1").put("score", 0.75).put("note", "ünïcödé \"quoted\"\n"))));
  }

  @Test
  @DisplayName("a written snapshot reads back with the same sections, node id and time")
  void roundTrip() throws Exception {
    Path file = files(t0).write("node-1", "0.1.0", sections());
    Snapshot s = SnapshotFiles.read(file);
    assertEquals(sections(), s.sections());
    assertEquals("node-1", s.nodeId());
    assertEquals(t0, s.createdAt());
  }

  @Test
  @DisplayName("a changed payload byte is refused with a checksum mismatch")
  void checksumMismatch() throws Exception {
    Path file = files(t0).write("node-1", "0.1.0", sections());
    String text = Files.readString(file).replace("r-1", "r-2");
    Files.writeString(file, text);
    SnapshotException e = assertThrows(SnapshotException.class, () -> SnapshotFiles.read(file));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  @DisplayName("a truncated snapshot is refused")
  void truncated() throws Exception {
    Path file = files(t0).write("node-1", "0.1.0", sections());
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 5));
    assertThrows(SnapshotException.class, () -> SnapshotFiles.read(file));
  }

  @Test
  @DisplayName("a file that is not JSON is refused as not a snapshot")
  void notJson() throws Exception {
    Path file = dir.resolve("synapse-snapshot-x.json");
    Files.writeString(file, "this is not json\n{}");
    assertThrows(SnapshotException.class, () -> SnapshotFiles.read(file));
  }

  @Test
  @DisplayName("a JSON file of another format is refused as foreign")
  void foreignFormat() throws Exception {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"format\":\"something-else\",\"version\":1}\n{}", StandardCharsets.UTF_8);
    SnapshotException e = assertThrows(SnapshotException.class, () -> SnapshotFiles.read(file));
    assertTrue(e.getMessage().contains("foreign"), e.getMessage());
  }

  @Test
  @DisplayName("a snapshot of a newer format version is refused")
  void wrongVersion() throws Exception {
    Path file = files(t0).write("node-1", "0.1.0", sections());
    Files.writeString(file, Files.readString(file).replaceFirst("\"version\":1", "\"version\":2"));
    SnapshotException e = assertThrows(SnapshotException.class, () -> SnapshotFiles.read(file));
    assertTrue(e.getMessage().contains("version"), e.getMessage());
  }

  @Test
  @DisplayName("pruning keeps the newest N snapshots")
  void pruneKeepsNewest() throws Exception {
    for (int i = 0; i < 5; i++) files(t0.plus(Duration.ofMinutes(i))).write("n", "v", sections());
    files(t0).prune(2);
    List<Path> left = files(t0).list();
    assertEquals(2, left.size());
    assertEquals(t0.plus(Duration.ofMinutes(4)), SnapshotFiles.read(left.get(0)).createdAt());
    assertEquals(t0.plus(Duration.ofMinutes(3)), SnapshotFiles.read(left.get(1)).createdAt());
  }

  @Test
  @DisplayName("two snapshots in the same millisecond get distinct files")
  void sameInstantDistinctNames() throws Exception {
    Path a = files(t0).write("n", "v", sections());
    Path b = files(t0).write("n", "v", sections());
    assertTrue(!a.equals(b) && Files.exists(a) && Files.exists(b));
  }

  @Test
  @DisplayName("writing leaves no temporary file behind")
  void noTempFiles() throws Exception {
    files(t0).write("n", "v", sections());
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  @DisplayName("an invalid file is not queued for restore")
  void pendingRefusesInvalid() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\":\"synapse-snapshot\"}");
    SnapshotFiles target = new SnapshotFiles(dir.resolve("backups"), Clock.systemUTC());
    assertThrows(SnapshotException.class, () -> target.placePending(bad));
    assertNull(target.pending());
  }

  @Test
  @DisplayName("a valid file is queued for restore as the pending snapshot")
  void pendingPlacesValid() throws Exception {
    Path good = files(t0).write("n", "v", sections());
    SnapshotFiles target = new SnapshotFiles(dir.resolve("backups"), Clock.systemUTC());
    target.placePending(good);
    assertEquals(sections(), SnapshotFiles.read(target.pending()).sections());
  }
}
