package dev.synapse.http;

import dev.synapse.config.SynapseConfig;
import io.vertx.ext.web.Router;

/**
 * The router's error handlers: every status the router itself produces (unknown route, wrong
 * method, body too large, malformed request, handler failure) answers JSON through
 * {@link ApiError}, never an HTML page or a stack trace.
 */
final class ErrorHandlers {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ErrorHandlers.class);

  private ErrorHandlers() {}

  static void mount(Router router, SynapseConfig config) {
    router.errorHandler(404, rc -> ApiError.notFound(rc, "no route for " + rc.request().method() + " "
        + ReviewRoutes.truncate(rc.normalizedPath())));
    router.errorHandler(405, rc -> ApiError.send(rc, 405, "method_not_allowed",
        rc.request().method() + " is not allowed on " + ReviewRoutes.truncate(rc.normalizedPath()), null));
    router.errorHandler(413, rc -> ApiError.send(rc, 413, "payload_too_large",
        BodyGuard.tooLarge("the request body", config.maxDiffBytes()), null));
    router.errorHandler(415, rc -> ApiError.send(rc, 415, "unsupported_media_type", "unsupported media type", null));
    router.errorHandler(400, rc -> {
      LOG.debug("bad request: {}", rc.failure() == null ? "-" : rc.failure().toString());
      ApiError.send(rc, 400, "bad_request", "malformed request (for example a malformed chunked body)", null);
    });
    // The BodyHandler fails with status 200 on a stream exception other than a decoding error,
    // typically the client closing the connection mid-body: nothing to answer, nothing to log above DEBUG.
    router.errorHandler(200, rc -> {
      LOG.debug("request stream failed: {}", rc.failure() == null ? "-" : rc.failure().toString());
      if (rc.response().closed() || rc.response().ended()) return;
      ApiError.send(rc, 400, "bad_request", "the request body could not be read", null);
    });
    router.errorHandler(500, rc -> ApiError.fail(rc, rc.failure() == null ? new RuntimeException("unknown") : rc.failure()));
  }
}
