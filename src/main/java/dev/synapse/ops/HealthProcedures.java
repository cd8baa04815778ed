package dev.synapse.ops;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.AgentRegistry;
import dev.synapse.agent.NodeContext;
import dev.synapse.signal.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readiness checks of a node, registered on a vertx-health-check {@link HealthChecks}, each
 * with a timeout ({@value #CHECK_TIMEOUT_MS} ms) and the level it causes when it fails:
 * <ul>
 *   <li>{@code lifecycle} (unhealthy): the node is not shutting down ({@link NodeLifecycle#ready()});</li>
 *   <li>{@code event-bus} (unhealthy): a node-local ping over the event bus is answered;</li>
 *   <li>{@code coordinator} (unhealthy): at least one coordinator instance is live;</li>
 *   <li>{@code agents} (unhealthy): every specialist type has a live instance (without one,
 *       no review this node accepts gets that specialist's findings);</li>
 *   <li>{@code memory} (unhealthy): the heap has headroom — the old generation after its last
 *       collection (or the whole heap before the first one) uses less than
 *       {@value #MEMORY_LIMIT_PERCENT}% of the maximum; a node above it would fail the reviews
 *       it accepts;</li>
 *   <li>{@code cluster} (unhealthy; clustered nodes only): the member runs, its side has a
 *       quorum, and partition backups have not been missing for long
 *       ({@link ClusterView#readiness()}).</li>
 *   <li>{@code cluster-size} (degraded; clustered nodes with {@code cluster_expected_size} ≥ 2):
 *       this node sees at least the expected number of data members. A healthy majority below
 *       it still serves; the level tells an operator that the next loss may stop the cluster.</li>
 * </ul>
 * Other components add checks with {@link #register} (the GitHub App adds {@code github},
 * degraded). {@link #evaluate()} runs them all and records the outcome in the
 * {@code synapse_health_status} gauge; {@link #start()} also evaluates every
 * {@value #REFRESH_MS} ms, so the gauge is current without probes. Thread-safe after
 * {@link #start()}.
 */
public final class HealthProcedures {
  /** Timeout of each check, in ms. */
  public static final long CHECK_TIMEOUT_MS = 2_000;
  /** Heap use (percent of the maximum, measured after a collection) from which a node is not ready. */
  public static final int MEMORY_LIMIT_PERCENT = 90;
  /** Period of the background evaluation that keeps {@code synapse_health_status} current, in ms. */
  public static final long REFRESH_MS = 10_000;

  private final Vertx vertx;
  private final SynapseMetrics metrics;
  private final HealthChecks checks;
  private final Map<String, HealthLevel> failureLevels = new ConcurrentHashMap<>();
  private MessageConsumer<Object> ping;

  /**
   * @param vertx the node's Vert.x instance
   * @param node agents (live instances), signal history, lifecycle and cluster view
   */
  public HealthProcedures(Vertx vertx, NodeContext node) {
    this.vertx = vertx;
    this.metrics = node.metrics();
    this.checks = HealthChecks.create(vertx);
    AgentRegistry agents = node.agents();
    register("lifecycle", HealthLevel.UNHEALTHY, p -> p.complete(lifecycle(node.lifecycle())));
    register("event-bus", HealthLevel.UNHEALTHY, this::pingBus);
    register("coordinator", HealthLevel.UNHEALTHY, p -> p.complete(coordinator(agents)));
    register("agents", HealthLevel.UNHEALTHY, p -> p.complete(agents(agents)));
    register("memory", HealthLevel.UNHEALTHY, p -> p.complete(memory(HeapHeadroom.usedAfterGc(), HeapHeadroom.max())));
    if (node.cluster().clustered()) {
      register("cluster", HealthLevel.UNHEALTHY, p -> node.cluster().readiness().onComplete(p));
      int expected = node.config().reliability().clusterExpectedSize();
      if (expected >= 2) {
        register("cluster-size", HealthLevel.DEGRADED, p -> p.complete(clusterSize(node.cluster().dataMemberCount(), expected)));
      }
    }
  }

  /**
   * Registers the ping consumer and starts the background evaluation (every
   * {@value #REFRESH_MS} ms, on the caller's context; Vert.x cancels it when that verticle is
   * undeployed).
   *
   * @return completes when the ping consumer is registered
   */
  public Future<Void> start() {
    ping = vertx.eventBus().localConsumer(Addresses.HEALTH_PING, m -> m.reply("pong"));
    return ping.completion().onSuccess(v -> {
      evaluate();
      vertx.setPeriodic(REFRESH_MS, t -> evaluate());
    });
  }

  /**
   * Runs every check (each bounded by {@value #CHECK_TIMEOUT_MS} ms) and records the overall
   * level in {@code synapse_health_status}.
   *
   * @return the contract body {@code {status: healthy|degraded|unhealthy, message, checks: [{name,
   *     status, message, data}]}}; the overall status is the worst check level (unhealthy when the
   *     checks could not run); never fails
   */
  public Future<JsonObject> evaluate() {
    return checks.checkStatus().transform(ar -> {
      JsonObject report = ar.succeeded() ? report(ar.result())
          : new JsonObject().put("status", HealthLevel.UNHEALTHY.wire())
              .put("message", "health checks could not run: " + ar.cause().getMessage()).put("checks", new JsonArray());
      metrics.healthStatus(HealthLevel.valueOf(report.getString("status").toUpperCase(Locale.ROOT)));
      return Future.succeededFuture(report);
    });
  }

  /**
   * @param result the outcome of {@code HealthChecks.checkStatus()}
   * @return the contract body; the overall status is the worst check level
   */
  JsonObject report(CheckResult result) {
    HealthLevel overall = HealthLevel.HEALTHY;
    JsonArray out = new JsonArray();
    List<String> problems = new ArrayList<>();
    for (CheckResult c : result.getChecks() == null ? List.<CheckResult>of() : result.getChecks()) {
      boolean up = c.getStatus() != null && c.getStatus().isOk();
      HealthLevel level = up ? HealthLevel.HEALTHY : levelOnFailure(c.getId());
      JsonObject data = c.getData() == null ? new JsonObject() : c.getData().copy();
      String message = messageOf(c, data, up);
      data.remove("message");
      out.add(new JsonObject().put("name", c.getId()).put("status", level.wire())
          .put("message", message).put("data", data));
      overall = overall.worst(level);
      if (!up) problems.add(c.getId() + ": " + message);
    }
    String message = problems.isEmpty() ? "all checks passed" : String.join("; ", problems);
    return new JsonObject().put("status", overall.wire()).put("message", message).put("checks", out);
  }

  private static String messageOf(CheckResult c, JsonObject data, boolean up) {
    String m = data.getString("message");
    if (m != null) return m;
    if (c.getStatus() != null && c.getStatus().isProcedureInError()) {
      return "check failed or timed out after " + CHECK_TIMEOUT_MS + " ms";
    }
    return up ? "ok" : "check failed";
  }

  /**
   * Adds a check (e.g. cluster membership).
   *
   * @param name check name shown in the report
   * @param levelOnFailure level the check causes when it fails or times out
   * @param procedure completes with {@link Status#OK()} or {@link Status#KO(JsonObject)} (put a
   *     {@code message} in the data)
   */
  public void register(String name, HealthLevel levelOnFailure, Handler<Promise<Status>> procedure) {
    failureLevels.put(name, levelOnFailure);
    checks.register(name, CHECK_TIMEOUT_MS, procedure);
  }

  /** @return the underlying checks */
  public HealthChecks checks() {
    return checks;
  }

  /** @return level a failure of the named check causes; unhealthy for unknown names */
  public HealthLevel levelOnFailure(String name) {
    return failureLevels.getOrDefault(name, HealthLevel.UNHEALTHY);
  }

  private void pingBus(Promise<Status> p) {
    vertx.eventBus().request(Addresses.HEALTH_PING, "ping", new DeliveryOptions().setSendTimeout(CHECK_TIMEOUT_MS / 2))
        .onSuccess(m -> p.tryComplete(Status.OK(message("event bus answers"))))
        .onFailure(err -> p.tryComplete(Status.KO(message("event bus ping failed: " + err.getMessage()))));
  }

  static Status lifecycle(NodeLifecycle lifecycle) {
    String state = lifecycle.state().name().toLowerCase(java.util.Locale.ROOT);
    return lifecycle.ready() ? Status.OK(message("node is " + state))
        : Status.KO(message("node is shutting down (" + state + ")"));
  }

  static Status coordinator(AgentRegistry agents) {
    int live = agents.liveInstances(AgentNames.COORDINATOR);
    return live > 0 ? Status.OK(message(live + " coordinator instance(s) live"))
        : Status.KO(message("no coordinator instance is live"));
  }

  static Status agents(AgentRegistry agents) {
    JsonObject data = new JsonObject();
    StringBuilder missing = new StringBuilder();
    for (String agent : AgentNames.SPECIALISTS) {
      int live = agents.liveInstances(agent);
      data.put(agent, live);
      if (live <= 0) missing.append(missing.length() == 0 ? "" : ", ").append(agent);
    }
    if (missing.length() == 0) return Status.OK(data.put("message", "every specialist type has live instances"));
    return Status.KO(data.put("message", "no live instances of " + missing));
  }

  /**
   * @param dataMembers data (non-lite) members this node sees, itself included
   * @param expected {@code cluster_expected_size}
   * @return OK when {@code dataMembers ≥ expected}; KO naming both counts otherwise
   */
  static Status clusterSize(int dataMembers, int expected) {
    JsonObject data = new JsonObject().put("data_members", dataMembers).put("expected", expected);
    if (dataMembers >= expected) {
      return Status.OK(data.put("message", dataMembers + " of " + expected + " expected members"));
    }
    return Status.KO(data.put("message", "only " + dataMembers + " of " + expected
        + " expected members: serving, but the loss of another may stop the cluster"));
  }

  /**
   * @param usedBytes heap in use after the last collection, in bytes
   * @param maxBytes the maximum heap, in bytes
   * @return OK while {@code usedBytes} is under {@value #MEMORY_LIMIT_PERCENT}% of {@code maxBytes}
   */
  static Status memory(long usedBytes, long maxBytes) {
    long percent = maxBytes <= 0 ? 0 : usedBytes * 100 / maxBytes;
    JsonObject data = new JsonObject().put("used_after_gc_bytes", usedBytes).put("max_bytes", maxBytes)
        .put("used_percent", percent);
    if (percent >= MEMORY_LIMIT_PERCENT) {
      return Status.KO(data.put("message", "heap " + percent + "% used after collection (limit "
          + MEMORY_LIMIT_PERCENT + "%): no headroom for more reviews"));
    }
    return Status.OK(data.put("message", "heap " + percent + "% used after collection"));
  }

  private static JsonObject message(String m) {
    return new JsonObject().put("message", m);
  }
}
