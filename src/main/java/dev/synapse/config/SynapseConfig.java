package dev.synapse.config;

import dev.synapse.signal.Severity;
import java.nio.file.Path;
import java.util.List;

/**
 * Immutable, validated configuration handed to every component. Built by {@link ConfigLoader}
 * from {@code conf/synapse.json}, then the environment, then a {@code --conf} file (DESIGN.md
 * section 3, "Configuration"); see {@link ConfigKey} for names, aliases and defaults.
 *
 * @param httpPort HTTP port, 0 picks a free port (tests)
 * @param httpHost bind address
 * @param publicHost host name used in links, or null
 * @param secret shared secret for ingress authentication, or null for open ingress
 * @param actionTimeoutMs per-action timeout in ms
 * @param actionMaxRetries retries of a failed action (0 = run once)
 * @param logLevel root log level
 * @param securityPoolSize security specialist instances per node
 * @param performancePoolSize performance specialist instances per node
 * @param signalHistory signals kept for replay
 * @param cluster true to join a Hazelcast cluster
 * @param clusterMembers TCP-IP members {@code host:port}
 * @param clusterPort Hazelcast port
 * @param clusterName Hazelcast cluster name
 * @param clusterHost interface Hazelcast binds to
 * @param kubernetesService headless Service DNS name for Kubernetes discovery, or null
 * @param rateLimit requests per minute per source, 0 = unlimited
 * @param maxDiffBytes largest accepted request body in bytes
 * @param backupDir snapshot folder, or null for no snapshots
 * @param backupIntervalMs snapshot period in ms
 * @param backupKeep snapshots kept
 * @param tlsCert PEM certificate path, or null
 * @param tlsKey PEM key path, or null
 * @param metricsPublic true when {@code /metrics} needs no authentication
 * @param reviewRetention completed reviews kept in the store
 * @param shutdownGraceMs grace period for draining in-flight reviews on SIGTERM, in ms
 * @param logFile rolling log file, or null for console only
 * @param logJson true for JSON-lines logs
 * @param benchEcho true to serve {@code POST /bench/echo} (benchmark ceiling; off by default)
 * @param rulePacks extra rule-pack directories, loaded after the bundled packs (may be empty)
 * @param testCodeMaxSeverity highest severity of a finding in test code ({@code none} drops them)
 * @param httpLimits limits of the HTTP edge (in-flight body bytes, header and body timeouts,
 *     connections); {@link HttpLimits#DEFAULTS} when null
 * @param clusterTransport event-bus port, advertised address and cluster TLS material
 * @param reliability journal, byte retention, cluster backups and quorum, review budget
 * @param github the GitHub App settings ({@link GitHubConfig#enabled()} false when no webhook secret)
 * @param largeReviews the large-review lane and body spooling; {@link LargeReviews#DEFAULTS} when null
 */
