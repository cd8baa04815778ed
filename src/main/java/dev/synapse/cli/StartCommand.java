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
 * {@code synapse start}: runs a node in the foreground until SIGTERM/SIGINT, then shuts down
 * gracefully (a JVM shutdown hook closes Vert.x).
 */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start a Synapse node in the foreground (embedded single node by default).")
public final class StartCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(names = "--cluster", description = "Join a Hazelcast cluster (same as SYNAPSE_CLUSTER=true)")
  boolean cluster;

  @Override
  public Integer call() throws Exception {
    SynapseConfig config;
    try {
      config = configOptions.load();
    } catch (ConfigException e) {
      System.err.println("synapse: configuration error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    if (cluster || config.cluster()) {
      System.err.println("synapse: cluster mode is not available in this build yet");
      return Main.EXIT_USAGE;
    }
    SynapseNode node;
    try {
      node = SynapseNode.start(config, true).await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("synapse: failed to start: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    System.out.println("Synapse listening on http://" + config.httpHost() + ":" + node.httpPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close().await(config.shutdownGraceMs() + 5000, TimeUnit.MILLISECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
      stopped.countDown();
    }, "synapse-shutdown"));
    stopped.await();
    return 0;
  }
}
