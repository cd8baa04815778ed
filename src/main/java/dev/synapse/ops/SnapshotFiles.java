package dev.synapse.ops;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Snapshot files in one folder ({@code SYNAPSE_BACKUP_DIR}). Blocking file I/O: call from a
 * worker thread ({@code executeBlocking}) or the CLI, never from an event loop. Not thread-safe
 * for concurrent writers to the same folder; {@link BackupService} serialises its writes.
 *
 * <p>File layout (format {@value #FORMAT}, version {@value #VERSION}): line 1 is a JSON header
 * {@code {format, version, created_at, node_id, app_version, payload_bytes, payload_sha256}};
 * the rest of the file is the payload, a JSON object of sections, whose UTF-8 bytes hash to
 * {@code payload_sha256} (SHA-256, lower-case hex). Snapshots are written to a temporary file,
 * forced to disk and atomically renamed, so a reader never sees a partial file. Names are
 * {@code synapse-snapshot-<UTC yyyyMMdd'T'HHmmssSSS'Z'>.json}, so name order is time order.
 * Files are readable by the owner only where the file system supports POSIX permissions
 * (snapshots contain the reviewed diffs).
 *
 * <p>{@value #PENDING} is a snapshot placed by {@code synapse restore}: the next start restores
 * it in preference to the newest periodic snapshot.
 */
public final class SnapshotFiles {
  /** Value of the header's {@code format} field. */
  public static final String FORMAT = "synapse-snapshot";
  /** Supported header {@code version}. */
  public static final int VERSION = 1;
  /** File name prefix of periodic snapshots. */
  public static final String PREFIX = "synapse-snapshot-";
  /** File name suffix of snapshots. */
  public static final String SUFFIX = ".json";
  /** File name of a snapshot queued by {@code synapse restore} for the next start. */
  public static final String PENDING = "restore-pending.json";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final Clock clock;

  /**
   * @param dir the snapshot folder; created on first write
   * @param clock source of snapshot times (tests pass a fixed clock)
   */
  public SnapshotFiles(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** @return the snapshot folder */
  public Path dir() {
    return dir;
  }

  /**
   * Writes a snapshot atomically.
   *
   * @param nodeId the node taking it
   * @param appVersion the running Synapse version
   * @param sections state sections by name
   * @return the new file
   * @throws IOException when the folder or file cannot be written (no partial file is left)
   */
  public Path write(String nodeId, String appVersion, JsonObject sections) throws IOException {
    Files.createDirectories(dir);
    byte[] payload = sections.encode().getBytes(StandardCharsets.UTF_8);
    Instant now = clock.instant();
    JsonObject header = new JsonObject().put("format", FORMAT).put("version", VERSION)
        .put("created_at", now.toString()).put("node_id", nodeId).put("app_version", appVersion)
        .put("payload_bytes", payload.length).put("payload_sha256", sha256(payload));
    Path target = uniqueName(now);
    writeAtomically(target, header, payload);
    return target;
  }

  /**
   * Validates {@code source} and copies it to {@link #PENDING} (atomically), so that the next
   * start restores it.
   *
   * @return the pending file
   * @throws SnapshotException when the source is not a valid snapshot (nothing is placed)
   * @throws IOException when the copy fails
   */
  public Path placePending(Path source) throws SnapshotException, IOException {
    read(source);
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".restore-", ".tmp");
    try {
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      restrict(tmp);
      move(tmp, dir.resolve(PENDING));
    } finally {
      Files.deleteIfExists(tmp);
    }
    return dir.resolve(PENDING);
  }

  /** @return the pending restore file, when one is queued */
  public Path pending() {
    Path p = dir.resolve(PENDING);
    return Files.isRegularFile(p) ? p : null;
  }

  /**
   * @return periodic snapshot files, newest first; empty when the folder does not exist
   * @throws IOException when the folder cannot be listed
   */
  public List<Path> list() throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path p : ds) if (Files.isRegularFile(p)) out.add(p);
    }
    out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    return out;
  }

  /**
   * Deletes the oldest periodic snapshots beyond {@code keep}.
   *
   * @param keep snapshots kept, ≥ 1
   * @return the number deleted
   */
  public int prune(int keep) throws IOException {
    List<Path> all = list();
    int deleted = 0;
    for (int i = Math.max(1, keep); i < all.size(); i++) {
      if (Files.deleteIfExists(all.get(i))) deleted++;
    }
    return deleted;
  }

  /**
   * Reads and validates one snapshot file.
   *
   * @throws SnapshotException when it is unreadable, not a snapshot, of another format or
   *     version, truncated, or its checksum does not match
   */
  public static Snapshot read(Path file) throws SnapshotException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SnapshotException(file + ": cannot read: " + e.getMessage());
    }
    int nl = indexOf(all, (byte) '\n');
    if (nl < 0) throw new SnapshotException(file + ": not a Synapse snapshot (no header line)");
    JsonObject header;
    try {
      header = new JsonObject(new String(all, 0, nl, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      throw new SnapshotException(file + ": not a Synapse snapshot (header is not a JSON object)");
    }
    if (!FORMAT.equals(header.getValue("format"))) {
      throw new SnapshotException(file + ": foreign file: format is '" + header.getValue("format")
          + "', expected '" + FORMAT + "'");
    }
    if (!Integer.valueOf(VERSION).equals(intOrNull(header.getValue("version")))) {
      throw new SnapshotException(file + ": unsupported snapshot version " + header.getValue("version")
          + " (this build reads version " + VERSION + ")");
    }
    int payloadLength = all.length - nl - 1;
    Integer declared = intOrNull(header.getValue("payload_bytes"));
    if (declared == null || declared != payloadLength) {
      throw new SnapshotException(file + ": truncated or padded: payload is " + payloadLength
          + " bytes, header says " + header.getValue("payload_bytes"));
    }
    byte[] payload = new byte[payloadLength];
    System.arraycopy(all, nl + 1, payload, 0, payloadLength);
    if (!sha256(payload).equals(header.getValue("payload_sha256"))) {
      throw new SnapshotException(file + ": checksum mismatch (payload_sha256)");
    }
    JsonObject sections;
    Instant created;
    try {
      sections = new JsonObject(new String(payload, StandardCharsets.UTF_8));
      created = Instant.parse(String.valueOf(header.getValue("created_at")));
    } catch (DecodeException | ClassCastException | DateTimeParseException e) {
      throw new SnapshotException(file + ": malformed payload or created_at");
    }
    return new Snapshot(file, created, String.valueOf(header.getValue("node_id")),
        String.valueOf(header.getValue("app_version")), sections);
  }

  private Path uniqueName(Instant now) {
    String base = PREFIX + STAMP.format(now);
    Path p = dir.resolve(base + SUFFIX);
    for (int i = 1; Files.exists(p); i++) p = dir.resolve(base + "-" + i + SUFFIX);
    return p;
  }

  private void writeAtomically(Path target, JsonObject header, byte[] payload) throws IOException {
    Path tmp = Files.createTempFile(dir, ".snapshot-", ".tmp");
    try {
      restrict(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        writeFully(ch, (header.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        writeFully(ch, payload);
        ch.force(true);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) ch.write(buf);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void restrict(Path p) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: keep the default permissions
    }
  }

  private static Integer intOrNull(Object v) {
    return v instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : null;
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) if (a[i] == b) return i;
    return -1;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