public record SynapseConfig(
    int httpPort,
    String httpHost,
    String publicHost,
    String secret,
    long actionTimeoutMs,
    int actionMaxRetries,
    String logLevel,
    int securityPoolSize,
    int performancePoolSize,
    int signalHistory,
    boolean cluster,
    List<String> clusterMembers,
    int clusterPort,
    String clusterName,
    String clusterHost,
    String kubernetesService,
    int rateLimit,
    long maxDiffBytes,
    Path backupDir,
    long backupIntervalMs,
    int backupKeep,
    Path tlsCert,
    Path tlsKey,
    boolean metricsPublic,
    int reviewRetention,
    long shutdownGraceMs,
    Path logFile,
    boolean logJson,
    boolean benchEcho,
    List<Path> rulePacks,
    Severity testCodeMaxSeverity,
    HttpLimits httpLimits,
    ClusterTransport clusterTransport,
    Reliability reliability,
    GitHubConfig github,
    LargeReviews largeReviews) {

  public SynapseConfig {
    clusterMembers = clusterMembers == null ? List.of() : List.copyOf(clusterMembers);
    rulePacks = rulePacks == null ? List.of() : List.copyOf(rulePacks);
    if (testCodeMaxSeverity == null) testCodeMaxSeverity = Severity.LOW;
    httpLimits = httpLimits == null ? HttpLimits.DEFAULTS : httpLimits;
    clusterTransport = clusterTransport == null ? ClusterTransport.DEFAULT : clusterTransport;
    github = github == null ? GitHubConfig.DISABLED : github;
    largeReviews = largeReviews == null ? LargeReviews.DEFAULTS : largeReviews;
  }

  /** @return the defaults of {@link ConfigKey}, no file and no environment */
  public static SynapseConfig defaults() {
    return ConfigLoader.fromValues(new java.util.HashMap<>());
  }

  /** @return true when ingress authentication is on */
  public boolean authEnabled() {
    return secret != null && !secret.isEmpty();
  }

  /** @return a copy listening on the given HTTP port */
  public SynapseConfig withHttpPort(int port) {
    return new SynapseConfig(port, httpHost, publicHost, secret, actionTimeoutMs, actionMaxRetries,
        logLevel, securityPoolSize, performancePoolSize, signalHistory, cluster, clusterMembers,
        clusterPort, clusterName, clusterHost, kubernetesService, rateLimit, maxDiffBytes,
        backupDir, backupIntervalMs, backupKeep, tlsCert, tlsKey, metricsPublic, reviewRetention,
        shutdownGraceMs, logFile, logJson, benchEcho, rulePacks, testCodeMaxSeverity, httpLimits, clusterTransport, reliability, github, largeReviews);
  }

  /** @return a copy with other reliability settings */
  public SynapseConfig withReliability(Reliability r) {
    return new SynapseConfig(httpPort, httpHost, publicHost, secret, actionTimeoutMs, actionMaxRetries,
        logLevel, securityPoolSize, performancePoolSize, signalHistory, cluster, clusterMembers,
        clusterPort, clusterName, clusterHost, kubernetesService, rateLimit, maxDiffBytes,
        backupDir, backupIntervalMs, backupKeep, tlsCert, tlsKey, metricsPublic, reviewRetention,
        shutdownGraceMs, logFile, logJson, benchEcho, rulePacks, testCodeMaxSeverity, httpLimits, clusterTransport, r, github, largeReviews);
  }

  /** @return a copy with other large-review settings */
  public SynapseConfig withLargeReviews(LargeReviews l) {
    return new SynapseConfig(httpPort, httpHost, publicHost, secret, actionTimeoutMs, actionMaxRetries,
        logLevel, securityPoolSize, performancePoolSize, signalHistory, cluster, clusterMembers,
        clusterPort, clusterName, clusterHost, kubernetesService, rateLimit, maxDiffBytes,
        backupDir, backupIntervalMs, backupKeep, tlsCert, tlsKey, metricsPublic, reviewRetention,
        shutdownGraceMs, logFile, logJson, benchEcho, rulePacks, testCodeMaxSeverity, httpLimits, clusterTransport, reliability, github, l);
  }

  /** @return a copy with the given action timeout (ms) and retries */
  public SynapseConfig withActions(long timeoutMs, int retries) {
    return new SynapseConfig(httpPort, httpHost, publicHost, secret, timeoutMs, retries,
        logLevel, securityPoolSize, performancePoolSize, signalHistory, cluster, clusterMembers,
        clusterPort, clusterName, clusterHost, kubernetesService, rateLimit, maxDiffBytes,
        backupDir, backupIntervalMs, backupKeep, tlsCert, tlsKey, metricsPublic, reviewRetention,
        shutdownGraceMs, logFile, logJson, benchEcho, rulePacks, testCodeMaxSeverity, httpLimits, clusterTransport, reliability, github, largeReviews);
  }

  /** @return a copy whose rule-pack directories are these */
  public SynapseConfig withRulePacks(List<Path> dirs) {
    return new SynapseConfig(httpPort, httpHost, publicHost, secret, actionTimeoutMs, actionMaxRetries,
        logLevel, securityPoolSize, performancePoolSize, signalHistory, cluster, clusterMembers,
        clusterPort, clusterName, clusterHost, kubernetesService, rateLimit, maxDiffBytes,
        backupDir, backupIntervalMs, backupKeep, tlsCert, tlsKey, metricsPublic, reviewRetention,
        shutdownGraceMs, logFile, logJson, benchEcho, dirs, testCodeMaxSeverity, httpLimits, clusterTransport, reliability, github, largeReviews);
  }
}
