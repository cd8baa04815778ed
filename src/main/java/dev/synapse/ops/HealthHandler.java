package dev.synapse.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Serves the health contract of DESIGN.md section 3: {@code {status: healthy|degraded|unhealthy,
 * message, checks: [{name, status, message, data}]}} (see docs/operations.md, "Health"):
 * <ul>
 *   <li>{@link #overall} ({@code GET /health}): every check; 200 when healthy, 503 otherwise;</li>
 *   <li>{@link #ready} ({@code GET /health/ready}, the readiness probe): every check; 503 only when
 *       unhealthy (this node cannot serve), 200 with {@code status: degraded} when it serves with
 *       a warning;</li>
 *   <li>{@link #live} ({@code GET /health/live}, the liveness probe): no check, 200 whenever the
 *       event loop answers, so it never fails because a dependency is slow or gone.</li>
 * </ul>
 */
public final class HealthHandler {
  private final HealthProcedures procedures;

  /** @param procedures the registered checks */
  public HealthHandler(HealthProcedures procedures) {
    this.procedures = procedures;
  }

  /** {@code GET /health/live}: answers from the event loop, no checks. */
  public void live(RoutingContext rc) {
    send(rc, 200, new JsonObject().put("status", HealthLevel.HEALTHY.wire())
        .put("message", "event loop is responsive").put("checks", new JsonArray()));
  }

  /** {@code GET /health}: runs every check; 200 only when healthy. */
  public void overall(RoutingContext rc) {
    procedures.evaluate().onSuccess(report -> send(rc, level(report).httpStatus(), report));
  }

  /** {@code GET /health/ready}: runs every check; 503 only when unhealthy. */
  public void ready(RoutingContext rc) {
    procedures.evaluate().onSuccess(report -> send(rc, level(report).readinessStatus(), report));
  }

  private static HealthLevel level(JsonObject report) {
    return HealthLevel.valueOf(report.getString("status").toUpperCase(Locale.ROOT));
  }

  private static void send(RoutingContext rc, int status, JsonObject body) {
    if (rc.response().ended()) return;
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
