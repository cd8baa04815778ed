package dev.synapse.cli;

import dev.synapse.config.ConfigException;
import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import dev.synapse.review.ReviewService;
import dev.synapse.review.TextReport;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Severity;
import dev.synapse.signal.ValidationException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import dev.synapse.github.RepoConfig;
import dev.synapse.github.RepoConfigParser;
import dev.synapse.signal.Finding;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code synapse review [FILE|-]}: reviews a diff in-process (or against a running node with
 * {@code --url}) and prints the summary. The exit code gates CI: 1 when the summary's severity is
 * at or above {@code --fail-on}, 2 for bad input, 3 when the review failed.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
    description = "Review a unified diff (file or stdin) and print the result.")
public final class ReviewCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", description = "diff file, or - for stdin (default)")
  String file = "-";

  @Option(names = "--url", paramLabel = "URL", description = "review on a running node, e.g. http://localhost:4000")
  URI url;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or sarif (SARIF 2.1.0 for code scanning)")
  String format = "text";

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "exit 1 when the review's severity is at or above: low, medium or high (default: never)")
  String failOn;

  @Option(names = {"--label", "-l"}, paramLabel = "LABEL", description = "label, repeatable (e.g. security)")
  List<String> labels = new ArrayList<>();

  @Option(names = "--intent", paramLabel = "INTENT", description = "feature, bugfix, hotfix, refactor, …")
  String intent;

  @Option(names = "--risk", paramLabel = "0.0-1.0", description = "risk factor")
  Double risk;

  @Option(names = "--repo", paramLabel = "NAME", description = "repository name (learned patterns are per repository)")
  String repo;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "the node's secret for --url, used to sign the request (default: $SYNAPSE_TOKEN, then $SYNAPSE_SECRET); prefer the environment")
  String token;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "longest wait for the summary (default 120)")
  int timeoutSeconds = 120;

  @Option(names = "--config", paramLabel = "FILE",
      description = "a repository's .synapse.yml: fail_on (when --fail-on is absent), ignore_paths, disable, min_confidence, deep_review_labels")
  Path repoConfig;

  @Mixin ConfigOptions configOptions;

  @Mixin RulesOptions rulesOptions;

  PrintStream out = System.out;
  PrintStream err = System.err;
  InputStream in = System.in;

  @Override
  public Integer call() {
    if (!List.of("text", "json", "sarif").contains(format)) {
      err.println("synapse review: --format must be text, json or sarif");
      return Main.EXIT_USAGE;
    }
    Severity gate = null;
    if (failOn != null) {
      try {
        gate = Severity.parse(failOn);
      } catch (IllegalArgumentException e) {
        err.println("synapse review: --fail-on: " + e.getMessage());
        return Main.EXIT_USAGE;
      }
    }
    String diff;
    try {
      diff = "-".equals(file) ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("synapse review: cannot read " + file + ": " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    if (url != null && !rulesOptions.dirs().isEmpty()) {
      err.println("synapse review: --rules applies to in-process reviews; a node at --url uses its own rule_packs");
      return Main.EXIT_USAGE;
    }
    RepoConfig settings = RepoConfig.DEFAULT;
    if (repoConfig != null) {
      try {
        settings = new RepoConfigParser().parse(Files.readString(repoConfig, StandardCharsets.UTF_8));
      } catch (IOException e) {
        err.println("synapse review: cannot read " + repoConfig + ": " + e.getMessage());
        return Main.EXIT_USAGE;
      } catch (RepoConfigParser.InvalidConfigException e) {
        err.println("synapse review: " + repoConfig + ": " + e.getMessage());
        return Main.EXIT_USAGE;
      }
      if (gate == null) gate = settings.failOn();
    }
    JsonObject body = new JsonObject().put("diff", diff).put("labels", new JsonArray(new ArrayList<>(labels)));
    if (intent != null) body.put("intent", intent);
    if (risk != null) body.put("risk_factor", risk);
    else if (settings.forcesDeepReview(labels)) body.put("risk_factor", 1.0);
    if (repo != null) body.put("metadata", new JsonObject().put("repo", repo));
    ReviewSummary summary;
    try {
      summary = url != null ? remote(body) : inProcess(body);
    } catch (ValidationException e) {
      err.println("synapse review: " + e.code() + ": " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (ConfigException e) {
      err.println("synapse review: configuration error: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (Exception e) {
      err.println("synapse review: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      return Main.EXIT_FAILURE;
    }
    if (summary == null) {
      err.println("synapse review: no summary within " + timeoutSeconds + " s");
      return Main.EXIT_FAILURE;
    }
    if (repoConfig != null) summary = filtered(summary, settings);
    print(summary);
    if (summary.empty()) {
      err.println("synapse review: the diff is empty, nothing was reviewed (git diff outside a repository,"
          + " or no changes?)");
    }
    if (ReviewSummary.FAILED.equals(summary.status())) return Main.EXIT_FAILURE;
    if (gate != null && gate != Severity.NONE && summary.severity().ordinal() >= gate.ordinal()) return Main.EXIT_GATE;
    return 0;
  }

  /** @return the summary with only the findings the repository configuration keeps, severity recomputed */
  static ReviewSummary filtered(ReviewSummary summary, RepoConfig settings) {
    List<Finding> kept = settings.filter(summary.findings());
    Severity max = Severity.NONE;
    JsonArray findings = new JsonArray();
    for (Finding f : kept) {
      max = max.max(f.severity());
      findings.add(f.toJson());
    }
    return ReviewSummary.fromJson(summary.toJson().put("findings", findings).put("severity", max.wire()));
  }

  private void print(ReviewSummary summary) {
    switch (format) {
      case "json" -> out.println(summary.toJson().encodePrettily());
      case "sarif" -> out.println(dev.synapse.review.SarifRenderer.render(summary));
      default -> out.print(TextReport.render(summary));
    }
  }

  private ReviewSummary inProcess(JsonObject body) throws Exception {
    SynapseConfig config = rulesOptions.apply(configOptions.load(), true);
    SynapseNode.knowledge(config); // a bad rule pack fails here with file:line, before any node starts
    var request = ReviewService.validate(body);
    SynapseNode node = SynapseNode.start(config, false).await(60, TimeUnit.SECONDS);
    try {
      return node.reviews().submit(request)
          .compose(sub -> node.reviews().awaitSummary(sub.review().reviewId(), timeoutSeconds * 1000L))
          .await(timeoutSeconds + 5L, TimeUnit.SECONDS);
    } finally {
      node.close().await(10, TimeUnit.SECONDS);
    }
  }

  private ReviewSummary remote(JsonObject body) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI target = url.resolve("/api/reviews?wait=" + Math.min(timeoutSeconds, 300));
    byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder req = HttpRequest.newBuilder(target)
        .timeout(Duration.ofSeconds(timeoutSeconds + 10L))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    String secret = token != null ? token : System.getenv("SYNAPSE_TOKEN");
    if (secret == null || secret.isEmpty()) secret = System.getenv("SYNAPSE_SECRET");
    // signed (docs/security.md): the secret itself never crosses the network
    AdminClient.sign(req, "POST", target, bytes, secret);
    HttpResponse<String> resp;
    try {
      resp = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IOException("cannot connect to " + url + " (is the node running?)", e);
    } catch (HttpTimeoutException e) {
      throw new IOException("no answer from " + url + " within " + (timeoutSeconds + 10L) + " s", e);
    }
    if (resp.statusCode() == 400) {
      JsonObject e = new JsonObject(resp.body());
      throw new ValidationException(e.getString("error"), null, e.getString("message"));
    }
    if (resp.statusCode() == 202) return null;
    if (resp.statusCode() != 200) {
      throw new IOException("server answered " + resp.statusCode() + ": " + resp.body());
    }
    JsonObject json = new JsonObject(resp.body());
    if (json.containsKey("summary")) json = json.getJsonObject("summary");
    if (!json.containsKey("severity")) return null;
    return ReviewSummary.fromJson(json);
  }
}
