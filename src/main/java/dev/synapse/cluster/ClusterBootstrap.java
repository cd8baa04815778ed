package dev.synapse.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.synapse.agent.NodeContext;
import dev.synapse.config.SynapseConfig;
import dev.synapse.ops.VertxSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a Hazelcast cluster and builds the clustered pieces of a node, in two steps around the
 * node's own start-up: {@link #join} creates the clustered Vert.x instance (with Prometheus
 * metrics, like an embedded node), the {@link HazelcastReviewStore}, the {@link AgentDirectory}
 * and the {@link ClusterHealth}; after the node started, {@link Joined#attach} deploys the
 * {@link FailoverVerticle}. The node id is the Hazelcast member UUID (which is also the Vert.x
 * cluster node id).
 *
 * <p>{@link ClusterSecurity} decides the trust layers: the member's {@link ReviewCodec} goes into
 * the Hazelcast user context before the member starts (its entry processors find it there), and
 * the event-bus options (port, advertised address, mutual TLS) into the Vert.x options. Values that
 * fail verification are counted in {@code synapse_cluster_rejected_values_total}.
 */
public final class ClusterBootstrap {
  private static final String LOGGING_PROPERTY = "hazelcast.logging.type";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterBootstrap.class);

  private ClusterBootstrap() {}

  /**
   * The clustered pieces of a node.
   *
   * @param vertx the clustered instance
   * @param manager its cluster manager
   * @param hazelcast the member
   * @param nodeId this node's id (member UUID)
   * @param registryName Micrometer registry name of this instance's metrics
   * @param store the clustered review store
   * @param directory agents per node
   * @param health membership and data safety
   */
  public record Joined(Vertx vertx, HazelcastClusterManager manager, HazelcastInstance hazelcast, String nodeId,
      String registryName, HazelcastReviewStore store, AgentDirectory directory, ClusterHealth health) {

    /**
     * Starts failover for a node built on these pieces.
     *
     * @param node the started node's components
     * @param httpPort the node's HTTP port, or -1
     * @return completes once the membership listener is registered and this node's agents are
     *     published
     */
    public Future<Void> attach(NodeContext node, IntSupplier httpPort) {
      return vertx.deployVerticle(new FailoverVerticle(node, hazelcast, store, directory, manager, httpPort, health))
          .mapEmpty();
    }
  }

  /**
   * Joins with the configuration {@link HazelcastConfigFactory#build} derives from
   * {@code config}. Unless the JVM was started with {@code -Dhazelcast.logging.type}, Hazelcast
   * is told to log through SLF4J (logback) before any Hazelcast class is loaded; the
   * configuration property alone is read too late.
   */
  public static Future<Joined> join(SynapseConfig config) {
    if (System.getProperty(LOGGING_PROPERTY) == null) System.setProperty(LOGGING_PROPERTY, "slf4j");
    return join(config, HazelcastConfigFactory.build(config));
  }

  /**
   * @param config validated configuration
   * @param hazelcastConfig the member configuration (tests adjust the factory's output)
   * @return the joined pieces; fails when the member cannot start or join, or a cluster TLS file
   *     cannot be read
   */
  public static Future<Joined> join(SynapseConfig config, Config hazelcastConfig) {
    ClusterSecurity security = ClusterSecurity.of(config);
    EventBusOptions eventBus;
    try {
      var interfaces = hazelcastConfig.getNetworkConfig().getInterfaces();
      String bind = interfaces.isEnabled() && !interfaces.getInterfaces().isEmpty()
          ? interfaces.getInterfaces().iterator().next() : null;
      eventBus = security.eventBusOptions(bind, String.valueOf(config.clusterHost()));
    } catch (RuntimeException e) { // unreadable TLS file, or no certificate could be derived
      return Future.failedFuture(e);
    }
    if (!security.secured()) {
      LOG.warn("cluster without SYNAPSE_SECRET: any process that reaches the Hazelcast and event-bus ports "
          + "can join, read and write reviews (docs/threat-model.md)");
    }
    if (security.secured()) {
      // Hazelcast prefixes every log line with the cluster name, which now carries the join token
      hazelcastConfig.setProperty("hazelcast.logging.details.enabled", "false");
    }
    hazelcastConfig.getUserContext().put(ReviewCodec.USER_CONTEXT_KEY, security.codec());
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig);
    String registryName = "synapse-" + UUID.randomUUID();
    VertxOptions options = VertxSetup.options(registryName).setEventBusOptions(eventBus);
    return Vertx.builder().with(options).withClusterManager(manager)
        .withMetrics(dev.synapse.ops.MetricsSetup.factory()).buildClustered()
        .map(vertx -> {
          HazelcastInstance hz = manager.getHazelcastInstance();
          String nodeId = manager.getNodeId();
          AgentDirectory directory = new AgentDirectory(vertx, hz, nodeId);
          ClusterHealth health = new ClusterHealth(vertx, hz, nodeId, directory, config.reliability().quorum());
          health.watchSafety();
          HazelcastReviewStore store = new HazelcastReviewStore(vertx, hz, nodeId, config.reviewRetention(),
              security.codec(), health::hasQuorum, health);
          MeterRegistry registry = BackendRegistries.getNow(registryName);
          if (registry != null) {
            FunctionCounter.builder("synapse.cluster.rejected.values", security.codec(), ReviewCodec::rejected)
                .description("cluster values (stored reviews, operation arguments) that failed verification and were ignored")
                .register(registry);
          }
          return new Joined(vertx, manager, hz, nodeId, registryName, store, directory, health);
        });
  }
}
