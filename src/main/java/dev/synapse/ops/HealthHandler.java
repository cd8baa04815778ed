package dev.synapse.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the health contract of DESIGN.md section 3: {@code {status: healthy|degraded|unhealthy,
 * message, checks: [{name, status, message, data}]}}, 200 when healthy and 503 otherwise.
 * {@link #ready} runs every {@link HealthProcedures} check (each bounded by its timeout);
 * {@link #live} runs none, so liveness stays cheap and never fails because a dependency is slow.
 */
public final class HealthHandler {
  private final HealthProcedures procedures;

  /** @param procedures the registered checks */
  public HealthHandler(HealthProcedures procedures) {
    this.procedures = procedures;
  }

  /** {@code GET /health/live}: answers from the event loop, no checks. */
  public void live(RoutingContext rc) {
    send(rc, HealthLevel.HEALTHY, new JsonObject().put("status", HealthLevel.HEALTHY.wire())
        .put("message", "event loop is responsive").put("checks", new JsonArray()));
  }

  /** {@code GET /health} and {@code GET /health/ready}: runs every check. */
  public void ready(RoutingContext rc) {
    procedures.checks().checkStatus().onComplete(ar -> {
      if (ar.failed()) {
        send(rc, HealthLevel.UNHEALTHY, new JsonObject().put("status", HealthLevel.UNHEALTHY.wire())
            .put("message", "health checks could not run: " + ar.cause().getMessage()).put("checks", new JsonArray()));
        return;
      }
      JsonObject report = report(ar.result());
      send(rc, HealthLevel.valueOf(report.getString("status").toUpperCase(java.util.Locale.ROOT)), report);
    });
  }

  /**
   * @param result the outcome of {@code HealthChecks.checkStatus()}
   * @return the contract body; the overall status is the worst check level
   */
  JsonObject report(CheckResult result) {
    HealthLevel overall = HealthLevel.HEALTHY;
    JsonArray checks = new JsonArray();
    List<String> problems = new ArrayList<>();
    for (CheckResult c : result.getChecks() == null ? List.<CheckResult>of() : result.getChecks()) {
      boolean up = c.getStatus() != null && c.getStatus().isOk();
      HealthLevel level = up ? HealthLevel.HEALTHY : procedures.levelOnFailure(c.getId());
      JsonObject data = c.getData() == null ? new JsonObject() : c.getData().copy();
      String message = messageOf(c, data, up);
      data.remove("message");
      checks.add(new JsonObject().put("name", c.getId()).put("status", level.wire())
          .put("message", message).put("data", data));
      overall = overall.worst(level);
      if (!up) problems.add(c.getId() + ": " + message);
    }
    String message = problems.isEmpty() ? "all checks passed" : String.join("; ", problems);
    return new JsonObject().put("status", overall.wire()).put("message", message).put("checks", checks);
  }

  private static String messageOf(CheckResult c, JsonObject data, boolean up) {
    String m = data.getString("message");
    if (m != null) return m;
    if (c.getStatus() != null && c.getStatus().isProcedureInError()) {
      return "check failed or timed out after " + HealthProcedures.CHECK_TIMEOUT_MS + " ms";
    }
    return up ? "ok" : "check failed";
  }

  private static void send(RoutingContext rc, HealthLevel level, JsonObject body) {
    if (rc.response().ended()) return;
    rc.response().setStatusCode(level.httpStatus()).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
