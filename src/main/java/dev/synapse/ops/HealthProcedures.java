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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readiness checks of a node, registered on a vertx-health-check {@link HealthChecks}, each
 * with a timeout ({@value #CHECK_TIMEOUT_MS} ms) and the level it causes when it fails:
 * <ul>
 *   <li>{@code lifecycle} (unhealthy): the node is not shutting down ({@link NodeLifecycle#ready()});</li>
 *   <li>{@code event-bus} (unhealthy): a node-local ping over the event bus is answered;</li>
 *   <li>{@code coordinator} (unhealthy): at least one coordinator instance is live;</li>
 *   <li>{@code agents} (degraded): every specialist type has a live instance;</li>
 *   <li>{@code memory} (unhealthy): the heap has headroom — the old generation after its last
 *       collection (or the whole heap before the first one) uses less than
 *       {@value #MEMORY_LIMIT_PERCENT}% of the maximum; a node above it would fail the reviews
 *       it accepts;</li>
 *   <li>{@code cluster} (unhealthy; clustered nodes only): the member runs, its side has a
 *       quorum, and partition backups have not been missing for long
 *       ({@link ClusterView#readiness()}).</li>
 * </ul>
 * Thread-safe after {@link #start()}.
 */
public final class HealthProcedures {
  /** Timeout of each check, in ms. */
  public static final long CHECK_TIMEOUT_MS = 2_000;
  /** Heap use (percent of the maximum, measured after a collection) from which a node is not ready. */
  public static final int MEMORY_LIMIT_PERCENT = 90;

  private final Vertx vertx;
  private final HealthChecks checks;
  private final Map<String, HealthLevel> failureLevels = new ConcurrentHashMap<>();
  private MessageConsumer<Object> ping;

  /**
   * @param vertx the node's Vert.x instance
   * @param node agents (live instances), signal history, lifecycle and cluster view
   */
  public HealthProcedures(Vertx vertx, NodeContext node) {
    this.vertx = vertx;
    this.checks = HealthChecks.create(vertx);
    AgentRegistry agents = node.agents();
    register("lifecycle", HealthLevel.UNHEALTHY, p -> p.complete(lifecycle(node.lifecycle())));
    register("event-bus", HealthLevel.UNHEALTHY, this::pingBus);
    register("coordinator", HealthLevel.UNHEALTHY, p -> p.complete(coordinator(agents)));
    register("agents", HealthLevel.DEGRADED, p -> p.complete(agents(agents)));
    register("memory", HealthLevel.UNHEALTHY, p -> p.complete(memory(HeapHeadroom.usedAfterGc(), HeapHeadroom.max())));
    if (node.cluster().clustered()) {
      register("cluster", HealthLevel.UNHEALTHY, p -> node.cluster().readiness().onComplete(p));
    }
  }

  /** @return completes when the ping consumer is registered */
  public Future<Void> start() {
    ping = vertx.eventBus().localConsumer(Addresses.HEALTH_PING, m -> m.reply("pong"));
    return ping.completion();
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
