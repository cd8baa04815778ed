package dev.synapse.http;

import dev.synapse.agent.NodeContext;
import dev.synapse.config.SynapseConfig;
import dev.synapse.ops.HealthHandler;
import dev.synapse.ops.HealthProcedures;
import dev.synapse.review.ReviewService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;

/**
 * Builds the HTTP routing table of DESIGN.md section 3. Middleware order on {@code /api/*}:
 * rate limit → request timeout → authentication of the headers ({@link IngressAuth#headers()}) →
 * body admission ({@link BodyGuard}: 413, in-flight budget 503, body timeout 408) → body → the
 * signature over the body ({@link IngressAuth#signature()}); on {@code /ws}: rate limit → both
 * authentication steps → upgrade. {@link EdgeGate} runs before the router. {@code /health*} is always open; {@code /metrics} is open
 * unless {@code metricsPublic} is false (then it needs a bearer token). Unknown routes answer 404
 * JSON and wrong methods 405 JSON, through the router's error handlers.
 */
public final class ApiRouter {
  private final Vertx vertx;
  private final NodeContext node;
  private final ReviewService reviews;
  private final HealthProcedures health;
  private final HttpEdge edge;

  /**
   * @param vertx the verticle's Vert.x instance
   * @param node shared node components
   * @param reviews ingress service
   * @param health readiness checks
   * @param edge the node's edge state (rate limiter, in-flight budget, replay memory)
   */
  public ApiRouter(Vertx vertx, NodeContext node, ReviewService reviews, HealthProcedures health, HttpEdge edge) {
    this.vertx = vertx;
    this.node = node;
    this.reviews = reviews;
    this.health = health;
    this.edge = edge;
  }

  /**
   * @param first handler run first on every routed request (the keep-alive header deadline of
   *     {@link EdgeGate}); it must call {@code next()}
   * @return a router with every route, middleware and error handler
   */
  public Router build(Handler<RoutingContext> first) {
    Router router = Router.router(vertx);
    SynapseConfig config = node.config();
    IngressAuth ingress = config.authEnabled() ? new IngressAuth(config.secret(), edge.replay()) : null;
    Handler<RoutingContext> authHeaders = ingress != null ? ingress.headers() : RoutingContext::next;
    Handler<RoutingContext> authSignature = ingress != null ? ingress.signature() : RoutingContext::next;
    RateLimitHandler rateLimit = edge.limiter() != null ? new RateLimitHandler(edge.limiter(), node.metrics()) : null;
    Handler<RoutingContext> limit = rateLimit != null ? rateLimit : RoutingContext::next;
    // Path-less routes, one per middleware (Vert.x Web orders handler kinds within a route), so
    // the metrics route label stays the route template (see PathScoped).
    List<String> guarded = List.of("/api/", "/ws");
    List<String> api = List.of("/api/");
    List<String> authenticated = config.metricsPublic() ? guarded : List.of("/api/", "/ws", "/metrics");
    router.route().handler(first);
    router.route().handler(PathScoped.under(guarded, limit));
    router.route().handler(PathScoped.under(api, new RequestTimeout(RequestTimeout.DEFAULT_TIMEOUT_MS)));
    router.route().handler(PathScoped.under(authenticated, authHeaders));
    router.route().handler(PathScoped.under(api, new BodyGuard(edge.budget(), config.maxDiffBytes(), config.httpLimits().bodyTimeoutMs())));
    router.route().handler(PathScoped.under(api, new SpoolingBodyHandler(
        BodyHandler.create(false).setBodyLimit(config.maxDiffBytes()), config.largeReviews().spoolBytes(),
        config.maxDiffBytes())));
    router.route().handler(PathScoped.under(api, BodyGuard.bodyRead()));
    router.route().handler(PathScoped.under(authenticated, authSignature));
    mountApi(router);
    router.get("/ws").handler(new WebSocketRoute(vertx, reviews, node.bus(),
        source -> rateLimit == null ? 0L : rateLimit.acquire(source), HttpVerticle.maxWebSocketMessage(config))::upgrade);
    mountOps(router);
    if (config.benchEcho()) {
      // Benchmark ceiling (bench/run.sh, SYNAPSE_BENCH_ECHO): same server, body read and echoed, no review work.
      router.post("/bench/echo").handler(BodyHandler.create(false).setBodyLimit(config.maxDiffBytes()))
          .handler(rc -> rc.response().putHeader("Content-Type", "application/json").end(rc.body().buffer()));
    }
    ErrorHandlers.mount(router, config);
    return router;
  }

  private void mountApi(Router router) {
    ReviewRoutes submit = new ReviewRoutes(vertx, reviews, node.config().largeReviews().largeReviewBytes());
    ReviewQueryRoutes query = new ReviewQueryRoutes(vertx, node.store());
    FeedbackRoutes feedback = new FeedbackRoutes(vertx, node.store(), node.agents());
    router.post("/api/reviews").handler(QueryParams.only("wait", "review_id", "labels", "intent",
        "risk_factor", "files_changed", "repo"))
        .handler(MediaTypes.require(HttpVerticle.REVIEW_MEDIA_TYPES)).handler(submit::submit);
    router.get("/api/reviews").handler(QueryParams.only("limit", "offset")).handler(query::list);
    router.get("/api/reviews/:id").handler(QueryParams.only()).handler(submit::get);
    router.get("/api/reviews/:id/sarif").handler(QueryParams.only()).handler(query::sarif);
    router.post("/api/reviews/:id/feedback").handler(QueryParams.only())
        .handler(MediaTypes.require(java.util.Set.of("application/json")))
        .handler(feedback::post);
    router.get("/api/signals").handler(QueryParams.only("type", "since", "limit", "after"))
        .handler(new SignalRoutes(node.bus())::replay);
    router.get("/api/agents").handler(QueryParams.only()).handler(new AgentRoutes(node)::list);
    AdminRoutes.mount(router, vertx, node.config());
    SuppressionRoutes.mount(router, vertx, node.config(), node.agents());
  }

  private void mountOps(Router router) {
    HealthHandler handler = new HealthHandler(health);
    router.get("/health").handler(handler::overall);
    router.get("/health/ready").handler(handler::ready);
    router.get("/health/live").handler(handler::live);
    if (node.metrics().registry() instanceof PrometheusMeterRegistry prometheus) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    } else {
      router.get("/metrics").handler(rc -> ApiError.send(rc, 503, "metrics_disabled",
          "metrics are disabled on this node", null));
    }
  }
}
