package dev.synapse.cli;

import dev.synapse.config.ConfigException;
import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code synapse start}: runs a node in the foreground (embedded, or a cluster member with
 * {@code --cluster} / {@code SYNAPSE_CLUSTER=true}) until SIGTERM/SIGINT, then shuts down
 * gracefully: a JVM shutdown hook drains the node ({@link SynapseNode#shutdown()}) and closes
 * Vert.x, which leaves the cluster.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start a Synapse node in the foreground (embedded single node by default).")
public final class StartCommand implements java.util.concurrent.Callable<Integer> {
  /** Time allowed after the grace period for closing Vert.x and leaving the cluster, in ms. */
  static final long SHUTDOWN_MARGIN_MS = 35_000;

  @Mixin ConfigOptions configOptions;

  @Mixin RulesOptions rulesOptions;

  @Option(names = "--cluster", description = "Join a Hazelcast cluster (same as SYNAPSE_CLUSTER=true)")
  boolean cluster;

  @Override
  public Integer call() throws Exception {
    SynapseConfig loaded;
    try {
      loaded = rulesOptions.apply(configOptions.load(), false);
      SynapseNode.knowledge(loaded); // a bad rule pack stops start-up here with file:line
    } catch (ConfigException e) {
      System.err.println("synapse: configuration error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    dev.synapse.ops.LogSetup.apply(loaded);
    boolean clustered = cluster || loaded.cluster();
    SynapseConfig config = clustered ? loaded : withJournal(loaded);
    SynapseNode node;
    try {
      node = (clustered ? SynapseNode.startClustered(config) : SynapseNode.start(config, true))
          .await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("synapse: failed to start: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    System.out.println("Synapse listening on http://" + config.httpHost() + ":" + node.httpPort()
        + (clustered ? " (cluster '" + config.clusterName() + "', node " + node.context().nodeId()
            + ", " + node.context().cluster().memberCount() + " members)" : ""));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        // drain first (readiness down, 503 on submissions, finish or hand over), then leave
        node.shutdown().await(config.shutdownGraceMs() + SHUTDOWN_MARGIN_MS, TimeUnit.MILLISECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
      stopped.countDown();
    }, "synapse-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * @return the configuration with its journal folder resolved as documented for
   *     {@code journal_dir} (home: {@code SYNAPSE_HOME}, else the working directory)
   */
  static SynapseConfig withJournal(SynapseConfig config) {
    String home = System.getenv("SYNAPSE_HOME");
    java.nio.file.Path dir = config.reliability().journalPath(config.backupDir(),
        java.nio.file.Path.of(home != null ? home : "").toAbsolutePath());
    return config.withReliability(config.reliability().withJournalDir(
        dir == null ? dev.synapse.config.Reliability.JOURNAL_OFF : dir.toString()));
  }
}
