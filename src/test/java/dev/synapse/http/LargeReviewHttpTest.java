package dev.synapse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.eval.CorpusCase;
import dev.synapse.eval.CorpusReader;
import dev.synapse.node.SynapseNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Large reviews through the real HTTP API (issue 16): a node whose thresholds make every test diff
 * a spooled body and a large review (chunked, parallel analysis) answers the same findings as a
 * node that reviews the same diff in one piece from memory; spool files do not outlive their
 * request; a body over the limit is refused naming the limit and the key that raises it.
 */
class LargeReviewHttpTest {
  private static final long LIMIT = 2_000_000;
  private static SynapseNode large;
  private static SynapseNode plain;
  private static Vertx client;
  private static WebClient toLarge;
  private static WebClient toPlain;
  private static String diff;

  @BeforeAll
  static void start() throws Exception {
    large = TestNodes.start(Map.of("SYNAPSE_SPOOL_BYTES", "1024", "SYNAPSE_LARGE_REVIEW_BYTES", "1024",
        "SYNAPSE_MAX_DIFF_BYTES", Long.toString(LIMIT)));
    plain = TestNodes.start(Map.of("SYNAPSE_MAX_DIFF_BYTES", Long.toString(LIMIT)));
    client = Vertx.vertx();
    toLarge = TestNodes.client(client, large);
    toPlain = TestNodes.client(client, plain);
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (CorpusCase c : CorpusReader.read(Path.of("src/test/resources/corpus/review-cases.jsonl"))) {
      // distinct paths per case, as in one real diff
      String prefix = "c" + (n++) + "/";
      for (String line : c.diff().split("\n")) {
        if (line.startsWith("diff --git ")) line = line.replace(" a/", " a/" + prefix).replace(" b/", " b/" + prefix);
        else if (line.startsWith("--- a/")) line = "--- a/" + prefix + line.substring(6);
        else if (line.startsWith("+++ b/")) line = "+++ b/" + prefix + line.substring(6);
        sb.append(line).append('\n');
      }
    }
    diff = sb.toString();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close().await(10, TimeUnit.SECONDS);
    large.close().await(10, TimeUnit.SECONDS);
    plain.close().await(10, TimeUnit.SECONDS);
  }

  private static long spoolFiles() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("synapse-body-")).count();
    }
  }

  private static JsonArray findings(HttpResponse<Buffer> resp) {
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    JsonObject summary = resp.bodyAsJsonObject();
    assertEquals("complete", summary.getString("status"), summary.encode());
    return summary.getJsonArray("findings");
  }

  @Test
  @DisplayName("a spooled raw diff reviewed as a large review gives the findings of the one-piece review")
  void rawDiffSameFindings() throws Exception {
    long before = spoolFiles();
    JsonArray expected = findings(toPlain.post("/api/reviews?wait=120&labels=security")
        .putHeader("Content-Type", "text/x-diff").sendBuffer(Buffer.buffer(diff)).await(150, TimeUnit.SECONDS));
    JsonArray actual = findings(toLarge.post("/api/reviews?wait=120&labels=security")
        .putHeader("Content-Type", "text/x-diff").sendBuffer(Buffer.buffer(diff)).await(150, TimeUnit.SECONDS));
    assertTrue(expected.size() > 50, "findings: " + expected.size());
    assertEquals(expected, actual);
    assertEquals(before, spoolFiles(), "spool files left behind");
  }

  @Test
  @DisplayName("a spooled JSON body is decoded like an in-memory one, files_changed derived chunk by chunk")
  void jsonBodySameFindings() throws Exception {
    JsonObject body = new JsonObject().put("diff", diff).put("labels", new JsonArray().add("security"));
    HttpResponse<Buffer> p = toPlain.post("/api/reviews?wait=120").putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer()).await(150, TimeUnit.SECONDS);
    HttpResponse<Buffer> l = toLarge.post("/api/reviews?wait=120").putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer()).await(150, TimeUnit.SECONDS);
    assertEquals(findings(p), findings(l));
    String id = l.bodyAsJsonObject().getString("review_id");
    JsonObject stored = toLarge.get("/api/reviews/" + id).send().await(30, TimeUnit.SECONDS).bodyAsJsonObject();
    String plainId = p.bodyAsJsonObject().getString("review_id");
    JsonObject plainStored = toPlain.get("/api/reviews/" + plainId).send().await(30, TimeUnit.SECONDS).bodyAsJsonObject();
    assertEquals(plainStored.getValue("files_changed"), stored.getValue("files_changed"), stored.encode());
  }

  @Test
  @DisplayName("a malformed spooled JSON body is a 400 invalid_json, not a 500")
  void malformedSpooledJson() throws Exception {
    HttpResponse<Buffer> resp = toLarge.post("/api/reviews").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"diff\": \"" + "x".repeat(5000))).await(30, TimeUnit.SECONDS);
    assertEquals(400, resp.statusCode(), resp.bodyAsString());
    assertEquals("invalid_json", resp.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("a body over max_diff_bytes answers 413 naming the limit and the key that raises it")
  void overTheLimit() throws Exception {
    // headers only: the node answers from the declared length before reading a byte of the body
    // (sending the body too races with the refusal's connection close)
    RawHttp.Response resp = RawHttp.exchange(large.httpPort(), "POST /api/reviews HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: text/x-diff\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n");
    assertEquals(413, resp.status(), resp.head());
    JsonObject err = new JsonObject(resp.body());
    assertEquals("payload_too_large", err.getString("error"));
    String message = err.getString("message");
    assertTrue(message.contains(Long.toString(LIMIT)) && message.contains("max_diff_bytes")
        && message.contains("SYNAPSE_MAX_DIFF_BYTES"), message);
  }
}
