package dev.synapse.github;

import dev.synapse.agent.NodeContext;
import dev.synapse.config.GitHubConfig;
import dev.synapse.review.ReviewService;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub App integration of one node (docs/github-app.md): the credentials, the REST client,
 * the delivery log (cluster-wide when the node is clustered), the job queue and the
 * {@code POST /webhooks/github} route. Created once per node and shared by its HTTP verticle
 * instances. Thread-safe.
 */
public final class GitHubIntegration {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubIntegration.class);
  /** The webhook route. */
  public static final String PATH = "/webhooks/github";
  /** Pull-request jobs running at once per node. */
  public static final int MAX_RUNNING = 4;
  /** Pull-request jobs waiting per node. */
  public static final int MAX_QUEUED = 200;
  /** Smallest webhook body limit, bytes (payloads are typically 10–60 KB). */
  static final long MIN_BODY_BYTES = 1024 * 1024;

  private final GitHubApi api;
  private final CredentialHealth health;
  private final WebhookHandler handler;
  private final long bodyLimit;

  private GitHubIntegration(GitHubApi api, CredentialHealth health, WebhookHandler handler, long bodyLimit) {
    this.api = api;
    this.health = health;
    this.handler = handler;
    this.bodyLimit = bodyLimit;
  }

  /**
   * @param vertx the node's Vert.x instance (clustered: the delivery log is a cluster-wide map)
   * @param node configuration and metrics
   * @param reviews the ingress service reviews go through
   * @return the integration, or null when {@code SYNAPSE_GITHUB_WEBHOOK_SECRET} is unset
   */
  public static GitHubIntegration create(Vertx vertx, NodeContext node, ReviewService reviews) {
    GitHubConfig cfg = node.config().github();
    if (!cfg.enabled()) return null;
    GitHubMetrics metrics = new GitHubMetrics(node.metrics().registry());
    CredentialHealth health = new CredentialHealth();
    long maxDiff = node.config().maxDiffBytes();
    GitHubApi api = new GitHubApi(vertx, cfg.apiUrl(), metrics, maxDiff * 2 + MIN_BODY_BYTES, Clock.systemUTC(), health);
    Function<PullRequestEvent, Credential> credentials;
    String problem = null;
    if (cfg.app()) {
      AppCredentials app = new AppCredentials(api, cfg.appId(), cfg.privateKeyPem(), Clock.systemUTC(), health);
      credentials = e -> e.installationId() == null ? failing("the payload has no installation.id") : app.installation(e.installationId());
      // One look at GET /app at start-up, so a wrong app id or key shows on /health/ready before the first delivery.
      api.send(GitHubApi.Call.get("apps/get-authenticated", "/app", app.app()))
          .onSuccess(r -> LOG.info("github app {} check: GET /app answered {}", cfg.appId(), r.status()))
          .onFailure(err -> LOG.warn("github app {} check failed: {}", cfg.appId(), err.getMessage()));
    } else if (cfg.token() != null) {
      StaticTokenCredential token = new StaticTokenCredential(cfg.token());
      credentials = e -> token;
    } else {
      problem = "no GitHub credentials configured (SYNAPSE_GITHUB_APP_ID and SYNAPSE_GITHUB_PRIVATE_KEY, or SYNAPSE_GITHUB_TOKEN)";
      health.failed(problem);
      credentials = e -> failing("no credentials");
    }
    DeliveryLog deliveries = vertx.isClustered() ? new ClusterDeliveryLog(vertx, cfg.deliveryTtlMs())
        : new LocalDeliveryLog(cfg.deliveryTtlMs(), LocalDeliveryLog.DEFAULT_MAX_ENTRIES, System::currentTimeMillis);
    long reviewTimeout = Math.min(15 * 60_000L, node.config().actionTimeoutMs() * 3 + 30_000);
    PullRequestReviewer reviewer = new PullRequestReviewer(vertx, api, credentials, reviews, cfg, maxDiff,
        reviewTimeout, new RepoConfigParser());
    WebhookHandler handler = new WebhookHandler(new WebhookSignature(cfg.webhookSecret()), deliveries,
        new JobQueue(MAX_RUNNING, MAX_QUEUED), metrics, cfg.reviewDrafts(), problem, reviewer);
    LOG.info("github integration on: {} (delivery log: {})", cfg, vertx.isClustered() ? "cluster-wide" : "local");
    return new GitHubIntegration(api, health, handler, Math.max(MIN_BODY_BYTES, maxDiff));
  }

  private static Credential failing(String why) {
    return new Credential() {
      @Override
      public io.vertx.core.Future<String> authorization() {
        return io.vertx.core.Future.failedFuture(new GitHubException("credentials", -1, why));
      }

      @Override
      public boolean renew(String used) {
        return false;
      }
    };
  }

  /** Adds {@code POST /webhooks/github} (raw body read here; no API authentication: the signature is the auth). */
  public void mount(Router router) {
    router.post(PATH).handler(this::readBody);
  }

  /**
   * Collects the raw body up to the limit (413 JSON past it), without Vert.x Web's form decoding,
   * so the signature is checked over exactly the bytes GitHub sent whatever the content type.
   */
  private void readBody(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    String length = req.getHeader("Content-Length");
    if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > bodyLimit) {
      tooLarge(rc);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] over = {false};
    req.handler(chunk -> {
      if (over[0]) return;
      if (body.length() + chunk.length() > bodyLimit) {
        over[0] = true;
        tooLarge(rc);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.endHandler(v -> {
      if (!over[0]) handler.handle(rc, body);
    });
    req.exceptionHandler(err -> LOG.debug("github webhook body not read: {}", err.getMessage()));
    req.resume();
  }

  private void tooLarge(RoutingContext rc) {
    if (rc.response().ended()) return;
    rc.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
        .end(new io.vertx.core.json.JsonObject().put("error", "payload_too_large")
            .put("message", "webhook body exceeds " + bodyLimit + " bytes").encode());
  }

  /** @return the {@code github} readiness check's status (KO → {@code degraded}) */
  public Status credentialStatus() {
    return health.status();
  }

  /** Closes the REST client. */
  public void close() {
    api.close();
  }
}
