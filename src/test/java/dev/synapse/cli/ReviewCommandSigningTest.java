package dev.synapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.synapse.config.ConfigLoader;
import dev.synapse.http.RequestSigning;
import dev.synapse.node.SynapseNode;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code synapse review --url} signs its request (issue 14 item 5) instead of sending the secret. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReviewCommandSigningTest {
  private static final String SECRET = "cli-signing-secret";

  private static Path sample(Path dir) throws Exception {
    Path diff = dir.resolve("change.diff");
    try (var in = ReviewCommandSigningTest.class.getResourceAsStream(DemoCommand.SAMPLE)) {
      Files.write(diff, in.readAllBytes());
    }
    return diff;
  }

  private static int review(ByteArrayOutputStream out, String... args) {
    ReviewCommand cmd = new ReviewCommand();
    cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    cmd.err = cmd.out;
    return new CommandLine(cmd).execute(args);
  }

  @Test
  @DisplayName("the request carries a valid signature over method, path, query, timestamp and body, and no Authorization header")
  void signsWithoutSendingTheSecret(@TempDir Path dir) throws Exception {
    CopyOnWriteArrayList<String> problems = new CopyOnWriteArrayList<>();
    CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      String sig = ex.getRequestHeaders().getFirst(RequestSigning.SIGNATURE_HEADER);
      String ts = ex.getRequestHeaders().getFirst(RequestSigning.TIMESTAMP_HEADER);
      seen.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      if (ex.getRequestHeaders().getFirst("Authorization") != null) problems.add("Authorization header sent");
      if (sig == null || ts == null) {
        problems.add("no signature headers");
      } else if (!sig.equals(RequestSigning.sign(SECRET, ex.getRequestMethod(), ex.getRequestURI().toString(),
          Long.parseLong(ts), body))) {
        problems.add("signature does not verify");
      } else if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(ts)) > 5) {
        problems.add("timestamp is not now");
      }
      byte[] answer = "{\"review_id\":\"r\",\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(202, answer.length);
      ex.getResponseBody().write(answer);
      ex.close();
    });
    stub.start();
    try {
      review(new ByteArrayOutputStream(), sample(dir).toString(), "--url",
          "http://127.0.0.1:" + stub.getAddress().getPort(), "--token", SECRET, "--timeout", "5");
    } finally {
      stub.stop(0);
    }
    assertEquals(1, seen.size(), seen.toString());
    assertTrue(seen.get(0).startsWith("POST /api/reviews?wait="), seen.toString());
    assertTrue(problems.isEmpty(), problems.toString());
  }

  @Test
  @DisplayName("a review against a node with a secret succeeds with the signed request, and fails with the wrong secret")
  void reviewsOnASecuredNode(@TempDir Path dir) throws Exception {
    SynapseNode node = SynapseNode.start(ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0",
        "SYNAPSE_HTTP_HOST", "127.0.0.1", "SYNAPSE_SECRET", SECRET, "SYNAPSE_SECURITY_POOL_SIZE", "1",
        "SYNAPSE_PERFORMANCE_POOL_SIZE", "1"), null), true).await(60, TimeUnit.SECONDS);
    try {
      String url = "http://127.0.0.1:" + node.httpPort();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code = review(out, sample(dir).toString(), "--url", url, "--token", SECRET, "--label", "security",
          "--format", "json", "--timeout", "60");
      assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
      JsonObject summary = new JsonObject(out.toString(StandardCharsets.UTF_8));
      assertEquals("high", summary.getString("severity"));
      ByteArrayOutputStream refused = new ByteArrayOutputStream();
      assertEquals(Main.EXIT_FAILURE, review(refused, sample(dir).toString(), "--url", url, "--token", "not-the-secret-xyz", "--timeout", "10"));
      String text = refused.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("401"), text);
      assertFalse(text.contains("not-the-secret-xyz"), "the token is never echoed: " + text);
    } finally {
      node.close().await(10, TimeUnit.SECONDS);
    }
  }
}
