package dev.synapse.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Runs a middleware handler only for requests under given path prefixes, calling {@code next()}
 * for the others. Used on path-less routes: Vert.x Web reports every matched route's path in the
 * {@code route} metrics label ({@code /api/>/api/>/api/reviews/:id}), while a path-less route adds
 * nothing, so the label stays the route template ({@code /api/reviews/:id}).
 */
final class PathScoped implements Handler<RoutingContext> {
  private final List<String> prefixes;
  private final Handler<RoutingContext> handler;

  private PathScoped(List<String> prefixes, Handler<RoutingContext> handler) {
    this.prefixes = List.copyOf(prefixes);
    this.handler = handler;
  }

  /**
   * @param prefixes e.g. {@code /api/} and {@code /ws}; a prefix without a trailing slash also
   *     matches the exact path
   * @param handler the middleware
   */
  static Handler<RoutingContext> under(List<String> prefixes, Handler<RoutingContext> handler) {
    return new PathScoped(prefixes, handler);
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    for (String p : prefixes) {
      if (path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/")) {
        handler.handle(rc);
        return;
      }
    }
    rc.next();
  }
}
