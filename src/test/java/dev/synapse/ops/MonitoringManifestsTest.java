package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitoring files shipped in {@code k8s/} (Grafana dashboard, Prometheus alerting rules)
 * against the {@code /metrics} of a live node that has served reviews: every metric they query
 * exists, every {@code synapse_*} metric has HELP text, the scrape stays small, and
 * {@code promtool} (when installed) finds nothing to lint.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class MonitoringManifestsTest {
  /** Largest acceptable scrape, in bytes, at steady state. */
  static final int MAX_SCRAPE_BYTES = 100 * 1024;
  private static final Pattern METRIC = Pattern.compile("\\b((?:synapse|jvm|process|vertx|system)_[a-z0-9_]+)");
  private static final String DIFF = """
      diff --git a/app/db.py b/app/db.py
      --- a/app/db.py
      +++ b/app/db.py
      @@ -1,2 +1,3 @@
       def find(cur, name):
      +    cur.execute("SELECT * FROM users WHERE name = '" + name + "'")
           return cur.fetchall()
      """;

  private static SynapseNode node;
  private static Vertx client;
  private static WebClient web;
  private static String scrape;

  @BeforeAll
  static void startNodeAndServeReviews() throws Exception {
    node = SynapseNode.start(ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0",
        "SYNAPSE_HTTP_HOST", "127.0.0.1"), null), true).await(60, TimeUnit.SECONDS);
    client = Vertx.vertx();
    web = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
    for (int i = 0; i < 20; i++) {
      JsonObject body = new JsonObject().put("diff", DIFF).put("labels", new io.vertx.core.json.JsonArray()
          .add(i % 2 == 0 ? "security" : "docs"));
      assertEquals(200, web.post("/api/reviews?wait=30").sendJsonObject(body).await(60, TimeUnit.SECONDS).statusCode());
      web.get("/api/reviews/nope-" + i).send().await(30, TimeUnit.SECONDS);
      web.get("/health/ready").send().await(30, TimeUnit.SECONDS);
      web.get("/api/agents").send().await(30, TimeUnit.SECONDS);
      web.get("/metrics").send().await(30, TimeUnit.SECONDS);
    }
    // Micrometer registers the GC pause timer on the first collection it is notified of; a
    // short-lived test node may not have seen one yet (a running node always has)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    HttpResponse<Buffer> resp;
    do {
      System.gc();
      Thread.sleep(100);
      resp = web.get("/metrics").send().await(30, TimeUnit.SECONDS);
      assertEquals(200, resp.statusCode());
    } while (!resp.bodyAsString().contains("jvm_gc_pause_seconds_count") && System.nanoTime() < deadline);
    scrape = resp.bodyAsString();
  }

  @AfterAll
  static void stop() throws Exception {
    web.close();
    client.close().await(10, TimeUnit.SECONDS);
    node.close().await(10, TimeUnit.SECONDS);
  }

  private static Set<String> exported() {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.lines().toList()) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      int end = line.indexOf('{');
      if (end < 0) end = line.indexOf(' ');
      names.add(line.substring(0, end));
    }
    return names;
  }

  private static Set<String> queried(String file) throws IOException {
    String text = Files.readString(Path.of("k8s", file), StandardCharsets.UTF_8);
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) names.add(m.group(1));
    return names;
  }

  @Test
  @DisplayName("every metric the Grafana dashboard and the alerting rules query exists on a live node")
  void manifestsQueryExistingMetrics() throws IOException {
    Set<String> exported = exported();
    for (String file : List.of("grafana-dashboard.json", "prometheus-rules.yaml")) {
      Set<String> used = queried(file);
      assertTrue(used.size() >= 8, file + " queries too few metrics: " + used);
      List<String> missing = new ArrayList<>(used);
      missing.removeAll(exported);
      assertTrue(missing.isEmpty(), file + " queries metrics no node exports: " + missing);
    }
  }

  @Test
  @DisplayName("the readiness alert's route label value is the one the node exports")
  void readinessRouteLabel() {
    assertTrue(scrape.contains("route=\"/health/ready\""), "no /health/ready route series");
  }

  @Test
  @DisplayName("every synapse_* metric has HELP text, and process, file-descriptor and cluster-size metrics are exported")
  void helpAndStandardMetrics() {
    List<String> blank = scrape.lines().filter(l -> l.startsWith("# HELP synapse_"))
        .filter(l -> l.split(" ", 4).length < 4 || l.split(" ", 4)[3].isBlank()).toList();
    assertTrue(blank.isEmpty(), "no HELP text: " + blank);
    Set<String> exported = exported();
    for (String name : List.of("process_cpu_usage", "process_uptime_seconds", "process_files_open_files",
        "jvm_gc_pause_seconds_count", "jvm_threads_live_threads", "jvm_memory_used_bytes", "synapse_cluster_members")) {
      assertTrue(exported.contains(name), "missing " + name);
    }
    List<String> members = scrape.lines().filter(l -> l.startsWith("synapse_cluster_members")).toList();
    assertEquals(List.of("synapse_cluster_members 1.0"), members, "an embedded node counts itself");
  }

  @Test
  @DisplayName("a scrape after twenty reviews and a hundred other requests stays under 100 KB")
  void scrapeIsSmall() {
    int bytes = scrape.getBytes(StandardCharsets.UTF_8).length;

    assertTrue(bytes < MAX_SCRAPE_BYTES, "scrape is " + bytes + " bytes");
    long byteBuckets = scrape.lines().filter(l -> l.startsWith("vertx_http_server_request_bytes_bucket")).count();
    assertEquals(0, byteBuckets, "HTTP byte-size distributions export no buckets");
  }

  @Test
  @DisplayName("promtool check metrics finds nothing to lint (skipped when promtool is not installed)")
  void promtoolClean() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool not installed");
    Process p = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertEquals("", out.strip());
  }

  @Test
  @DisplayName("promtool check rules accepts k8s/prometheus-rules.yaml (skipped when promtool is not installed)")
  void promtoolRules() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool not installed");
    Process p = new ProcessBuilder("/usr/bin/promtool", "check", "rules", "k8s/prometheus-rules.yaml")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }
}
