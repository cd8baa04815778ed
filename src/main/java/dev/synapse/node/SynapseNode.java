package dev.synapse.node;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.AgentRegistry;
import dev.synapse.agent.AnalysisGate;
import dev.synapse.agent.FeedbackLearner;
import dev.synapse.agent.NodeContext;
import dev.synapse.agent.coordinator.CoordinatorVerticle;
import dev.synapse.agent.coordinator.ReviewDeadlines;
import dev.synapse.agent.performance.PerformanceAgentVerticle;
import dev.synapse.agent.security.SecurityAgentVerticle;
import dev.synapse.bus.LoggingInterceptor;
import dev.synapse.bus.SignalBus;
import dev.synapse.bus.SourceAuthInterceptor;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.Checks;
import dev.synapse.cluster.ClusterBootstrap;
import dev.synapse.analysis.rules.PackException;
import dev.synapse.analysis.rules.RulePacks;
import dev.synapse.analysis.security.SecurityChecks;
import dev.synapse.analysis.security.SecurityKnowledge;
import dev.synapse.config.ConfigException;
import dev.synapse.config.SynapseConfig;
import dev.synapse.github.GitHubIntegration;
import dev.synapse.http.HttpVerticle;
import dev.synapse.http.HttpEdge;
import dev.synapse.ops.BackupService;
import dev.synapse.ops.ClusterView;
import dev.synapse.ops.VertxSetup;
import dev.synapse.ops.NodeLifecycle;
import dev.synapse.ops.SynapseMetrics;
import dev.synapse.review.JournaledReviewStore;
import dev.synapse.review.LocalReviewStore;
import dev.synapse.review.LargeDiffAdmission;
import dev.synapse.review.ParsedDiffCache;
import dev.synapse.review.ReviewJournal;
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
  /**
   * HTTP verticle instances per node: one per core (at least 1), so that request parsing,
   * validation and responses are not confined to one event loop.
   */
  public static final int HTTP_INSTANCES = VertxSetup.EVENT_LOOPS;

  private final Vertx vertx;
  private final NodeContext context;
  private final ReviewService reviews;
  private volatile int httpPort = -1;
  private volatile BackupService backups;
  private volatile ReviewDeadlines deadlines;

  private SynapseNode(Vertx vertx, NodeContext context, ReviewService reviews) {
    this.vertx = vertx;
    this.context = context;
    this.reviews = reviews;
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
    VertxOptions options = VertxSetup.options(registryName);
    Vertx vertx = Vertx.builder().with(options).withMetrics(dev.synapse.ops.MetricsSetup.factory()).build();
    LocalReviewStore local = new LocalReviewStore(config.reviewRetention(),
        config.reliability().retentionBytes(Runtime.getRuntime().maxMemory()));
    java.nio.file.Path journalDir = config.reliability().explicitJournal();
    if (journalDir == null) return start(vertx, nodeId, registryName, local, config, withHttp);
    return vertx.executeBlocking(() -> ReviewJournal.open(journalDir), false)
        .onFailure(err -> vertx.close())
        .compose(journal -> {
          LOG.info("node_id={} review journal {}", nodeId, journal.file());
          JournaledReviewStore store = new JournaledReviewStore(vertx, local, journal);
          return start(vertx, nodeId, registryName, store, config, withHttp)
              .onFailure(err -> store.close());
        });
  }

  /**
   * Starts a clustered node: joins the Hazelcast cluster described by the configuration (see
   * {@code dev.synapse.cluster.HazelcastConfigFactory}), keeps review state in the clustered
   * store, serves HTTP and takes part in failover.
   *
   * @param config validated configuration
   * @return the started node; fails when the member cannot join or a verticle fails to start
   */
  public static Future<SynapseNode> startClustered(SynapseConfig config) {
    return ClusterBootstrap.join(config).compose(j ->
        start(j.vertx(), j.nodeId(), j.registryName(), j.store(), config, true, j.health())
            .compose(node -> j.attach(node.context(), node::httpPort).map(node)));
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
    return start(vertx, nodeId, registryName, store, config, withHttp, null);
  }

  /**
   * As {@link #start(Vertx, String, String, ReviewStore, SynapseConfig, boolean)}, with the
   * cluster view the node reports (null: a one-member view).
   */
  public static Future<SynapseNode> start(Vertx vertx, String nodeId, String registryName,
      ReviewStore store, SynapseConfig config, boolean withHttp, ClusterView cluster) {
    SecurityKnowledge knowledge;
    try {
      knowledge = knowledge(config);
    } catch (ConfigException e) {
      vertx.close();
      return Future.failedFuture(e);
    }
    vertx.eventBus().registerDefaultCodec(Signal.class, new SignalCodec());
    MeterRegistry registry = BackendRegistries.getNow(registryName);
    SynapseMetrics metrics = registry != null ? new SynapseMetrics(registry) : SynapseMetrics.inMemory();
    if (registry != null) dev.synapse.ops.MetricsSetup.bindProcessMetrics(registry);
    vertx.eventBus().addOutboundInterceptor(new LoggingInterceptor());
    vertx.eventBus().addInboundInterceptor(new SourceAuthInterceptor(SourceAuthInterceptor.DEFAULT_ALLOWED));
    metrics.registerActions(AgentNames.SECURITY, SecurityChecks.all(knowledge).stream().map(Check::id).toList());
    metrics.registerActions(AgentNames.PERFORMANCE, Checks.performance().stream().map(Check::id).toList());
    SignalBus bus = new SignalBus(vertx, config.signalHistory(), metrics);
    AgentRegistry agents = new AgentRegistry();
    agents.register(AgentNames.SECURITY, config.securityPoolSize());
    agents.register(AgentNames.PERFORMANCE, config.performancePoolSize());
    NodeLifecycle lifecycle = new NodeLifecycle();
    NodeContext ctx = new NodeContext(nodeId, config, bus, store, metrics, agents, lifecycle,
        cluster != null ? cluster : ClusterView.single(nodeId, agents::describe), new ParsedDiffCache(),
        new AnalysisGate(vertx, analysisCapacity(config), ANALYSIS_QUEUE, config.actionTimeoutMs()));
    metrics.clusterMembers(ctx.cluster()::memberCount);
    metrics.clusterExpectedMembers(config.reliability().clusterExpectedSize());
    SummaryWaiters waiters = new SummaryWaiters(vertx, bus, store);
    ReviewService reviews = new ReviewService(vertx, nodeId, store, bus, metrics, waiters, lifecycle,
        ctx.parsedDiffs());
    LargeDiffAdmission largeDiffs = new LargeDiffAdmission(
        Math.max(Runtime.getRuntime().maxMemory() / 4, 2 * config.largeReviews().largeReviewBytes()),
        config.largeReviews().largeReviewBytes(), config.reliability().reviewBudgetMs() + 60_000);
    reviews.admitLargeDiffs(largeDiffs);
    bus.listen(s -> {
      if (dev.synapse.signal.SignalTypes.REVIEW_SUMMARY.equals(s.type())) largeDiffs.release(s.reviewId());
    });
    SynapseNode node = new SynapseNode(vertx, ctx, reviews);
    return bus.start()
        .compose(v -> waiters.start())
        .compose(v -> new FeedbackLearner(vertx, agents).start())
        .compose(v -> vertx.deployVerticle(() -> new CoordinatorVerticle(ctx), new DeploymentOptions().setInstances(1)))
        .compose(v -> vertx.deployVerticle(() -> new SecurityAgentVerticle(ctx, knowledge),
            new DeploymentOptions().setInstances(config.securityPoolSize())))
        .compose(v -> vertx.deployVerticle(() -> new PerformanceAgentVerticle(ctx),
            new DeploymentOptions().setInstances(config.performancePoolSize())))
        .compose(v -> {
          node.deadlines = new ReviewDeadlines(vertx, ctx, config.reliability().reviewBudgetMs(), ctx.cluster()::leadsSweeps);
          node.deadlines.start();
          return node.replayJournal();
        })
        .compose(v -> node.startBackups())
        .compose(v -> withHttp ? node.deployHttp() : Future.succeededFuture())
        .map(v -> node)
        .onFailure(err -> vertx.close());
  }

  /** Reviews that may wait for analysis capacity on one node. */
  public static final int ANALYSIS_QUEUE = 1_024;

  /**
   * Heap an analysis needs per byte of diff, measured: one 4.9 MB diff (2,857 files) peaked at
   * about 100 MB live during its review.
   */
  static final int ANALYSIS_HEAP_PER_DIFF_BYTE = 20;

  /**
   * @return bytes of diff analysed at once on a node (counted per specialist run): half the max
   *     heap over {@link #ANALYSIS_HEAP_PER_DIFF_BYTE}, at least one largest accepted diff
   *     ({@code max_diff_bytes}, which then runs alone)
   */
  static long analysisCapacity(SynapseConfig config) {
    return Math.max(config.maxDiffBytes(), Runtime.getRuntime().maxMemory() / 2 / ANALYSIS_HEAP_PER_DIFF_BYTE);
  }

  /**
   * @param config the configuration
   * @return the bundled rule packs plus those of {@code rule_packs}, compiled once for this node
   * @throws ConfigException naming the key and {@code file:line: field: message} of a bad pack
   */
  public static SecurityKnowledge knowledge(SynapseConfig config) {
    if (config.rulePacks().isEmpty()) return SecurityKnowledge.bundled();
    try {
      return new SecurityKnowledge(RulePacks.withUserPacks(config.rulePacks()));
    } catch (PackException e) {
      throw new ConfigException("rule packs (rule_packs / --rules): " + e.getMessage());
    }
  }

  /**
   * Deploys {@link #HTTP_INSTANCES} HTTP verticles on one host and port, so connections spread
   * over several event loops; they share one edge state (rate limiter, in-flight body budget,
   * connection count, signature memory). Vert.x shares one listening socket
   * among servers of the same host and port; port 0 would give each its own random port, so it
   * is asked as -1 (Vert.x: a negative port is one random port shared by the servers asking for
   * the same value).
   */
  private Future<Void> deployHttp() {
    java.util.List<HttpVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
    NodeContext httpContext = context.config().httpPort() == 0 && HTTP_INSTANCES > 1
        ? context.withConfig(context.config().withHttpPort(-1)) : context;
    HttpEdge edge = HttpEdge.forNode(vertx, context.config(), context.metrics());
    GitHubIntegration github = GitHubIntegration.create(vertx, context, reviews);
    return vertx.deployVerticle(() -> {
      HttpVerticle http = new HttpVerticle(httpContext, reviews, edge, github);
      instances.add(http);
      return http;
    }, new DeploymentOptions().setInstances(HTTP_INSTANCES)).compose(id -> {
      httpPort = instances.get(0).actualPort();
      for (HttpVerticle h : instances) {
        if (h.actualPort() != httpPort) {
          return Future.failedFuture("HTTP instances bound different ports: " + httpPort + ", " + h.actualPort());
        }
      }
      return Future.succeededFuture();
    }).map(v -> {
      LOG.info("node_id={} listening on {}:{}", context.nodeId(), context.config().httpHost(), httpPort);
      String exposure = dev.synapse.ops.ExposureCheck.warning(context.config(), httpPort);
      if (exposure != null) LOG.warn("{}", exposure);
      return null;
    });
  }

  /**
   * Reads the journal back (journaled store only): finished reviews are served again,
   * unfinished ones resubmitted with their id, before HTTP opens.
   */
  private Future<Void> replayJournal() {
    if (!(context.store() instanceof JournaledReviewStore journaled)) return Future.succeededFuture();
    return journaled.replay(reviews::submit).map(counts -> {
      if (counts[0] + counts[1] > 0) {
        LOG.info("node_id={} journal replayed: finished={} resubmitted={}", context.nodeId(), counts[0], counts[1]);
      }
      return null;
    });
  }

  /** Restores the latest valid snapshot and starts periodic snapshots (when backup_dir is set). */
  private Future<Void> startBackups() {
    backups = BackupService.forNode(vertx, context, reviews::submit);
    return backups == null ? Future.succeededFuture() : backups.restoreAtStart().compose(p -> backups.start());
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

  /**
   * Graceful stop (SIGTERM): readiness fails, submissions are refused, in-flight reviews owned
   * here finish or, after {@code shutdown_grace_ms}, are handed over; then Vert.x closes (a
   * clustered node leaves the cluster). See {@link GracefulShutdown}.
   */
  public Future<Void> shutdown() {
    return GracefulShutdown.drain(vertx, context, context.config().shutdownGraceMs())
        .eventually(() -> {
          context.lifecycle().advance(NodeLifecycle.State.STOPPED);
          return close();
        });
  }

  /**
   * Takes a final snapshot (when backups are on), then undeploys everything, closes Vert.x and
   * then the journal (when there is one: what is queued is committed first).
   */
  public Future<Void> close() {
    if (deadlines != null) deadlines.stop();
    Future<Void> last = backups == null ? Future.succeededFuture() : backups.stop();
    Future<Void> closed = last.transform(ar -> vertx.close());
    if (!(context.store() instanceof JournaledReviewStore journaled)) return closed;
    return closed.transform(ar -> Future.fromCompletionStage(
        java.util.concurrent.CompletableFuture.runAsync(journaled::close)));
  }
}
