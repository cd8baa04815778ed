package dev.synapse.http;

import dev.synapse.agent.NodeContext;
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
  private final SourceRateLimiter limiter;
  private final GitHubIntegration github;
  private HttpServer server;

  /**
   * @param node shared node components
   * @param reviews the ingress service
   */
  public HttpVerticle(NodeContext node, ReviewService reviews) {
    this(node, reviews, null);
  }

  /**
   * @param node shared node components
   * @param reviews the ingress service
   * @param limiter the node's rate limiter, shared by all HTTP instances of the node; null for
   *     one of this instance's own (when {@code rate_limit} is set)
   */
  public HttpVerticle(NodeContext node, ReviewService reviews, SourceRateLimiter limiter) {
    this(node, reviews, limiter, null);
  }

  /**
   * @param github the node's GitHub App integration ({@code POST /webhooks/github} and the
   *     {@code github} readiness check), or null when it is off
   * @see #HttpVerticle(NodeContext, ReviewService, SourceRateLimiter)
   */
  public HttpVerticle(NodeContext node, ReviewService reviews, SourceRateLimiter limiter, GitHubIntegration github) {
    this.node = node;
    this.reviews = reviews;
    this.limiter = limiter;
    this.github = github;
  }

  @Override
  public Future<?> start() {
    HealthProcedures health = new HealthProcedures(vertx, node);
    int wsMessage = (int) Math.min(Integer.MAX_VALUE - WS_MESSAGE_MARGIN, node.config().maxDiffBytes()) + WS_MESSAGE_MARGIN;
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(node.config().httpHost()).setPort(node.config().httpPort())
        .setMaxWebSocketMessageSize(wsMessage));
    if (github != null) health.register("github", HealthLevel.DEGRADED, p -> p.complete(github.credentialStatus()));
    return health.start().compose(v -> {
      io.vertx.ext.web.Router router = new ApiRouter(vertx, node, reviews, health, limiter).build();
      if (github != null) github.mount(router);
      return server.requestHandler(router).listen();
    });
  }

  /** @return the bound port (after start) */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
