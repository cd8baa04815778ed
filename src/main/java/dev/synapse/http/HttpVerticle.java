package dev.synapse.http;

import dev.synapse.agent.NodeContext;
import dev.synapse.review.ReviewService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * The HTTP API verticle: builds the router and binds the port. Handlers live in route classes;
 * this class only wires them (DESIGN.md section 3).
 */
public final class HttpVerticle extends VerticleBase {
  /** Media types accepted by {@code POST /api/reviews}. */
  public static final Set<String> REVIEW_MEDIA_TYPES = Set.of("application/json", "text/x-diff",
      "text/x-patch", "text/plain");

  private final NodeContext node;
  private final ReviewService reviews;
  private HttpServer server;

  /**
   * @param node shared node components
   * @param reviews the ingress service
   */
  public HttpVerticle(NodeContext node, ReviewService reviews) {
    this.node = node;
    this.reviews = reviews;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    ReviewRoutes routes = new ReviewRoutes(vertx, reviews);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(node.config().maxDiffBytes()));
    router.post("/api/reviews").handler(rc -> {
      String type = ReviewRoutes.mediaType(rc.request().getHeader("Content-Type"));
      if (!REVIEW_MEDIA_TYPES.contains(type)) {
        ApiError.send(rc, 415, "unsupported_media_type",
            "Content-Type must be application/json, text/x-diff or text/plain; got '" + type + "'", null);
      } else {
        rc.next();
      }
    }).handler(routes::submit);
    router.get("/api/reviews/:id").handler(routes::get);
    router.route().last().handler(rc -> ApiError.send(rc, 404, "not_found", "no route for " + rc.request().method() + " " + ReviewRoutes.truncate(rc.normalizedPath()), null));
    router.errorHandler(413, rc -> ApiError.send(rc, 413, "payload_too_large",
        "request body exceeds " + node.config().maxDiffBytes() + " bytes (SYNAPSE_MAX_DIFF_BYTES)", null));
    router.errorHandler(405, rc -> ApiError.send(rc, 405, "method_not_allowed", "method not allowed", null));
    router.errorHandler(400, rc -> ApiError.send(rc, 400, "bad_request", "malformed request", null));
    router.errorHandler(500, rc -> ApiError.fail(rc, rc.failure() == null ? new RuntimeException("unknown") : rc.failure()));
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(node.config().httpHost()).setPort(node.config().httpPort()));
    return server.requestHandler(router).listen();
  }

  /** @return the bound port (after start) */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
