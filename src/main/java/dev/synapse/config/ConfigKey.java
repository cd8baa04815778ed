package dev.synapse.config;

import java.util.List;

/**
 * Every configuration key: its name in {@code conf/synapse.json}, its environment variable, the
 * accepted aliases (DESIGN.md section 3) and its default. The single table the loader, the
 * configuration table of docs/operations.md and the Kubernetes manifests agree on.
 */
public enum ConfigKey {
  HTTP_PORT("http_port", "SYNAPSE_HTTP_PORT", List.of("PORT"), "4000"),
  HTTP_HOST("http_host", "SYNAPSE_HTTP_HOST", List.of(), "0.0.0.0"),
  PUBLIC_HOST("public_host", "SYNAPSE_PUBLIC_HOST", List.of("PHX_HOST"), null),
  SECRET("secret", "SYNAPSE_SECRET", List.of("SECRET_KEY_BASE"), null),
  ACTION_TIMEOUT_MS("action_timeout_ms", "SYNAPSE_ACTION_TIMEOUT_MS", List.of("JIDO_DEFAULT_TIMEOUT"), "60000"),
  ACTION_MAX_RETRIES("action_max_retries", "SYNAPSE_ACTION_MAX_RETRIES", List.of("JIDO_MAX_RETRIES"), "3"),
  LOG_LEVEL("log_level", "LOG_LEVEL", List.of(), "info"),
  SECURITY_POOL_SIZE("security_pool_size", "SYNAPSE_SECURITY_POOL_SIZE", List.of(), "2"),
  PERFORMANCE_POOL_SIZE("performance_pool_size", "SYNAPSE_PERFORMANCE_POOL_SIZE", List.of(), "2"),
  SIGNAL_HISTORY("signal_history", "SYNAPSE_SIGNAL_HISTORY", List.of(), "10000"),
  CLUSTER("cluster", "SYNAPSE_CLUSTER", List.of(), "false"),
  CLUSTER_MEMBERS("cluster_members", "SYNAPSE_CLUSTER_MEMBERS", List.of(), ""),
  CLUSTER_PORT("cluster_port", "SYNAPSE_CLUSTER_PORT", List.of(), "5701"),
  CLUSTER_NAME("cluster_name", "SYNAPSE_CLUSTER_NAME", List.of(), "synapse"),
  CLUSTER_HOST("cluster_host", "SYNAPSE_CLUSTER_HOST", List.of(), "127.0.0.1"),
  KUBERNETES_SERVICE("kubernetes_service", "SYNAPSE_KUBERNETES_SERVICE", List.of(), null),
  CLUSTER_PUBLIC_HOST("cluster_public_host", "SYNAPSE_CLUSTER_PUBLIC_HOST", List.of(), null),
  CLUSTER_EVENTBUS_PORT("cluster_eventbus_port", "SYNAPSE_CLUSTER_EVENTBUS_PORT", List.of(), "0"),
  CLUSTER_TLS_CERT("cluster_tls_cert", "SYNAPSE_CLUSTER_TLS_CERT", List.of(), null),
  CLUSTER_TLS_KEY("cluster_tls_key", "SYNAPSE_CLUSTER_TLS_KEY", List.of(), null),
  CLUSTER_TLS_CA("cluster_tls_ca", "SYNAPSE_CLUSTER_TLS_CA", List.of(), null),
  RATE_LIMIT("rate_limit", "SYNAPSE_RATE_LIMIT", List.of(), "0"),
  MAX_DIFF_BYTES("max_diff_bytes", "SYNAPSE_MAX_DIFF_BYTES", List.of(), "52428800"),
  BACKUP_DIR("backup_dir", "SYNAPSE_BACKUP_DIR", List.of(), null),
  BACKUP_INTERVAL_MS("backup_interval_ms", "SYNAPSE_BACKUP_INTERVAL_MS", List.of(), "300000"),
  BACKUP_KEEP("backup_keep", "SYNAPSE_BACKUP_KEEP", List.of(), "5"),
  TLS_CERT("tls_cert", "SYNAPSE_TLS_CERT", List.of(), null),
  TLS_KEY("tls_key", "SYNAPSE_TLS_KEY", List.of(), null),
  METRICS_PUBLIC("metrics_public", "SYNAPSE_METRICS_PUBLIC", List.of(), "true"),
  REVIEW_RETENTION("review_retention", "SYNAPSE_REVIEW_RETENTION", List.of(), "10000"),
  SHUTDOWN_GRACE_MS("shutdown_grace_ms", "SYNAPSE_SHUTDOWN_GRACE_MS", List.of(), "20000"),
  LOG_FILE("log_file", "SYNAPSE_LOG_FILE", List.of(), null),
  LOG_JSON("log_json", "SYNAPSE_LOG_JSON", List.of(), "false"),
  /** Extra rule-pack directories (comma-separated), loaded after the bundled packs. */
  RULE_PACKS("rule_packs", "SYNAPSE_RULE_PACKS", List.of(), ""),
  /** Benchmark only: serves {@code POST /bench/echo} (echoes the body), the HTTP ceiling of bench/run.sh. */
  BENCH_ECHO("bench_echo", "SYNAPSE_BENCH_ECHO", List.of(), "false"),
  /** Highest severity reported for a finding in test code; {@code none} drops them (TestCodePolicy). */
  TEST_CODE_MAX_SEVERITY("test_code_max_severity", "SYNAPSE_TEST_CODE_MAX_SEVERITY", List.of(), "low"),
  /** Node-wide bytes of request bodies being read at once; 0 = a quarter of the maximum heap. */
  MAX_INFLIGHT_BYTES("max_inflight_bytes", "SYNAPSE_MAX_INFLIGHT_BYTES", List.of(), "0"),
  HTTP_HEADER_TIMEOUT_MS("http_header_timeout_ms", "SYNAPSE_HTTP_HEADER_TIMEOUT_MS", List.of(), "10000"),
  HTTP_BODY_TIMEOUT_MS("http_body_timeout_ms", "SYNAPSE_HTTP_BODY_TIMEOUT_MS", List.of(), "30000"),
  HTTP_MAX_CONNECTIONS("http_max_connections", "SYNAPSE_HTTP_MAX_CONNECTIONS", List.of(), "10000"),
  /** Single-node journal folder; {@code off} disables it; unset: see {@link Reliability#journalPath}. */
  JOURNAL_DIR("journal_dir", "SYNAPSE_JOURNAL_DIR", List.of(), null),
  /** Byte bound of the review store; 0 = a quarter of the maximum heap. */
  REVIEW_RETENTION_BYTES("review_retention_bytes", "SYNAPSE_REVIEW_RETENTION_BYTES", List.of(), "0"),
  CLUSTER_BACKUP_COUNT("cluster_backup_count", "SYNAPSE_CLUSTER_BACKUP_COUNT", List.of(), "2"),
  CLUSTER_EXPECTED_SIZE("cluster_expected_size", "SYNAPSE_CLUSTER_EXPECTED_SIZE", List.of(), "0"),
  REVIEW_BUDGET_MS("review_budget_ms", "SYNAPSE_REVIEW_BUDGET_MS", List.of(), "300000"),
  /** GitHub App webhook secret; unset = {@code POST /webhooks/github} is not served. */
  GITHUB_WEBHOOK_SECRET("github_webhook_secret", "SYNAPSE_GITHUB_WEBHOOK_SECRET", List.of(), null),
  GITHUB_APP_ID("github_app_id", "SYNAPSE_GITHUB_APP_ID", List.of(), null),
  /** PEM text of the app's private key, or the path of a PEM file. */
  GITHUB_PRIVATE_KEY("github_private_key", "SYNAPSE_GITHUB_PRIVATE_KEY", List.of(), null),
  GITHUB_TOKEN("github_token", "SYNAPSE_GITHUB_TOKEN", List.of(), null),
  GITHUB_API_URL("github_api_url", "SYNAPSE_GITHUB_API_URL", List.of(), "https://api.github.com"),
  GITHUB_REVIEW_DRAFTS("github_review_drafts", "SYNAPSE_GITHUB_REVIEW_DRAFTS", List.of(), "false"),
  GITHUB_FAIL_ON("github_fail_on", "SYNAPSE_GITHUB_FAIL_ON", List.of(), "high"),
  GITHUB_DELIVERY_TTL_MS("github_delivery_ttl_ms", "SYNAPSE_GITHUB_DELIVERY_TTL_MS", List.of(), "259200000"),
  /** Diffs of at least this many characters run in the large-review lane ({@link LargeReviews}). */
  LARGE_REVIEW_BYTES("large_review_bytes", "SYNAPSE_LARGE_REVIEW_BYTES", List.of(), "1048576"),
  /** Threads of the large-review lane; 0 = the number of cores. */
  LARGE_REVIEW_THREADS("large_review_threads", "SYNAPSE_LARGE_REVIEW_THREADS", List.of(), "0"),
  /** Review bodies of at least this many bytes are spooled to a temporary file while received. */
  SPOOL_BYTES("spool_bytes", "SYNAPSE_SPOOL_BYTES", List.of(), "1048576");

  private final String jsonName;
  private final String env;
  private final List<String> aliases;
  private final String defaultValue;

  ConfigKey(String jsonName, String env, List<String> aliases, String defaultValue) {
    this.jsonName = jsonName;
    this.env = env;
    this.aliases = aliases;
    this.defaultValue = defaultValue;
  }

  /** @return the key's name in {@code conf/synapse.json} */
  public String jsonName() {
    return jsonName;
  }

  /** @return the environment variable */
  public String env() {
    return env;
  }

  /** @return environment aliases, read when {@link #env()} is unset */
  public List<String> aliases() {
    return aliases;
  }

  /** @return the default as text, or null for "unset" */
  public String defaultValue() {
    return defaultValue;
  }
}
