package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launcher script {@code src/main/dist/bin/synapse} as a process. The shaded jar
 * does not exist yet in the test phase, so the launcher runs the node from this JVM's class path
 * ({@code SYNAPSE_CLASSPATH}); everything else (pid file, nohup, SIGTERM, waiting) is the
 * production path.
 */
@DisabledOnOs(OS.WINDOWS)
@Timeout(180)
class LauncherProcessTest {
  private static final Path SCRIPT = Path.of("src/main/dist/bin/synapse");

  @TempDir Path home;
  private int port;

  @BeforeEach
  void freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  @AfterEach
  void killLeftovers() throws IOException {
    Path pidFile = home.resolve("run/synapse.pid");
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private record Result(int exit, String output) {}

  private Result launcher(String command) throws Exception {
    return launcher(command, Map.of());
  }

  /** @param override environment entries set after the defaults; an empty value removes the entry */
  private Result launcher(String command, Map<String, String> override) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString(), command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("SYNAPSE_") || k.equals("JAVA_OPTS") || k.equals("LOG_LEVEL"));
    env.put("SYNAPSE_HOME", home.toString());
    env.put("SYNAPSE_CLASSPATH", System.getProperty("java.class.path"));
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("JAVA_OPTS", "-Xmx256m");
    env.put("SYNAPSE_HTTP_PORT", String.valueOf(port));
    env.put("SYNAPSE_HTTP_HOST", "127.0.0.1");
    env.put("SYNAPSE_BACKUP_DIR", home.resolve("backups").toString());
    env.put("SYNAPSE_START_TIMEOUT", "120");
    env.put("SYNAPSE_STOP_TIMEOUT", "60");
    override.forEach((k, v) -> {
      if (v.isEmpty()) env.remove(k); else env.put(k, v);
    });
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(150, TimeUnit.SECONDS), "launcher did not return");
    return new Result(p.exitValue(), out);
  }

  private int get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private long pid() throws IOException {
    return Long.parseLong(Files.readString(home.resolve("run/synapse.pid")).trim());
  }

  @Test
  @DisplayName("daemon starts a background node with a pid file, status sees it, stop ends it and status then says not running")
  void daemonStatusStop() throws Exception {
    Result daemon = launcher("daemon");
    assertEquals(0, daemon.exit(), daemon.output());
    long pid = pid();
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertEquals(404, get("/api/reviews/unknown-id"));

    Result status = launcher("status");
    assertEquals(0, status.exit(), status.output());
    assertTrue(status.output().contains("running (pid " + pid + ")"), status.output());

    Result stop = launcher("stop");
    assertEquals(0, stop.exit(), stop.output());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(Files.exists(home.resolve("run/synapse.pid")));

    assertEquals(3, launcher("status").exit());
  }

  @Test
  @DisplayName("stop is graceful: the node writes its shutdown snapshot, and the daemon logs to the rolling file, not the console")
  void gracefulStopAndLogFile() throws Exception {
    assertEquals(0, launcher("daemon").exit());
    assertEquals(0, launcher("stop").exit());
    try (var files = Files.list(home.resolve("backups"))) {
      List<Path> snapshots = files.filter(f -> f.getFileName().toString().startsWith(SnapshotFiles.PREFIX)).toList();
      assertEquals(1, snapshots.size());
      SnapshotFiles.read(snapshots.get(0));
    }
    String log = Files.readString(home.resolve("logs/synapse.log"));
    assertTrue(log.contains("snapshot written"), log);
    String out = Files.readString(home.resolve("logs/synapse.out"));
    assertTrue(out.contains("Synapse listening on"), out);
    assertFalse(out.contains("snapshot written"), out);
  }

  private static void signal(String sig, long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start().waitFor());
  }

  @Test
  @DisplayName("status asks the port the daemon reported at start, and exits 1 when the daemon does not answer")
  void statusUsesRecordedPort() throws Exception {
    assertEquals(0, launcher("daemon").exit());
    assertEquals(Integer.toString(port), Files.readString(home.resolve("run/synapse.port")).trim());
    // status from a shell without SYNAPSE_HTTP_PORT (it would have guessed 4000)
    Result status = launcher("status", Map.of("SYNAPSE_HTTP_PORT", ""));
    assertEquals(0, status.exit(), status.output());
    assertTrue(status.output().contains(":" + port + "/health/ready -> 200"), status.output());
    long pid = pid();
    signal("STOP", pid);
    try {
      Result frozen = launcher("status", Map.of("SYNAPSE_HTTP_PORT", ""));
      assertEquals(1, frozen.exit(), frozen.output());
      assertTrue(frozen.output().contains("no answer"), frozen.output());
    } finally {
      signal("CONT", pid);
    }
    assertEquals(0, launcher("stop").exit());
    assertFalse(Files.exists(home.resolve("run/synapse.port")));
  }

  @Test
  @DisplayName("start on a port in use fails naming the port")
  void addressInUseNamesThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      Result start = launcher("start");
      assertEquals(3, start.exit(), start.output());
      assertTrue(start.output().contains("cannot listen on 127.0.0.1:" + port), start.output());
      assertTrue(start.output().contains("another process listens on port " + port), start.output());
    }
  }
}
