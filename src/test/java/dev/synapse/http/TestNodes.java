package dev.synapse.http;

import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.ReviewStore;
import dev.synapse.signal.Finding;
import dev.synapse.signal.ReviewRequest;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts embedded nodes on loopback with a free port, and plants finished reviews in their store. */
final class TestNodes {
  private TestNodes() {}

  /** @param env extra environment, e.g. SYNAPSE_SECRET */
  static SynapseConfig config(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(Map.of("SYNAPSE_HTTP_PORT", "0", "SYNAPSE_HTTP_HOST", "127.0.0.1",
        "SYNAPSE_SECURITY_POOL_SIZE", "1", "SYNAPSE_PERFORMANCE_POOL_SIZE", "1"));
    all.putAll(env);
    return ConfigLoader.load(null, all, null);
  }

  static SynapseNode start(Map<String, String> env) throws Exception {
    return SynapseNode.start(config(env), true).await(60, TimeUnit.SECONDS);
  }

  /**
   * Makes one WebSocket connection from a throwaway client, retrying: in a cold JVM the very first
   * handshake of a Vert.x 5.0.7 WebSocketClient can fail with "Connection closed while handshake in
   * process" although the server answers 101 (checked with curl), so tests warm the client first.
   */
  static void warmWebSocketClient(SynapseNode node) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          vertx.createWebSocketClient().connect(new io.vertx.core.http.WebSocketConnectOptions().setHost("127.0.0.1")
              .setPort(node.httpPort()).setURI("/ws")).await(20, TimeUnit.SECONDS).close().await(5, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          // cold client; try again
        }
      }
    } finally {
      vertx.close(); // not awaited: a client with a failed handshake takes ~30 s to close
    }
  }

  /**
   * Connects a WebSocket, retrying (up to 3 attempts) only when the handshake fails with "Connection
   * closed while handshake in process": an intermittent client-side eviction during the handshake in
   * Vert.x 5 (eclipse-vertx/vert.x#5839, open), more frequent on a loaded machine. Any other failure,
   * e.g. a 401 refusal, fails the returned future at once.
   */
  static io.vertx.core.Future<io.vertx.core.http.WebSocket> connectWebSocket(io.vertx.core.http.WebSocketClient client,
      io.vertx.core.http.WebSocketConnectOptions options) {
    return connectWebSocket(client, options, 3);
  }

  private static io.vertx.core.Future<io.vertx.core.http.WebSocket> connectWebSocket(io.vertx.core.http.WebSocketClient client,
      io.vertx.core.http.WebSocketConnectOptions options, int attempts) {
    return client.connect(options).recover(err -> {
      boolean evicted = String.valueOf(err.getMessage()).contains("handshake in process");
      return evicted && attempts > 1 ? connectWebSocket(client, options, attempts - 1) : io.vertx.core.Future.failedFuture(err);
    });
  }

  static WebClient client(Vertx vertx, SynapseNode node) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  static Finding finding(String type, Severity severity, String file, int line, String fingerprint, String agent) {
    return new Finding(type, severity, file, line, Side.NEW, null, "SYN-" + type, "CWE-89",
        "Untrusted input reaches a query", "Bind parameters", 0.9, fingerprint, agent);
  }

  /** Stores a review with the given findings and completes it, without running any agent. */
  static void plantFinished(SynapseNode node, String reviewId, String repo, List<Finding> findings) throws Exception {
    ReviewStore store = node.context().store();
    JsonObject metadata = repo == null ? new JsonObject() : new JsonObject().put("repo", repo);
    ReviewRequest request = new ReviewRequest(reviewId, "", 1, List.of(), "feature", 0.0, metadata);
    store.submit(request, node.context().nodeId()).await(5, TimeUnit.SECONDS);
    Severity max = findings.stream().map(Finding::severity).reduce(Severity.NONE, Severity::max);
    store.complete(reviewId, new ReviewSummary(reviewId, ReviewSummary.COMPLETE, max, findings, List.of("Bind parameters"),
        List.of(), "deep_review", "test", List.of("security_specialist"), List.of(), 5, 0)).await(5, TimeUnit.SECONDS);
  }

  /** Stores a review that has no summary yet. */
  static void plantRunning(SynapseNode node, String reviewId) throws Exception {
    node.context().store().submit(new ReviewRequest(reviewId, "", 0, List.of(), "feature", 0.0, null),
        node.context().nodeId()).await(5, TimeUnit.SECONDS);
  }
}
