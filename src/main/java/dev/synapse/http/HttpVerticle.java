package dev.synapse.http;

import dev.synapse.agent.NodeContext;
import dev.synapse.config.SynapseConfig;
import dev.synapse.github.GitHubIntegration;
import dev.synapse.ops.HealthLevel;
import dev.synapse.ops.HealthProcedures;
import dev.synapse.review.ReviewService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.Set;

/**
 * The HTTP API verticle: starts the health checks, builds the router ({@link ApiRouter}) and
 * binds the port (DESIGN.md section 3). Handlers live in route classes; this class only wires.
 */
public final class HttpVerticle extends VerticleBase {
  /** Media types accepted by {@code POST /api/reviews}. */
  public static final Set<String> REVIEW_MEDIA_TYPES = Set.of("application/json", "text/x-diff",
      "text/x-patch", "text/plain");
  /** Extra WebSocket message room beyond the diff limit (JSON escaping, other fields), in bytes. */
  public static final int WS_MESSAGE_MARGIN = 64 * 1024;

  private final NodeContext node;
  private final ReviewService reviews;
  private final HttpEdge edge;
  private final GitHubIntegration github;
  private HttpServer server;

  /**
   * @param node shared node components
   * @param reviews the ingress service
   */
  public HttpVerticle(NodeContext node, ReviewService reviews) {
    this(node, reviews, null, null);
  }

  /**
   * @param node shared node components
   * @param reviews the ingress service
   * @param edge the node's edge state ({@link HttpEdge#forNode}), shared by all HTTP instances of
   *     the node; null for one of this instance's own
   * @param github the node's GitHub App integration ({@code POST /webhooks/github} and the
   *     {@code github} readiness check), or null when it is off
   */
  public HttpVerticle(NodeContext node, ReviewService reviews, HttpEdge edge, GitHubIntegration github) {
    this.node = node;
    this.reviews = reviews;
    this.edge = edge;
    this.github = github;
  }

  @Override
  public Future<?> start() {
    HealthProcedures health = new HealthProcedures(vertx, node);
    SynapseConfig config = node.config();
    HttpEdge shared = edge != null ? edge : HttpEdge.forNode(vertx, config, node.metrics());
    int wsMessage = maxWebSocketMessage(config);
    // One frame may carry a whole message (browsers send one frame per message). HTTP/1.1 only:
    // one request body per connection at a time, and every connection under EdgeGate's deadlines.
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(config.httpHost()).setPort(config.httpPort())
        .setMaxWebSocketMessageSize(wsMessage).setMaxWebSocketFrameSize(wsMessage)
        .setHttp2ClearTextEnabled(false));
    EdgeGate gate = new EdgeGate(vertx, shared.connections(), config.httpLimits().maxConnections(), config.httpLimits().headerTimeoutMs());
    if (github != null) health.register("github", HealthLevel.DEGRADED, p -> p.complete(github.credentialStatus()));
    return health.start().compose(v -> {
      io.vertx.ext.web.Router router = new ApiRouter(vertx, node, reviews, health, shared).build(gate.keepAliveDeadline());
      if (github != null) github.mount(router);
      return server.connectionHandler(gate::onConnection).invalidRequestHandler(EdgeGate::invalid)
          .requestHandler(gate.front(router)).listen();
    }).recover(err -> Future.failedFuture(listenFailure(config.httpHost(), config.httpPort(), err)));
  }


  /**
   * @return the listen failure with the address in its message: a bare "Address already in use"
   *     does not say which port (issue 15 item 8)
   */
  static IllegalStateException listenFailure(String host, int port, Throwable err) {
    String why = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    String hint = why.contains("in use") ? "; another process listens on port " + port
        + " (stop it, or set SYNAPSE_HTTP_PORT / http_port)" : "";
    return new IllegalStateException("cannot listen on " + host + ":" + port + ": " + why + hint, err);
  }

  /** @return the largest WebSocket message (and frame) accepted: the diff limit plus a margin, bytes */
  static int maxWebSocketMessage(SynapseConfig config) {
    return (int) Math.min(Integer.MAX_VALUE - WS_MESSAGE_MARGIN, config.maxDiffBytes()) + WS_MESSAGE_MARGIN;
  }

  /** @return the bound port (after start) */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
