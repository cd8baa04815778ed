package dev.synapse.http;

import dev.synapse.config.SynapseConfig;
import dev.synapse.ops.BackupService;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Operator routes: {@code POST /api/admin/backup} takes a state snapshot now on this node and
 * answers {@code 200 {file, node_id}}; {@code 503 backups_disabled} when {@code SYNAPSE_BACKUP_DIR}
 * is unset. Always authenticated: with a secret configured the request needs
 * {@code Authorization: Bearer <SYNAPSE_SECRET>} (401 otherwise); without one only loopback
 * clients are served (403 otherwise).
 */
public final class AdminRoutes {
  /** Path of the backup route. */
  public static final String BACKUP_PATH = "/api/admin/backup";
  /** Longest wait for the snapshot to be written, in ms. */
  public static final long BACKUP_TIMEOUT_MS = 120_000;

  private final Vertx vertx;
  private final SynapseConfig config;

  private AdminRoutes(Vertx vertx, SynapseConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Adds the admin routes to {@code router}. */
  public static void mount(Router router, Vertx vertx, SynapseConfig config) {
    AdminRoutes routes = new AdminRoutes(vertx, config);
    router.post(BACKUP_PATH).handler(routes::backup);
  }

  private void backup(RoutingContext rc) {
    if (!authorized(rc)) return;
    vertx.eventBus().<JsonObject>request(BackupService.ADMIN_ADDRESS, null,
        new DeliveryOptions().setSendTimeout(BACKUP_TIMEOUT_MS).setLocalOnly(true)).onComplete(ar -> {
          if (ar.succeeded()) {
            rc.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(ar.result().body().encode());
          } else if (ar.cause() instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
            ApiError.send(rc, 503, "backups_disabled", "snapshots are off: set SYNAPSE_BACKUP_DIR", null);
          } else {
            ApiError.send(rc, 500, "backup_failed", ar.cause().getMessage(), null);
          }
        });
  }

  private boolean authorized(RoutingContext rc) {
    return authorized(rc, config);
  }

  /**
   * Admin authentication shared by the admin routes: a verified signed request or the bearer
   * secret; loopback clients only when no secret is configured. Sends 401/403 when refused.
   *
   * @return true when the request may proceed
   */
  static boolean authorized(RoutingContext rc, SynapseConfig config) {
    if (!config.authEnabled()) {
      String host = rc.request().remoteAddress() == null ? "" : rc.request().remoteAddress().hostAddress();
      if (host.equals("127.0.0.1") || host.equals("0:0:0:0:0:0:0:1") || host.equals("::1")) return true;
      ApiError.send(rc, 403, "forbidden", "admin routes need SYNAPSE_SECRET or a loopback client", null);
      return false;
    }
    if (IngressAuth.SIGNED.equals(rc.get(IngressAuth.PRINCIPAL_KEY))) return true; // verified signed request
    String header = rc.request().getHeader("Authorization");
    String expected = "Bearer " + config.secret();
    if (header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8))) {
      return true;
    }
    rc.response().putHeader("WWW-Authenticate", "Bearer");
    ApiError.send(rc, 401, "unauthorized", "missing or wrong bearer token", null);
    return false;
  }
}
