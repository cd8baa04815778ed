package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.AgentRegistry;
import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /health, /health/live, /health/ready and /metrics of a real node through a real HTTP client. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class HealthAndMetricsTest {
  private static SynapseNode node;
  private WebClient web;

  @BeforeAll
  static void startNode() throws Exception {
    node = SynapseNode.start(ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0",
        "SYNAPSE_HTTP_HOST", "127.0.0.1"), null), true).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void client(Vertx vertx) {
    web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  @AfterEach
  void close() {
    web.close();
  }

  private HttpResponse<Buffer> get(String uri) throws Exception {
    return web.get(uri).send().await(30, TimeUnit.SECONDS);
  }

  private static JsonObject check(JsonObject report, String name) {
    JsonArray checks = report.getJsonArray("checks");
    for (int i = 0; i < checks.size(); i++) {
      if (name.equals(checks.getJsonObject(i).getString("name"))) return checks.getJsonObject(i);
    }
    throw new AssertionError("no check " + name + " in " + report.encode());
  }

  @Test
  @DisplayName("a started node is healthy on /health and /health/ready with a message per check")
  void healthy() throws Exception {
    for (String path : List.of("/health", "/health/ready")) {
      HttpResponse<Buffer> resp = get(path);
      assertEquals(200, resp.statusCode(), resp.bodyAsString());
      JsonObject body = resp.bodyAsJsonObject();
      assertEquals("healthy", body.getString("status"));
      assertEquals("all checks passed", body.getString("message"));
      for (String name : List.of("lifecycle", "event-bus", "coordinator", "agents", "memory")) {
        assertEquals("healthy", check(body, name).getString("status"));
        assertFalse(check(body, name).getString("message").isBlank());
      }
    }
  }

  @Test
  @DisplayName("an agent type without live instances makes the node unhealthy and unready (503) while liveness stays 200")
  void unreadyWithoutAgents() throws Exception {
    AgentRegistry agents = node.context().agents();
    int live = agents.liveInstances(AgentNames.PERFORMANCE);
    agents.instanceDelta(AgentNames.PERFORMANCE, -live);
    try {
      HttpResponse<Buffer> ready = get("/health/ready");
      assertEquals(503, ready.statusCode());
      assertEquals("unhealthy", ready.bodyAsJsonObject().getString("status"));
      assertTrue(ready.bodyAsJsonObject().getString("message").contains(AgentNames.PERFORMANCE));
      assertEquals("unhealthy", check(ready.bodyAsJsonObject(), "agents").getString("status"));
      assertTrue(get("/metrics").bodyAsString().contains("synapse_health_status{status=\"unhealthy\"} 1.0"),
          "the gauge records the evaluation");
      assertEquals(200, get("/health/live").statusCode());
    } finally {
      agents.instanceDelta(AgentNames.PERFORMANCE, live);
    }
    get("/health/ready");
    assertTrue(get("/metrics").bodyAsString().contains("synapse_health_status{status=\"healthy\"} 1.0"));
  }

  @Test
  @DisplayName("no live coordinator makes the node unhealthy (503), which outranks degraded")
  void unhealthyWithoutCoordinator() throws Exception {
    AgentRegistry agents = node.context().agents();
    int coordinators = agents.liveInstances(AgentNames.COORDINATOR);
    int perf = agents.liveInstances(AgentNames.PERFORMANCE);
    agents.instanceDelta(AgentNames.COORDINATOR, -coordinators);
    agents.instanceDelta(AgentNames.PERFORMANCE, -perf);
    try {
      HttpResponse<Buffer> resp = get("/health");
      assertEquals(503, resp.statusCode());
      assertEquals("unhealthy", resp.bodyAsJsonObject().getString("status"));
      assertEquals("unhealthy", check(resp.bodyAsJsonObject(), "coordinator").getString("status"));
    } finally {
      agents.instanceDelta(AgentNames.COORDINATOR, coordinators);
      agents.instanceDelta(AgentNames.PERFORMANCE, perf);
    }
  }

  @Test
  @DisplayName("/health/live answers healthy without running checks")
  void liveness() throws Exception {
    JsonObject body = get("/health/live").bodyAsJsonObject();
    assertEquals("healthy", body.getString("status"));
    assertTrue(body.getJsonArray("checks").isEmpty());
  }

  @Test
  @DisplayName("/metrics exports every synapse_* series of DESIGN.md at zero before the first event")
  void synapseMetricNames() throws Exception {
    HttpResponse<Buffer> resp = get("/metrics");
    assertEquals(200, resp.statusCode());
    assertTrue(resp.getHeader("Content-Type").startsWith("text/plain"), resp.getHeader("Content-Type"));
    String text = resp.bodyAsString();
    for (String series : List.of(
        "synapse_reviews_total{path=\"deep_review\",severity=\"high\",status=\"complete\"} 0.0",
        "synapse_review_duration_seconds_bucket{",
        "synapse_review_duration_seconds_count ",
        "synapse_signals_published_total{type=\"review.summary\"}",
        "synapse_findings_total{severity=\"high\",type=\"sql_injection\"} 0.0",
        "synapse_agent_errors_total{action=\"dispatch\",agent=\"performance_specialist\",kind=\"timeout\"} 0.0",
        "synapse_rate_limited_total 0.0",
        "synapse_reviews_active ")) {
      assertTrue(text.contains(series), "missing " + series);
    }
    assertTrue(text.contains("# TYPE synapse_review_duration_seconds histogram"));
  }

  @Test
  @DisplayName("/metrics has Vert.x HTTP, event-bus and JVM metrics, with route labels but no raw paths or addresses")
  void vertxMetricsBounded() throws Exception {
    get("/api/reviews/some-unique-id-" + System.nanoTime());
    String text = get("/metrics").bodyAsString();
    assertTrue(text.contains("vertx_http_server_requests_total{"), "HTTP server metrics");
    assertTrue(text.contains("route=\"/api/reviews/:id\""), "route template label");
    assertTrue(text.contains("vertx_eventbus_handlers"), "event-bus metrics");
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics");
    assertFalse(text.contains("some-unique-id"), "no raw path in labels");
    List<String> vertxLines = text.lines().filter(l -> l.startsWith("vertx_")).toList();
    assertTrue(vertxLines.stream().noneMatch(l -> l.contains("path=\"")), "no path label");
    assertTrue(vertxLines.stream().noneMatch(l -> l.contains("remote=\"")), "no remote-address label");
    assertTrue(vertxLines.stream().noneMatch(l -> l.contains("address=\"")), "no event-bus address label");
    assertTrue(vertxLines.stream().noneMatch(l -> l.contains(">")), "no concatenated route chains");
  }
}
