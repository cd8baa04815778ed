package dev.synapse.cli;

import dev.synapse.config.ConfigException;
import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.TextReport;
import dev.synapse.signal.ReviewSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code synapse demo}: starts a node on a free loopback port, submits the bundled SQL-injection
 * sample through the real HTTP API with the {@code security} label, prints the review and stops.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the system, submit a sample SQL-injection diff over HTTP, print the review.")
public final class DemoCommand implements Callable<Integer> {
  /** Classpath location of the sample diff. */
  public static final String SAMPLE = "/samples/sql-injection.diff";

  @Mixin ConfigOptions configOptions;

  @Override
  public Integer call() throws Exception {
    SynapseConfig config;
    try {
      config = configOptions.load().withHttpPort(0);
    } catch (ConfigException e) {
      System.err.println("synapse demo: configuration error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    String diff;
    try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE)) {
      diff = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    SynapseNode node = SynapseNode.start(new SynapseConfig(0, "127.0.0.1", config.publicHost(), null,
        config.actionTimeoutMs(), config.actionMaxRetries(), config.logLevel(), config.securityPoolSize(),
        config.performancePoolSize(), config.signalHistory(), false, config.clusterMembers(), config.clusterPort(),
        config.clusterName(), config.clusterHost(), null, 0, config.maxDiffBytes(), null,
        config.backupIntervalMs(), config.backupKeep(), null, null, true, config.reviewRetention(),
        config.shutdownGraceMs(), null, false, false, config.rulePacks(), config.testCodeMaxSeverity(), config.httpLimits(), null,
        config.reliability().withJournalDir(dev.synapse.config.Reliability.JOURNAL_OFF), null, config.largeReviews()), true).await(60, TimeUnit.SECONDS);
    try {
      String base = "http://127.0.0.1:" + node.httpPort();
      JsonObject body = new JsonObject().put("review_id", "demo-sql-injection").put("diff", diff)
          .put("labels", new JsonArray().add("security")).put("intent", "feature")
          .put("metadata", new JsonObject().put("repo", "demo/user-service"));
      System.out.println("Submitting the sample diff to " + base + "/api/reviews?wait=30 ...\n");
      System.out.println(diff);
      HttpResponse<String> resp = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(base + "/api/reviews?wait=30"))
              .timeout(Duration.ofSeconds(40))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
          HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        System.err.println("synapse demo: server answered " + resp.statusCode() + ": " + resp.body());
        return Main.EXIT_FAILURE;
      }
      ReviewSummary summary = ReviewSummary.fromJson(new JsonObject(resp.body()));
      System.out.print(TextReport.render(summary));
      System.out.println("\nSummary JSON:\n" + new JsonObject(resp.body()).encodePrettily());
      return 0;
    } finally {
      node.close().await(10, TimeUnit.SECONDS);
    }
  }
}
