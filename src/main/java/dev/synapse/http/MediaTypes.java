package dev.synapse.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;

/** Content-type checks: 415 {@code unsupported_media_type} JSON naming the accepted types. */
final class MediaTypes {
  private MediaTypes() {}

  /**
   * @param accepted lower-case media types without parameters
   * @return a handler that calls {@code next()} only when the request's media type is accepted
   *     (an absent Content-Type counts as {@code text/plain})
   */
  static Handler<RoutingContext> require(Set<String> accepted) {
    String list = String.join(", ", new TreeSet<>(accepted));
    return rc -> {
      String type = ReviewRoutes.mediaType(rc.request().getHeader("Content-Type"));
      if (accepted.contains(type)) {
        rc.next();
      } else {
        ApiError.send(rc, 415, "unsupported_media_type",
            "Content-Type must be one of " + list + "; got '" + ReviewRoutes.truncate(type) + "'", null);
      }
    };
  }
}
