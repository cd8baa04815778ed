package dev.synapse.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seven back-to-back diffs of about 4.9 MB to one node in its own JVM with a 256 MB heap (issue
 * 14, item 11: seven such diffs OOM-killed a node with a 768 MB heap in 7.4 s). Every one must be
 * accepted and reach its summary, and the node must stay alive, without an
 * {@code OutOfMemoryError}. Node log in {@code target/big-input-it/}.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class BigInputIT {
  private static final int DIFFS = 7;
  private static final String MODULE_FLAGS = "--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED "
      + "--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED "
      + "--add-opens java.management/sun.management=ALL-UNNAMED "
      + "--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED";

  @TempDir Path journal;
  private Process node;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void tearDown() throws Exception {
    if (node != null) {
      node.destroyForcibly();
      node.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** @return a git diff of many small Python files, just under {@code bytes} */
  static String bigDiff(int bytes, int seed) {
    StringBuilder sb = new StringBuilder(bytes);
    for (int f = 0; sb.length() < bytes - 2_000; f++) {
      sb.append("diff --git a/pkg").append(seed).append("/m").append(f).append(".py b/pkg").append(seed)
          .append("/m").append(f).append(".py\n--- a/pkg").append(seed).append("/m").append(f)
          .append(".py\n+++ b/pkg").append(seed).append("/m").append(f).append(".py\n@@ -1,1 +1,40 @@\n import os\n");
      for (int i = 0; i < 39; i++) {
        sb.append("+def handler_").append(i).append("(request):\n");
        i++;
        sb.append("+    return render(request, 'page_").append(i).append(".html', {'n': ").append(i).append("})\n");
      }
      if (sb.length() > bytes) break;
    }
    return sb.toString();
  }

  @Test
  @DisplayName("seven back-to-back 4.9 MB diffs on a 256 MB heap: all reach a summary and the node stays up")
  void sevenBigDiffs() throws Exception {
    Path logs = Path.of("target", "big-input-it");
    Files.createDirectories(logs);
    File log = logs.resolve("node.log").toFile();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(MODULE_FLAGS.split(" ")));
    cmd.addAll(List.of("-Xmx" + System.getProperty("bigInput.heap", "256m"), "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-Dlogback.configurationFile=" + BigInputIT.class.getResource("/logback.xml"),
        "-cp", System.getProperty("java.class.path"), "dev.synapse.cli.Main", "start"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("SYNAPSE_"));
    env.put("SYNAPSE_HTTP_HOST", "127.0.0.1");
    env.put("SYNAPSE_HTTP_PORT", Integer.toString(port));
    env.put("SYNAPSE_JOURNAL_DIR", journal.toString());
    env.put("SYNAPSE_SECURITY_POOL_SIZE", "2");
    env.put("SYNAPSE_PERFORMANCE_POOL_SIZE", "2");
    node = pb.start();
    awaitHttp(port);

    long t0 = System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < DIFFS; i++) {
      String diff = bigDiff(4_900_000, i);
      String id = "big-" + i;
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/reviews?review_id=" + id + "&labels=security")).timeout(Duration.ofSeconds(60))
          .header("Content-Type", "text/x-diff").POST(HttpRequest.BodyPublishers.ofString(diff)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(202, r.statusCode(), r.body());
      ids.add(id);
    }
    System.out.printf("[big-input] %d diffs of 4.9 MB accepted in %d ms%n", DIFFS, (System.nanoTime() - t0) / 1_000_000);
    List<String> pending = new ArrayList<>(ids);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(360);
    while (!pending.isEmpty() && node.isAlive() && System.nanoTime() < end) {
      for (String id : List.copyOf(pending)) {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/reviews/" + id)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && new JsonObject(r.body()).getJsonObject("summary") != null) pending.remove(id);
        } catch (IOException e) {
          // busy or down: checked below
        }
      }
      Thread.sleep(500);
    }
    String out = Files.readString(log.toPath());
    System.out.printf("[big-input] all summaries after %d ms; still pending %s; node alive %s%n",
        (System.nanoTime() - t0) / 1_000_000, pending, node.isAlive());
    assertTrue(node.isAlive(), "the node is alive");
    assertFalse(out.contains("OutOfMemoryError"), "no OutOfMemoryError in the node log");
    assertEquals(List.of(), pending, "reviews without a summary");
  }

  private void awaitHttp(int port) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/health/live")).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("node on port " + port + " did not come up");
  }
}
