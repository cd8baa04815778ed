package dev.synapse.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;
import com.hazelcast.config.NetworkConfig;
import dev.synapse.config.SynapseConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * Builds the Hazelcast member configuration of a Synapse node from {@link SynapseConfig}.
 *
 * <p>Starts from the Vert.x default ({@code default-cluster.xml} of vertx-hazelcast, which
 * declares the maps and multimaps the clustered event bus needs) and overrides the network:
 * multicast and auto-detection off; either TCP-IP with the members of
 * {@code SYNAPSE_CLUSTER_MEMBERS} ({@code host:port}, comma-separated), or, when
 * {@code SYNAPSE_KUBERNETES_SERVICE} is set, Hazelcast's DNS-based Kubernetes discovery
 * ({@code service-dns} mode: the members are the A records of a headless Service, no API access
 * needed). Binds to {@code SYNAPSE_CLUSTER_HOST} (an IPv4 address, or a host name resolved once
 * here; {@code 0.0.0.0}, or a loopback address with Kubernetes discovery, lets Hazelcast pick the
 * interface) on {@code SYNAPSE_CLUSTER_PORT} (incrementing up
 * to {@value #PORT_COUNT} ports when busy), advertises {@code SYNAPSE_CLUSTER_PUBLIC_HOST} when
 * set, names the cluster {@code SYNAPSE_CLUSTER_NAME} (with a suffix derived from the secret when
 * one is set: {@link ClusterSecurity#clusterName}),
 * turns phone-home and Jet off, and tunes failure detection (heartbeat every
 * {@value #HEARTBEAT_SECONDS} s, a silent member is removed after
 * {@value #MAX_NO_HEARTBEAT_SECONDS} s; a crashed process whose sockets close is removed in
 * about half a second).
 *
 * <p>Review state lives in map {@value #REVIEWS_MAP} with {@code cluster_backup_count}
 * synchronous backups (default 2: with three members every member holds every review, so two
 * of three may die at once), merged after a split brain by {@link ReviewMergePolicy} (the
 * version further along wins: a finished review over an unfinished one; markers of
 * {@value #UNPUBLISHED_MAP} by {@code LatestUpdateMergePolicy}), and, when
 * {@code cluster_expected_size} ≥ 2, guarded by split-brain protection {@value #QUORUM}
 * (minimum cluster size: a majority of the expected size), so that the minority side of a split
 * can neither read nor write reviews. A split is healed by looking for the other side every
 * {@value #MERGE_RUN_SECONDS} s. Per-node agent descriptions live in replicated map
 * {@value #AGENTS_MAP}. Pure function of its input; no I/O.
 */
public final class HazelcastConfigFactory {
  /** Map of review state, keyed by review id. */
  public static final String REVIEWS_MAP = "synapse.reviews";
  /** Map of summaries stored but maybe not yet published, keyed {@code node-id|review-id}. */
  public static final String UNPUBLISHED_MAP = "synapse.summaries.unpublished";
  /** Replicated map of agent descriptions, keyed by node id. */
  public static final String AGENTS_MAP = "synapse.agents";
  /** Name of the split-brain protection of the review maps (when {@code cluster_expected_size} ≥ 2). */
  public static final String QUORUM = "synapse-quorum";
  /** Period of Hazelcast's search for the other side of a split, in seconds (healing a split brain). */
  public static final int MERGE_RUN_SECONDS = 10;
  /** Vert.x's multimap of event-bus subscriptions (vertx-hazelcast default config). */
  static final String VERTX_SUBS = "__vertx.subs";
  /** Vert.x's map of node event-bus addresses. */
  static final String VERTX_NODE_INFO = "__vertx.nodeInfo";
  /** Vert.x's map of HA information. */
  static final String VERTX_HA_INFO = "__vertx.haInfo";
  /** Ports tried from {@code SYNAPSE_CLUSTER_PORT} upwards when a port is busy. */
  public static final int PORT_COUNT = 10;
  /** Heartbeat period, in seconds. */
  public static final int HEARTBEAT_SECONDS = 1;
  /** A member silent for this long (seconds) is declared gone. */
  public static final int MAX_NO_HEARTBEAT_SECONDS = 5;
  /** Longest wait for partition replicas to be handed over when a member leaves, in seconds. */
  public static final int GRACEFUL_SHUTDOWN_MAX_WAIT_SECONDS = 30;
  /** Hazelcast Kubernetes property naming the headless Service's DNS name (DNS lookup mode). */
  public static final String KUBERNETES_SERVICE_DNS = "service-dns";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private HazelcastConfigFactory() {}

  /**
   * @param c validated configuration
   * @return a new Hazelcast configuration (the caller may adjust it further, e.g. in tests)
   */
  public static Config build(SynapseConfig c) {
    Config cfg = ConfigUtil.loadConfig();
    cfg.setClusterName(ClusterSecurity.clusterName(c));
    cfg.setProperty("hazelcast.phone.home.enabled", "false");
    cfg.setProperty("hazelcast.logging.type", "slf4j");
    cfg.setProperty("hazelcast.shutdownhook.enabled", "false");
    cfg.setProperty("hazelcast.wait.seconds.before.join", "0");
    cfg.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(HEARTBEAT_SECONDS));
    cfg.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
    cfg.setProperty("hazelcast.graceful.shutdown.max.wait", Integer.toString(GRACEFUL_SHUTDOWN_MAX_WAIT_SECONDS));
    cfg.getJetConfig().setEnabled(false);

    NetworkConfig net = cfg.getNetworkConfig();
    net.setPort(c.clusterPort()).setPortAutoIncrement(true).setPortCount(PORT_COUNT);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    boolean kubernetes = c.kubernetesService() != null && !c.kubernetesService().isBlank();
    String host = c.clusterHost();
    boolean bindHost = host != null && !host.isBlank() && !"0.0.0.0".equals(host)
        && !(kubernetes && isLoopback(host));
    if (kubernetes) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty(KUBERNETES_SERVICE_DNS, c.kubernetesService().trim())
          .setProperty("service-port", Integer.toString(c.clusterPort()));
    } else {
      join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
      for (String member : c.clusterMembers()) {
        if (!member.isBlank()) join.getTcpIpConfig().addMember(member.trim());
      }
      if (join.getTcpIpConfig().getMembers().isEmpty()) {
        join.getTcpIpConfig().addMember((bindHost ? host : "127.0.0.1") + ":" + c.clusterPort());
      }
    }
    String bindAddress = bindHost ? ipOf(host) : null;
    if (bindAddress != null) {
      // bind the member to this interface only; the clustered event bus then uses the same
      // address (no public address: with one, Vert.x would fall back to "localhost")
      net.getInterfaces().setEnabled(true).addInterface(bindAddress);
      cfg.setProperty("hazelcast.socket.bind.any", "false");
    }
    String publicHost = c.clusterTransport().publicHost();
    if (publicHost != null) net.setPublicAddress(publicHost); // port: the one actually bound
    // split-brain healing: look for the other side every MERGE_RUN_SECONDS (Hazelcast: 300 s first, then 120 s)
    cfg.setProperty("hazelcast.merge.first.run.delay.seconds", Integer.toString(MERGE_RUN_SECONDS));
    cfg.setProperty("hazelcast.merge.next.run.delay.seconds", Integer.toString(MERGE_RUN_SECONDS));
    int backups = c.reliability().clusterBackupCount();
    int quorum = c.reliability().quorum();
    MergePolicyConfig merge = new MergePolicyConfig(LatestUpdateMergePolicy.class.getName(),
        MergePolicyConfig.DEFAULT_BATCH_SIZE);
    MapConfig reviews = new MapConfig(REVIEWS_MAP)
        .setBackupCount(backups)
        .setAsyncBackupCount(0)
        .setReadBackupData(false)
        .setInMemoryFormat(InMemoryFormat.BINARY)
        .setPerEntryStatsEnabled(true)
        .setMergePolicyConfig(new MergePolicyConfig(ReviewMergePolicy.class.getName(),
            MergePolicyConfig.DEFAULT_BATCH_SIZE));
    MapConfig unpublished = new MapConfig(UNPUBLISHED_MAP).setBackupCount(backups).setAsyncBackupCount(0)
        .setPerEntryStatsEnabled(true).setMergePolicyConfig(merge);
    if (quorum > 0) {
      cfg.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(QUORUM, true, quorum));
      reviews.setSplitBrainProtectionName(QUORUM);
      unpublished.setSplitBrainProtectionName(QUORUM);
    }
    cfg.addMapConfig(reviews);
    cfg.addMapConfig(unpublished);
    // Vert.x keeps event-bus subscriptions and node addresses in these (its default: one backup).
    // With one backup, two members lost within a migration (two SIGKILLs 2 s apart) can take
    // entries of the survivors with them, and publishes skip those subscribers until they
    // re-register: give them the reviews' backups.
    cfg.getMultiMapConfig(VERTX_SUBS).setBackupCount(backups);
    cfg.getMapConfig(VERTX_NODE_INFO).setBackupCount(backups);
    cfg.getMapConfig(VERTX_HA_INFO).setBackupCount(backups);
    return cfg;
  }

  /** @return the IPv4 address of a literal or resolvable host, or null when it cannot be resolved */
  private static String ipOf(String host) {
    if (IPV4.matcher(host).matches()) return host;
    try {
      InetAddress a = InetAddress.getByName(host);
      return a instanceof java.net.Inet4Address ? a.getHostAddress() : null;
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  private static boolean isLoopback(String host) {
    return "localhost".equalsIgnoreCase(host) || host.startsWith("127.");
  }
}
