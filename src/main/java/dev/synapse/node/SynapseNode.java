package dev.synapse.node;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.AgentRegistry;
import dev.synapse.agent.NodeContext;
import dev.synapse.agent.coordinator.CoordinatorVerticle;
import dev.synapse.agent.performance.PerformanceAgentVerticle;
import dev.synapse.agent.security.SecurityAgentVerticle;
import dev.synapse.bus.LoggingInterceptor;
import dev.synapse.bus.MetricsInterceptor;
import dev.synapse.bus.SignalBus;
import dev.synapse.config.SynapseConfig;
import dev.synapse.http.HttpVerticle;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.review.LocalReviewStore;
import dev.synapse.review.ReviewService;
import dev.synapse.review.ReviewStore;
import dev.synapse.review.SummaryWaiters;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Synapse node: creates the Vert.x instance (with Prometheus metrics), registers the signal
 * codec and the interceptor chain, builds the shared components and deploys the coordinator, the
 * specialist pools and (optionally) the HTTP verticle. {@link #start} completes once every
 * consumer is registered and the HTTP port is bound.
 */
public final class SynapseNode {
  private static final Logger LOG = LoggerFactory.getLogger(SynapseNode.class);

  private final Vertx vertx;
  private final NodeContext context;
  private final ReviewService reviews;
  private final SummaryWaiters waiters;
  private volatile int httpPort = -1;

  private SynapseNode(Vertx vertx, NodeContext context, ReviewService reviews, SummaryWaiters waiters) {
    this.vertx = vertx;
    this.context = context;
    this.reviews = reviews;
    this.waiters = waiters;
  }

  /**
   * Starts an embedded (non-clustered) node.
   *
   * @param config validated configuration
   * @param withHttp true to serve HTTP (false for the in-process CLI)
   * @return the started node; fails when a port cannot be bound or a verticle fails to start
   */
  public static Future<SynapseNode> start(SynapseConfig config, boolean withHttp) {
    String nodeId = UUID.randomUUID().toString();
    String registryName = "synapse-" + nodeId;
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(registryName)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    Vertx vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory()).build();
    return start(vertx, nodeId, registryName, new LocalReviewStore(config.reviewRetention()), config, withHttp);
  }

  /**
   * Starts a node on a given Vert.x instance (embedded or clustered).
   *
   * @param vertx the instance; closed by {@link #close()}
   * @param nodeId this node's id
   * @param registryName the Micrometer registry name of this instance's metrics
   * @param store the review store (local or clustered)
   * @param config validated configuration
   * @param withHttp true to serve HTTP
   */
  public static Future<SynapseNode> start(Vertx vertx, String nodeId, String registryName,
      ReviewStore store, SynapseConfig config, boolean withHttp) {
    vertx.eventBus().registerDefaultCodec(Signal.class, new SignalCodec());
    MeterRegistry registry = BackendRegistries.getNow(registryName);
    SynapseMetrics metrics = registry != null ? new SynapseMetrics(registry) : SynapseMetrics.inMemory();
    vertx.eventBus().addOutboundInterceptor(new LoggingInterceptor());
    vertx.eventBus().addOutboundInterceptor(new MetricsInterceptor(metrics));
    SignalBus bus = new SignalBus(vertx, config.signalHistory());
    AgentRegistry agents = new AgentRegistry();
    agents.register(AgentNames.SECURITY, config.securityPoolSize());
    agents.register(AgentNames.PERFORMANCE, config.performancePoolSize());
    NodeContext ctx = new NodeContext(nodeId, config, bus, store, metrics, agents);
    SummaryWaiters waiters = new SummaryWaiters(vertx, bus, store);
    ReviewService reviews = new ReviewService(vertx, nodeId, store, bus, metrics, waiters);
    SynapseNode node = new SynapseNode(vertx, ctx, reviews, waiters);
    return bus.start()
        .compose(v -> waiters.start())
        .compose(v -> vertx.deployVerticle(() -> new CoordinatorVerticle(ctx), new DeploymentOptions().setInstances(1)))
        .compose(v -> vertx.deployVerticle(() -> new SecurityAgentVerticle(ctx),
            new DeploymentOptions().setInstances(config.securityPoolSize())))
        .compose(v -> vertx.deployVerticle(() -> new PerformanceAgentVerticle(ctx),
            new DeploymentOptions().setInstances(config.performancePoolSize())))
        .compose(v -> withHttp ? node.deployHttp() : Future.succeededFuture())
        .map(v -> node)
        .onFailure(err -> vertx.close());
  }

  private Future<Void> deployHttp() {
    HttpVerticle http = new HttpVerticle(context, reviews);
    return vertx.deployVerticle(http).map(id -> {
      httpPort = http.actualPort();
      LOG.info("node_id={} listening on {}:{}", context.nodeId(), context.config().httpHost(), httpPort);
      return null;
    });
  }

  /** @return the Vert.x instance */
  public Vertx vertx() {
    return vertx;
  }

  /** @return shared node components */
  public NodeContext context() {
    return context;
  }

  /** @return the ingress service */
  public ReviewService reviews() {
    return reviews;
  }

  /** @return the bound HTTP port, or -1 without HTTP */
  public int httpPort() {
    return httpPort;
  }

  /** Undeploys everything and closes Vert.x. */
  public Future<Void> close() {
    return vertx.close();
  }
}
