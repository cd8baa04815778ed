package dev.synapse.http;

import dev.synapse.config.SynapseConfig;
import io.vertx.ext.web.Router;

/**
 * The router's error handlers: every status the router itself produces (unknown route, wrong
 * method, body too large, malformed request, handler failure) answers JSON through
 * {@link ApiError}, never an HTML page or a stack trace.
 */
final class ErrorHandlers {
  private ErrorHandlers() {}

  static void mount(Router router, SynapseConfig config) {
    router.errorHandler(404, rc -> ApiError.notFound(rc, "no route for " + rc.request().method() + " "
        + ReviewRoutes.truncate(rc.normalizedPath())));
    router.errorHandler(405, rc -> ApiError.send(rc, 405, "method_not_allowed",
        rc.request().method() + " is not allowed on " + ReviewRoutes.truncate(rc.normalizedPath()), null));
    router.errorHandler(413, rc -> ApiError.send(rc, 413, "payload_too_large",
        "request body exceeds " + config.maxDiffBytes() + " bytes (SYNAPSE_MAX_DIFF_BYTES)", null));
    router.errorHandler(415, rc -> ApiError.send(rc, 415, "unsupported_media_type", "unsupported media type", null));
    router.errorHandler(400, rc -> ApiError.send(rc, 400, "bad_request", "malformed request", null));
    router.errorHandler(500, rc -> ApiError.fail(rc, rc.failure() == null ? new RuntimeException("unknown") : rc.failure()));
  }
}
